/**
 * Code-aware assets: the string literal under the cursor, whether it names a media file, and
 * where that file would be (relative to the code file, to the workspace folder, or `res://`
 * from a Godot project's root). Pure: no `vscode` import.
 */
import * as path from 'node:path';

export const MEDIA_EXTENSIONS = ['.wav', '.mp3', '.ogg', '.opus', '.flac', '.m4a', '.aac', '.mp4', '.webm', '.mov'];

/** The string literal ('…', "…" or `…`) on `line` that contains `character`, without its quotes. */
export function stringAt(line: string, character: number): { value: string; start: number; end: number } | undefined {
	let i = 0;
	while (i < line.length) {
		const quote = line[i];
		if (quote !== '"' && quote !== '\'' && quote !== '`') { i++; continue; }
		let j = i + 1;
		while (j < line.length && line[j] !== quote) { j += line[j] === '\\' ? 2 : 1; }
		if (j >= line.length) { return undefined; }
		if (character > i && character <= j) { return { value: line.slice(i + 1, j), start: i + 1, end: j }; }
		i = j + 1;
	}
	return undefined;
}

/** Whether `value` names a media file (by its extension). */
export function isMediaPath(value: string): boolean {
	return MEDIA_EXTENSIONS.includes(path.extname(value.split(/[?#]/)[0]).toLowerCase());
}

/** Where `value` may point, most likely first: `res://` from the Godot root, beside the code file, from the workspace folder. */
export function mediaPathCandidates(value: string, codeFile: string, workspaceRoot: string | undefined, godotRoot?: string): string[] {
	if (/^res:\/\//.test(value)) { return godotRoot ? [path.join(godotRoot, value.slice('res://'.length))] : []; }
	if (path.isAbsolute(value)) { return [value]; }
	const out = [path.resolve(path.dirname(codeFile), value)];
	if (workspaceRoot) { out.push(path.resolve(workspaceRoot, value)); }
	return [...new Set(out)];
}

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
		if (quote !== '"' && quote !== "'" && quote !== '`') {
			i++;
			continue;
		}
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

/** Audio file extensions a missing file may be generated for. */
export const AUDIO_EXTENSIONS = ['.wav', '.ogg', '.mp3'];

/** Suno Sounds names keys with sharps. */
const FLAT_TO_SHARP: Record<string, string> = { D: 'C#', E: 'D#', G: 'F#', A: 'G#', B: 'A#' };

/** What a file name says about the sound it should hold: `footstep-gravel-03.wav` → "footstep gravel"; `rain-loop-120bpm-Am.ogg` → a loop at 120 BPM in A minor. */
export function soundRequestFromName(file: string): { prompt: string; soundLoop: boolean; soundTempo?: number; soundKey?: string } {
	const stem = path.basename(file.split(/[?#]/)[0]).replace(/\.[^.]+$/, '');
	const words = stem.split(/[-_\s.]+|(?<=[a-z])(?=[A-Z][a-z])/).filter(Boolean);
	let soundLoop = false;
	let soundTempo: number | undefined;
	let soundKey: string | undefined;
	const kept: string[] = [];
	for (const w of words) {
		const bpm = /^(\d{2,3})bpm$/i.exec(w);
		if (bpm) {
			soundTempo = Number(bpm[1]);
			continue;
		}
		if (/^loop(ed|ing)?$/i.test(w)) {
			soundLoop = true;
			continue;
		}
		if (/^[A-G][#b]?m?$/.test(w) && words.length > 1) {
			soundKey = w.replace(/^([A-G])b/, (_m, n: string) => FLAT_TO_SHARP[n] ?? n);
			continue;
		}
		if (/^(v?\d+|sfx|snd|fx)$/i.test(w)) { continue; }
		kept.push(w.toLowerCase());
	}
	return { prompt: kept.join(' ') || stem, soundLoop, ...(soundTempo ? { soundTempo } : {}), ...(soundKey ? { soundKey } : {}) };
}

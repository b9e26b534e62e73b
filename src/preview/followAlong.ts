import * as vscode from 'vscode';
import type { TaskSnapshot } from '../shared/domain';

/**
 * Follow along: while a job's joined file plays in the preview, the paragraph being heard is
 * highlighted in its source editor (a decoration, which VS Code moves with edits), and the
 * cursor's paragraph can be played from ("EvoLink: Play from Cursor").
 */
let decoration: vscode.TextEditorDecorationType | undefined;

function decorationType(): vscode.TextEditorDecorationType {
	decoration ??= vscode.window.createTextEditorDecorationType({
		backgroundColor: new vscode.ThemeColor('editor.wordHighlightStrongBackground'),
		overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.wordHighlightStrongForeground'),
		overviewRulerLane: vscode.OverviewRulerLane.Center,
		isWholeLine: true,
	});
	return decoration;
}

/** Highlights the paragraph of part `part` of `job` in every visible editor of its source; undefined clears. */
export function highlightPart(job: TaskSnapshot | undefined, part: number | undefined): vscode.Range | undefined {
	const source = job?.job?.source;
	const paragraph = part === undefined ? undefined : job?.job?.parts.find((p) => p.index === part)?.paragraph;
	const lines = paragraph === undefined ? undefined : source?.paragraphLines[paragraph];
	let shown: vscode.Range | undefined;
	for (const editor of vscode.window.visibleTextEditors) {
		if (!source || editor.document.uri.toString() !== source.uri) { continue; }
		if (!lines) {
			editor.setDecorations(decorationType(), []);
			continue;
		}
		const last = Math.max(lines[0], Math.min(lines[1] - 1, editor.document.lineCount - 1));
		shown = new vscode.Range(lines[0], 0, last, editor.document.lineAt(last).text.length);
		editor.setDecorations(decorationType(), [shown]);
		editor.revealRange(shown, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
	}
	return shown;
}

/** The newest joined job made from `uri` with a paragraph at `line`, and its first part there. */
export function partAtLine(tasks: readonly TaskSnapshot[], uri: string, line: number): { job: TaskSnapshot; part: number } | undefined {
	for (const job of tasks) {
		const source = job.job?.source;
		if (!source || source.uri !== uri || job.status !== 'completed' || !job.job?.offsetsSec) { continue; }
		const paragraph = source.paragraphLines.findIndex(([start, end]) => line >= start && line < end);
		const part = job.job.parts.find((p) => p.paragraph === paragraph);
		if (part) { return { job, part: part.index }; }
	}
	return undefined;
}

/** Clears the highlight (the preview closed). */
export function disposeFollowAlong(): void {
	decoration?.dispose();
	decoration = undefined;
}

import * as vscode from 'vscode';
import { loadCore } from '../loadCore';
import { applyLexicon, LEXICON_PATH, parseLexicon, withEntry, type Lexicon } from '../text/lexicon';

/**
 * What Speak Selection sends: each selection (or the options argument's prompt) made
 * speakable (Markdown syntax and code dropped, comments kept) and the workspace's lexicon
 * applied. The adapter around the pure `text/` modules.
 */

/** The options-argument fields that shape the text and are not sent to the provider. */
export interface TextOptions {
	/** `false` sends the text as it is. */
	clean?: boolean;
	/** The language the prompt is written in (a VS Code language id; default Markdown). */
	languageId?: string;
}

/** The workspace folder whose `.evolink/` files apply: the active editor's, or the first. */
export function activeWorkspaceFolder(): vscode.WorkspaceFolder | undefined {
	const uri = vscode.window.activeTextEditor?.document.uri;
	return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** The lexicon of `folder` (empty when there is none); a malformed file throws with what is wrong. */
export async function readLexicon(folder = activeWorkspaceFolder()): Promise<Lexicon> {
	if (!folder) { return {}; }
	let bytes: Uint8Array;
	try {
		bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, LEXICON_PATH));
	} catch {
		return {};
	}
	return parseLexicon(new TextDecoder().decode(bytes));
}

/** Makes `texts` speakable: cleaned for `languageId` (unless turned off) and the lexicon applied. */
export async function speakable(texts: string[], languageId: string, options: TextOptions = {}): Promise<string[]> {
	const clean = options.clean ?? vscode.workspace.getConfiguration('evolink', activeWorkspaceFolder()).get<boolean>('speech.cleanText', true);
	const lexicon = await readLexicon();
	// The cleaner (markdown-it) lives in dist/core.js, which a generation loads anyway.
	const { cleanForSpeech } = loadCore();
	return texts
		.map((t) => clean ? cleanForSpeech(t, options.languageId ?? languageId) : t)
		.map((t) => applyLexicon(t, lexicon))
		.filter((t) => t.trim().length > 0);
}

/** The non-empty selections of the active editor (one entry per cursor), with the editor's language. */
export function editorSelections(): { texts: string[]; languageId: string } | undefined {
	const editor = vscode.window.activeTextEditor;
	if (!editor) { return undefined; }
	const texts = editor.selections.map((s) => editor.document.getText(s)).filter((t) => t.trim());
	return texts.length ? { texts, languageId: editor.document.languageId } : undefined;
}

/**
 * "EvoLink: Add Pronunciation": the selected word (or the word at the cursor, or `word`)
 * and how to say it go into `.evolink/lexicon.json` of the workspace folder.
 */
export async function addPronunciation(word?: string, said?: string): Promise<string | undefined> {
	const folder = activeWorkspaceFolder();
	if (!folder) {
		void vscode.window.showWarningMessage('Open a folder first: the pronunciation lexicon lives in its .evolink/lexicon.json.');
		return undefined;
	}
	const editor = vscode.window.activeTextEditor;
	const fromEditor = editor && (editor.selection.isEmpty
		? editor.document.getText(editor.document.getWordRangeAtPosition(editor.selection.active))
		: editor.document.getText(editor.selection));
	const target = (word ?? fromEditor ?? '').trim();
	if (!target) {
		void vscode.window.showWarningMessage('Select the word to add to the pronunciation lexicon.');
		return undefined;
	}
	const lexicon = await readLexicon(folder);
	const pronunciation = said ?? await vscode.window.showInputBox({
		title: `How should "${target}" be read?`,
		prompt: 'Spell it the way it sounds, e.g. MAH-rah. Applies to every Speak Selection in this folder.',
		value: lexicon[target] ?? '',
		ignoreFocusOut: true,
	});
	if (pronunciation === undefined || !pronunciation.trim()) { return undefined; }
	const file = vscode.Uri.joinPath(folder.uri, LEXICON_PATH);
	await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.evolink'));
	await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(withEntry(lexicon, target, pronunciation.trim()), null, '\t')}\n`));
	vscode.window.setStatusBarMessage(`$(check) "${target}" will be read as "${pronunciation.trim()}"`, 5000);
	return file.fsPath;
}

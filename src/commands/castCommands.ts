import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../app';
import { getModel } from '../catalog';
import { mimeTypeOf } from '../shared/mime';
import { CAST_PATH, missingFromCast, parseCast, parseScript, speakersOf, voiceOf, type Cast } from '../text/script';
import { Dismissed } from './errors';
import type { SpeechScript } from './generationFlow';
import { activeWorkspaceFolder, speakable } from './speechText';
import { pickVoice } from './voices';

/**
 * Scripts spoken by a cast: `.evolink/cast.json` (or the options argument's `cast`) gives each
 * speaker a voice; a script's lines become one job in script order. "EvoLink: Build Cast from
 * Script" finds the speakers and asks a voice for each one the cast lacks.
 */

/** The cast of the workspace folder, or undefined when there is no cast file. */
export async function readCast(folder = activeWorkspaceFolder()): Promise<Cast | undefined> {
	if (!folder) { return undefined; }
	let bytes: Uint8Array;
	try {
		bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, CAST_PATH));
	} catch {
		return undefined;
	}
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder().decode(bytes));
	} catch (err) {
		throw new Error(vscode.l10n.t('{0} is not valid JSON ({1}).', CAST_PATH, err instanceof Error ? err.message : String(err)));
	}
	return parseCast(json);
}

/**
 * When `raw` is a script and a cast exists: its lines, made speakable, each with its speaker's
 * model and voice. Speakers without a voice stop everything before a request is sent.
 */
export async function castScript(app: App, raw: string, castArg: unknown, clean: boolean | undefined): Promise<SpeechScript | undefined> {
	const cast = castArg !== undefined ? parseCast(castArg) : await readCast();
	if (!cast) { return undefined; }
	const lines = parseScript(raw);
	if (!lines) { return undefined; }
	const missing = missingFromCast(lines, cast);
	if (missing.length) {
		throw new Error(
			missing.length === 1
				? vscode.l10n.t('No voice in the cast for {0}. Add it to {1} (EvoLink: Build Cast from Script) and speak again; nothing was sent.', missing[0], CAST_PATH)
				: vscode.l10n.t(
					'No voice in the cast for {0}. Add them to {1} (EvoLink: Build Cast from Script) and speak again; nothing was sent.',
					missing.join(', '),
					CAST_PATH,
				),
		);
	}
	const spoken: SpeechScript['lines'] = [];
	for (const line of lines) {
		const [text] = await speakable([line.text], 'markdown', { clean });
		if (!text) { continue; }
		const voice = voiceOf(cast, line.speaker)!;
		const options = 'referenceAudio' in voice ? { referenceAudio: await uploadedClip(app, voice.referenceAudio) } : { voice: voice.voice };
		spoken.push({ speaker: line.speaker, text, model: voice.model, options, maxChars: getModel(voice.model)?.maxPromptChars ?? 600 });
	}
	return { lines: spoken, text: spoken.map((l) => `${l.speaker}: ${l.text}`).join('\n') };
}

/** A reference clip as a URL: https passes; a workspace path is uploaded once per script. */
async function uploadedClip(app: App, clip: string): Promise<string> {
	if (/^https?:\/\//.test(clip)) { return clip; }
	const folder = activeWorkspaceFolder();
	const file = path.isAbsolute(clip) || !folder ? clip : path.join(folder.uri.fsPath, clip);
	return (await (await app.services()).evolink().uploadFile(file, { mimeType: mimeTypeOf(file) })).fileUrl;
}

/**
 * "EvoLink: Build Cast from Script": the speakers of the selection (or the whole file), each
 * given a voice (`voices` from a script, else picked from the preset list), merged into the cast
 * file. Returns the cast file's path.
 */
export async function buildCast(app: App, arg?: unknown): Promise<string | undefined> {
	const folder = activeWorkspaceFolder();
	const editor = vscode.window.activeTextEditor;
	if (!folder || !editor) {
		void vscode.window.showWarningMessage(vscode.l10n.t('Open a script in a workspace folder first: the cast is kept in its {0}.', CAST_PATH));
		return undefined;
	}
	const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
	const lines = parseScript(text);
	if (!lines) {
		void vscode.window.showWarningMessage(vscode.l10n.t('No script found: write lines as "NAME: line", "**Name:** line" or under a heading per speaker.'));
		return undefined;
	}
	const given = typeof arg === 'object' && arg !== null && 'voices' in arg ? (arg as { voices: unknown }).voices : undefined;
	const file = vscode.Uri.joinPath(folder.uri, CAST_PATH);
	let existing: Record<string, unknown> = {};
	try {
		existing = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<string, unknown>;
	} catch { /* no cast yet */ }
	const known = parseCast(existing);
	const next: Record<string, unknown> = { ...existing };
	try {
		for (const speaker of speakersOf(lines)) {
			if (voiceOf(known, speaker)) { continue; }
			const fromArg = given && typeof given === 'object' ? (given as Record<string, unknown>)[speaker] : undefined;
			if (fromArg !== undefined) {
				next[speaker] = fromArg;
				continue;
			}
			const answers: Record<string, unknown> = {};
			const voice = await pickVoice(app, undefined, answers);
			next[speaker] = voice ?? { referenceAudio: answers.referenceAudio };
		}
	} catch (err) {
		if (!(err instanceof Dismissed)) { throw err; }
	}
	parseCast(next);
	await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.evolink'));
	await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(next, null, '\t')}\n`));
	const speakers = Object.keys(next).length;
	vscode.window.setStatusBarMessage(speakers === 1 ? vscode.l10n.t('$(check) Cast saved: 1 speaker') : vscode.l10n.t('$(check) Cast saved: {0} speakers', speakers), 5000);
	return file.fsPath;
}

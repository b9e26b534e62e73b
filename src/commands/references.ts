import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectFacts, referenceFor } from '../assets/references';

const VIDEO = new Set(['.mp4', '.webm', '.mov', '.ogv', '.m4v']);

/**
 * Inserts at the cursor of `editor` the reference its code needs to load `file`: GDScript's
 * `preload("res://…")`, Unity's `Resources.Load<AudioClip>(…)`, LÖVE's `love.audio.newSource`,
 * Bevy's `asset_server.load`, a quoted relative path, an `<audio>` element or a Markdown link
 * (see `assets/references.ts`). Returns the inserted text.
 */
export async function insertReference(editor: vscode.TextEditor, file: string): Promise<string> {
	const target = editor.document.uri.fsPath;
	const root = vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri.fsPath ?? path.dirname(target);
	const facts = detectFacts(root, target, (p) => fs.existsSync(p), (p) => {
		try {
			return fs.readFileSync(p, 'utf8');
		} catch {
			return undefined;
		}
	});
	const text = referenceFor({ asset: file, target, languageId: editor.document.languageId, kind: VIDEO.has(path.extname(file).toLowerCase()) ? 'video' : 'audio', facts });
	await editor.edit((e) => e.insert(editor.selection.active, text));
	return text;
}

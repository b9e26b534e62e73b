import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AUDIO_EXTENSIONS, mediaPathCandidates, stringAt } from '../assets/mediaStrings';
import { detectFacts } from '../assets/references';

/**
 * A string in code that names an audio file which does not exist gets the quick fix
 * "Generate this sound…": the sound flow, with a prompt from the file name, saving the
 * result at exactly that path (`evolink.generateSoundAt`).
 */
export class GenerateSoundFix implements vscode.CodeActionProvider {
	static readonly kinds = [vscode.CodeActionKind.QuickFix];

	provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
		if (document.uri.scheme !== 'file') { return []; }
		const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
		if (!root) { return []; }
		const literal = stringAt(document.lineAt(range.start.line).text, range.start.character);
		if (!literal || !AUDIO_EXTENSIONS.includes(path.extname(literal.value.split(/[?#]/)[0]).toLowerCase())) { return []; }
		const facts = detectFacts(root, document.uri.fsPath, (p) => fs.existsSync(p));
		const candidates = mediaPathCandidates(literal.value, document.uri.fsPath, root, facts.godotRoot)
			.filter((p) => p === root || p.startsWith(root + path.sep));
		if (candidates.length === 0 || candidates.some((p) => fs.existsSync(p))) { return []; }
		// Where the file was meant to be: the candidate whose folder exists, else the first.
		const target = candidates.find((p) => fs.existsSync(path.dirname(p))) ?? candidates[0];
		const relative = path.relative(root, target).split(path.sep).join('/');
		const action = new vscode.CodeAction(vscode.l10n.t('Generate this sound… ({0})', relative), vscode.CodeActionKind.QuickFix);
		action.command = { command: 'evolink.generateSoundAt', title: vscode.l10n.t('Generate this sound…'), arguments: [{ path: relative }] };
		return [action];
	}
}

/** Registers the quick fix for code files on disk. */
export function registerGenerateSoundFix(): vscode.Disposable {
	return vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new GenerateSoundFix(), { providedCodeActionKinds: GenerateSoundFix.kinds });
}

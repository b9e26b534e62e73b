import * as vscode from 'vscode';
import type { App } from '../app';
import { getModel, MODELS, type ModelSpec } from '../catalog';
import { Dismissed } from './errors';
import { runGeneration, type Options } from './generationFlow';
import type { Sidecar } from './workspaceFiles';

/** Option fields that belonged to the old task's place in a job or batch, not to its settings. */
const NOT_SETTINGS = ['jobId', 'partKey', 'batch'];

/**
 * "Regenerate from File": a generated file (or its `.evolink.json` sidecar) is made again from
 * the sidecar alone, so it works after the task left the EvoLink view. With the same settings,
 * a new prompt, or the questions asked again. A script passes `{ prompt? }` and asks nothing.
 */
export async function regenerateFromFile(app: App, uri: vscode.Uri, scripted?: { prompt?: unknown }): Promise<string | string[] | undefined> {
	const sidecar = await readSidecar(uri);
	const spec = modelOf(sidecar);
	const settings: Options = { ...sidecar.parameters };
	for (const field of NOT_SETTINGS) { delete settings[field]; }
	settings[spec.promptField] ??= sidecar.prompt;
	if (scripted) {
		const prompt = typeof scripted.prompt === 'string' && scripted.prompt.trim() ? { [spec.promptField]: scripted.prompt } : {};
		return runGeneration(app, { modelId: spec.id, args: { ...settings, ...prompt }, promptTitle: vscode.l10n.t('Prompt') });
	}
	const choice = await vscode.window.showQuickPick([
		{ label: vscode.l10n.t('$(refresh) Same settings'), id: 'same' },
		{ label: vscode.l10n.t('$(edit) Change the prompt…'), id: 'prompt' },
		{ label: vscode.l10n.t('$(settings) Change the settings…'), id: 'settings' },
	], { title: vscode.l10n.t('Regenerate {0}: “{1}”', spec.label.toLowerCase(), sidecar.prompt.slice(0, 60)) });
	if (!choice) { return undefined; }
	if (choice.id === 'same') { return runGeneration(app, { modelId: spec.id, args: settings, promptTitle: vscode.l10n.t('Prompt') }); }
	if (choice.id === 'prompt') {
		const prompt = await vscode.window.showInputBox({ title: vscode.l10n.t('New prompt'), value: String(settings[spec.promptField] ?? ''), ignoreFocusOut: true });
		if (!prompt?.trim()) { return undefined; }
		return runGeneration(app, { modelId: spec.id, args: { ...settings, [spec.promptField]: prompt }, promptTitle: vscode.l10n.t('Prompt') });
	}
	return runGeneration(app, { modelId: spec.id, initial: { [spec.promptField]: settings[spec.promptField] }, promptTitle: vscode.l10n.t('Prompt') });
}

/** The sidecar of `uri` (the file itself when it is one); throws with what to do when there is none. */
async function readSidecar(uri: vscode.Uri): Promise<Sidecar> {
	const sidecarUri = uri.path.endsWith('.evolink.json') ? uri : uri.with({ path: `${uri.path}.evolink.json` });
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarUri)));
	} catch {
		throw new Error(
			vscode.l10n.t('No readable {0} beside this file: only files EvoLink Studio saved (with their sidecar) can be regenerated.', sidecarUri.path.split('/').pop() ?? ''),
		);
	}
	const s = value as Partial<Sidecar>;
	if (s?.generator !== 'evolink-studio' || typeof s.model !== 'string' || typeof s.prompt !== 'string' || typeof s.parameters !== 'object' || s.parameters === null) {
		throw new Error(vscode.l10n.t('This sidecar was not written by EvoLink Studio, or is damaged: it needs generator, model, prompt and parameters.'));
	}
	return s as Sidecar;
}

/** The catalog model of a sidecar: its catalog id, or (older sidecars) the provider model id it sent. */
function modelOf(sidecar: Sidecar): ModelSpec {
	const spec = (sidecar.catalogModel ? getModel(sidecar.catalogModel) : undefined)
		?? getModel(sidecar.model)
		?? MODELS.find((m) => m.provider === sidecar.provider && m.apiModel(sidecar.parameters) === sidecar.model);
	if (!spec) { throw new Error(vscode.l10n.t('This file was made by "{0}", a model this version of EvoLink Studio does not know.', sidecar.model)); }
	return spec;
}

/** Registers "Regenerate from File" (Explorer context menu, scripts). */
export function registerRegenerate(app: App): vscode.Disposable {
	return vscode.commands.registerCommand('evolink.regenerateFromFile', async (uri?: unknown, scripted?: unknown) => {
		const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
		if (!target) {
			void vscode.window.showWarningMessage(vscode.l10n.t('Right-click a generated file (or its .evolink.json) in the Explorer to regenerate it.'));
			return undefined;
		}
		try {
			return await regenerateFromFile(app, target, typeof scripted === 'object' && scripted !== null ? scripted as { prompt?: unknown } : undefined);
		} catch (err) {
			if (err instanceof Dismissed) { return undefined; }
			throw err;
		}
	});
}

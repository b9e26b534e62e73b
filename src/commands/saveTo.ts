import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../app';
import { AUDIO_EXTENSIONS, soundRequestFromName } from '../assets/mediaStrings';
import { modelsOfKind } from '../catalog';
import type { TaskSnapshot } from '../shared/domain';
import { showError } from './errors';
import { runGeneration } from './generationFlow';

/** What the "Generate this sound…" quick fix passes: the missing file, workspace-relative. */
export interface GenerateAtArgs {
	path: string;
}

/**
 * A file named in code but missing: "Generate this sound…" runs the sound flow with a prompt
 * (and loop, tempo, key) read from the file name, and once the result is downloaded saves it at
 * exactly that path (converted to the format its extension names). The target is kept on the
 * task, so a reload in between loses nothing.
 */
export function registerSaveTo(app: App): vscode.Disposable {
	const pending = new Set<string>();
	const fulfil = (task: TaskSnapshot | undefined): void => {
		if (!task?.saveTo || pending.has(task.id) || task.status !== 'completed') { return; }
		const first = task.results[0];
		if (!first?.localPath || first.savedPath) { return; }
		pending.add(task.id);
		void (async () => {
			try {
				const uri = await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', task.id, first.index, { path: task.saveTo });
				await (await app.services()).store.update(task.id, (t) => ({ ...t, saveTo: undefined }));
				void vscode.window.showInformationMessage(vscode.l10n.t('Generated {0}.', vscode.workspace.asRelativePath(vscode.Uri.parse(uri))));
			} catch (err) {
				// The save told the user why; the task keeps its result, and Save to Workspace still works.
				await (await app.services()).store.update(task.id, (t) => ({ ...t, saveTo: undefined }));
				app.log.warn(`task ${task.id}: could not save to ${task.saveTo}: ${err instanceof Error ? err.message : String(err)}`);
			} finally {
				pending.delete(task.id);
			}
		})();
	};
	return vscode.Disposable.from(
		app.onDidChangeTask((task) => {
			if (task) { fulfil(task); }
			else { for (const t of app.servicesIfLoaded?.store.list() ?? []) { fulfil(t); } }
		}),
		vscode.commands.registerCommand('evolink.generateSoundAt', async (args: GenerateAtArgs, options?: Record<string, unknown>) => {
			try {
				return await generateAt(app, args, options);
			} catch (err) {
				showError(app, err, vscode.l10n.t('EvoLink: Generate this sound failed'));
				if (options) { throw err; }
				return undefined;
			}
		}),
	);
}

async function generateAt(app: App, args: GenerateAtArgs, options: Record<string, unknown> | undefined): Promise<string | undefined> {
	if (typeof args?.path !== 'string' || !AUDIO_EXTENSIONS.includes(path.extname(args.path).toLowerCase())) {
		throw new Error(vscode.l10n.t('Generate this sound needs the path of a {0} file.', AUDIO_EXTENSIONS.join(', ')));
	}
	const spec = modelsOfKind('sound')[0];
	if (!spec) { throw new Error(vscode.l10n.t('No sound model is in the catalog.')); }
	const guess = soundRequestFromName(args.path);
	// Interactive: the palette flow, starting from what the name says (the prompt can be edited). A script passes the options.
	let request = { ...guess, count: 1 };
	if (!options) {
		const prompt = await vscode.window.showInputBox({
			title: vscode.l10n.t('Describe the sound for {0}', path.basename(args.path)),
			value: guess.prompt,
			ignoreFocusOut: true,
			validateInput: (v) => v.trim() ? undefined : vscode.l10n.t('Describe the sound.'),
		});
		if (prompt === undefined) { return undefined; }
		request = { ...request, prompt };
	}
	const promptTitle = vscode.l10n.t('Describe the sound');
	const id = await runGeneration(
		app,
		options
			? { modelId: spec.id, args: { ...request, ...options }, promptTitle }
			: { modelId: spec.id, initial: request, promptTitle },
	);
	const first = Array.isArray(id) ? id[0] : id;
	if (!first) { return undefined; }
	await (await app.services()).store.update(first, (t) => ({ ...t, saveTo: args.path }));
	return first;
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { personaMakerOf } from '../catalog';
import { isFinal, type LocalResult } from '../shared/domain';
import { showError } from './errors';
import { insertReference } from './references';
import { runGeneration } from './generationFlow';
import { resolveTarget, type Target } from './target';
import type { ExportOptions } from '../shared/exportOptions';
import { loadCore } from '../loadCore';
import { saveResult } from './workspaceFiles';

type Action = (app: App, target: Target, arg?: unknown, options?: unknown) => Promise<unknown>;

/** The results an action applies to: the chosen variant, or all downloaded ones. */
function chosen(target: Target): LocalResult[] {
	return target.result ? [target.result] : target.task.results;
}

/** A downloaded result to act on, asking which variant when there are several. */
async function oneResult(target: Target): Promise<LocalResult> {
	if (target.result) { return target.result; }
	const ready = target.task.results.filter((r) => r.localPath);
	if (ready.length === 0) { throw new Error(target.task.results.find((r) => r.downloadError)?.downloadError ?? 'This task has no downloaded result yet.'); }
	if (ready.length === 1) { return ready[0]; }
	const pick = await vscode.window.showQuickPick(
		ready.map((r) => ({ label: r.title ?? `Variant ${r.index + 1}`, description: r.durationSec ? `${Math.round(r.durationSec)} s` : '', r })),
		{ title: 'Which variant?' },
	);
	if (!pick) { throw new Error('No variant was chosen.'); }
	return pick.r;
}

const actions: Record<string, Action> = {
	saveToWorkspace: async (app, target, arg, options) => {
		const given = exportOptionsOf(arg, options);
		const results = chosen(target);
		if (given.path && results.length > 1) { throw new Error('A path names one file: pass the result index too.'); }
		const saved: string[] = [];
		for (const r of results) { saved.push((await saveResult(app, target.task, r, given)).toString()); }
		void vscode.window.setStatusBarMessage(`$(save) Saved ${saved.length} file${saved.length === 1 ? '' : 's'} to the workspace`, 4000);
		// One result asked for (a script's index, the preview's card): its URI; else the list.
		return target.result ? saved[0] : saved;
	},
	keepVariant: async (app, target, arg, options) => {
		const result = await oneResult(target);
		const uri = await saveResult(app, target.task, result, exportOptionsOf(arg, options));
		void vscode.window.showInformationMessage(`Kept variant ${result.index + 1}: ${vscode.workspace.asRelativePath(uri)}`);
		return uri.toString();
	},
	revealFile: async (_app, target) => {
		const r = await oneResult(target);
		if (r.savedPath) { return vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(r.savedPath)); }
		return vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(r.localPath!));
	},
	openExternal: async (_app, target) => vscode.env.openExternal(vscode.Uri.file((await oneResult(target)).localPath!)),
	openWithVsCode: async (_app, target) => vscode.commands.executeCommand('vscode.open', vscode.Uri.file((await oneResult(target)).localPath!)),
	copyTaskId: async (_app, target) => vscode.env.clipboard.writeText(target.task.id),
	copyResultLink: async (_app, target) => {
		const r = target.result ?? target.task.results[0];
		if (!r) { throw new Error('This task has no result link yet.'); }
		const expired = r.expiresAt !== undefined && r.expiresAt < Date.now();
		await vscode.env.clipboard.writeText(r.url);
		if (expired) { void vscode.window.showWarningMessage('Copied, but this link has probably expired; the downloaded file is still in storage.'); }
	},
	retryTask: async (app, target) => {
		const { apiModel: _m, ...options } = target.task.params;
		// runGeneration has already shown why a refusal happened; the id (or undefined) is the answer.
		return runGeneration(app, { modelId: target.task.model, args: options, promptTitle: 'Prompt' }).catch(() => undefined);
	},
	removeTask: async (app, target) => {
		if (!isFinal(target.task.status)) {
			const ok = await vscode.window.showWarningMessage('Stop tracking this running task? The provider keeps running it (and bills it); its result will not be downloaded.', {
				modal: true,
			}, 'Stop Tracking');
			if (ok !== 'Stop Tracking') { return false; }
		}
		await (await app.services()).engine.remove(target.task.id);
		return true;
	},
	cancelTask: async (app, target) => {
		// EvoLink documents `task_info.can_cancel` but no cancel call, and sunoapi.org has none either.
		// The answer comes back at once (scripts and tests read it); the choice is offered beside it.
		const message = `${
			target.task.provider === 'evolink' ? 'EvoLink' : 'Suno Sounds'
		} offers no way to cancel a task: it runs to its end and is billed. You can stop tracking it here.`;
		void vscode.window.showInformationMessage(message, 'Stop Tracking').then(async (choice) => {
			if (choice === 'Stop Tracking') { await (await app.services()).engine.remove(target.task.id); }
		});
		return message;
	},
	insertReference: async (app, target) => {
		const r = await oneResult(target);
		const saved = r.savedPath ? vscode.Uri.file(r.savedPath) : await saveResult(app, target.task, r);
		return insertReference(insertionEditor(), saved.fsPath);
	},
	createPersona: async (app, target, arg) => {
		const maker = personaMakerOf(target.task.model);
		if (!maker || target.task.status !== 'completed') { throw new Error('A persona is made from a finished Suno song.'); }
		const r = await oneResult(target);
		if (!r.resultId) { throw new Error('EvoLink did not give this variant a result id, so no persona can be made from it.'); }
		// Fields a script passed along ({ taskId, resultIndex, name, description, vocal_start, … }).
		const extra = arg && typeof arg === 'object' && !('kind' in arg) ? { ...(arg as Record<string, unknown>) } : {};
		delete extra.taskId;
		delete extra.resultIndex;
		return runGeneration(app, {
			modelId: maker,
			promptTitle: "Describe the persona's vocal style",
			args: { ...extra, source_task_id: target.task.id, result_id: r.resultId },
		}).catch(() => undefined);
	},
};

/** Export options: a script's third argument, or `options` inside the preview's `{ taskId, resultIndex, options }`. */
function exportOptionsOf(arg: unknown, options: unknown): ExportOptions {
	const inner = arg && typeof arg === 'object' && 'options' in arg ? (arg as { options: unknown }).options : undefined;
	// The schema (zod) lives in dist/core.js, which the action's services load anyway.
	return loadCore().parseExportOptions(options ?? inner);
}

let lastEditor: vscode.TextEditor | undefined;

/** The editor a reference goes into: the last text editor used (the preview may have focus now). */
function insertionEditor(): vscode.TextEditor {
	const editor = lastEditor ?? vscode.window.activeTextEditor;
	if (!editor) { throw new Error('No editor to insert into. Click into a file first.'); }
	return editor;
}

/** Registers the tree and preview actions on tasks. */
export function registerTaskActions(app: App): vscode.Disposable {
	const registrations = Object.entries(actions).map(([name, action]) =>
		vscode.commands.registerCommand(`evolink.${name}`, async (arg?: unknown, index?: unknown, options?: unknown) => {
			// A file (the Explorer, or a script): its reference, with no task involved.
			if (name === 'insertReference' && arg instanceof vscode.Uri) { return insertReference(insertionEditor(), arg.fsPath); }
			const target = await resolveTarget(app, arg, index);
			if (!target) {
				void vscode.window.showWarningMessage('That task is no longer tracked.');
				return undefined;
			}
			try {
				return await action(app, target, arg, options);
			} catch (err) {
				showError(app, err, `EvoLink: ${name.replace(/([A-Z])/g, ' $1').toLowerCase()} failed`);
				// A tree row was clicked: the notification says it. A script or the preview asked: it gets the failure.
				if (typeof arg === 'object' && arg !== null && 'kind' in arg) { return undefined; }
				throw err;
			}
		})
	);
	return vscode.Disposable.from(
		...registrations,
		vscode.window.onDidChangeActiveTextEditor((e) => {
			if (e) { lastEditor = e; }
		}),
		vscode.commands.registerCommand('evolink.refreshTasks', async () => {
			const core = await app.services();
			for (const t of core.store.list()) { core.engine.refresh(t.id); }
		}),
	);
}

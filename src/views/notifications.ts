import * as vscode from 'vscode';
import type { App } from '../app';
import { readConfig } from '../config';
import { shortPrompt } from '../catalog';
import { jobOf, type TaskSnapshot } from '../shared/domain';
import { modelLabel } from './taskLabels';

/**
 * Tells the user when a task is ready (all its results downloaded) or failed, with the next
 * actions. Each task is announced once per window; tasks that ended before this window
 * opened are not announced again.
 */
export function registerNotifications(app: App): vscode.Disposable {
	const announced = new Set<string>();
	let primed = false;
	return app.onDidChangeTask((task) => {
		const core = app.servicesIfLoaded;
		if (!core) { return; }
		if (!primed) {
			primed = true;
			for (const t of core.store.list()) { if (isAnnounceable(t)) { announced.add(t.id); } }
			if (task && announced.has(task.id) && Date.now() - (task.finishedAt ?? 0) < 2000) { announced.delete(task.id); }
		}
		if (!task || announced.has(task.id) || !isAnnounceable(task)) { return; }
		announced.add(task.id);
		void announce(app, task);
		if (task.status === 'completed' && readConfig().autoSaveToWorkspace && vscode.workspace.workspaceFolders?.length) {
			void vscode.commands.executeCommand('evolink.saveToWorkspace', { taskId: task.id });
		}
	});
}

/** Ready to announce: failed, cancelled, or completed with every download settled. A job's parts are not: the job is. */
function isAnnounceable(t: TaskSnapshot): boolean {
	if (jobOf(t)) { return false; }
	if (t.status === 'failed' || t.status === 'cancelled') { return true; }
	return t.status === 'completed' && t.results.every((r) => r.localPath || r.downloadError);
}

async function announce(app: App, task: TaskSnapshot): Promise<void> {
	const what = vscode.l10n.t('{0} “{1}”', modelLabel(task), shortPrompt(task.prompt, 40));
	const arg = { taskId: task.id };
	const regenerate = vscode.l10n.t('Regenerate');
	const showLog = vscode.l10n.t('Show Log');
	if (task.status === 'completed') {
		const broken = task.results.find((r) => r.downloadError);
		if (broken) {
			// A link still alive is downloaded again for free; only an expired one needs a new (paid) generation.
			const alive = broken.expiresAt === undefined || broken.expiresAt > Date.now();
			const again = vscode.l10n.t('Download Again');
			const choice = alive
				? await vscode.window.showErrorMessage(vscode.l10n.t('{0} finished, but downloading it failed: {1}', what, broken.downloadError ?? ''), again, showLog)
				: await vscode.window.showErrorMessage(
					vscode.l10n.t('{0} finished, but downloading it failed: {1} Its link has expired: regenerate it to get a new one.', what, broken.downloadError ?? ''),
					regenerate,
					showLog,
				);
			if (choice === again) { (await app.services()).engine.refresh(task.id); }
			if (choice === regenerate) { await vscode.commands.executeCommand('evolink.retryTask', arg); }
			if (choice === showLog) { app.log.show(); }
			return;
		}
		if (!readConfig().notifyOnFinish) { return; }
		const preview = vscode.l10n.t('Preview');
		const save = vscode.l10n.t('Save to Workspace');
		const message = task.resultData.voice ?
			vscode.l10n.t('{0} is ready. New voice: {1}.', what, task.resultData.voice)
			: task.resultData.personaId ?
			vscode.l10n.t('{0} is ready. New persona: {1}.', what, task.resultData.personaId)
			: vscode.l10n.t('{0} is ready.', what);
		const choice = await vscode.window.showInformationMessage(message, preview, save);
		if (choice === preview) { await vscode.commands.executeCommand('evolink.openPreview', arg); }
		if (choice === save) { await vscode.commands.executeCommand('evolink.saveToWorkspace', arg); }
		return;
	}
	const err = task.error;
	// The reason and the next step come from the provider's error tables, as they are.
	const reason = `${err?.message ?? vscode.l10n.t('no reason given')}${err?.action ? ` ${err.action}` : ''}`;
	const retry = vscode.l10n.t('Retry');
	const choice = await vscode.window.showErrorMessage(
		task.status === 'cancelled' ? vscode.l10n.t('{0} cancelled: {1}', what, reason) : vscode.l10n.t('{0} failed: {1}', what, reason),
		...(err?.retryable !== false ? [retry] : []),
		showLog,
	);
	if (choice === retry) { await vscode.commands.executeCommand('evolink.retryTask', arg); }
	if (choice === showLog) { app.log.show(); }
}

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
		const core = app.coreIfLoaded;
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
	const what = `${modelLabel(task)} “${shortPrompt(task.prompt, 40)}”`;
	const arg = { taskId: task.id };
	if (task.status === 'completed') {
		const broken = task.results.find((r) => r.downloadError);
		if (broken) {
			const choice = await vscode.window.showErrorMessage(`${what} finished, but downloading it failed: ${broken.downloadError} Regenerate it to get a new link.`, 'Regenerate', 'Show Log');
			if (choice === 'Regenerate') { await vscode.commands.executeCommand('evolink.retryTask', arg); }
			if (choice === 'Show Log') { app.log.show(); }
			return;
		}
		if (!readConfig().notifyOnFinish) { return; }
		const extra = task.resultData.voice ? ` New voice: ${task.resultData.voice}.` : task.resultData.personaId ? ` New persona: ${task.resultData.personaId}.` : '';
		const choice = await vscode.window.showInformationMessage(`${what} is ready.${extra}`, 'Preview', 'Save to Workspace');
		if (choice === 'Preview') { await vscode.commands.executeCommand('evolink.openPreview', arg); }
		if (choice === 'Save to Workspace') { await vscode.commands.executeCommand('evolink.saveToWorkspace', arg); }
		return;
	}
	const err = task.error;
	const choice = await vscode.window.showErrorMessage(
		`${what} ${task.status}: ${err?.message ?? 'no reason given'}${err?.action ? ` ${err.action}` : ''}`,
		...(err?.retryable !== false ? ['Retry'] : []), 'Show Log',
	);
	if (choice === 'Retry') { await vscode.commands.executeCommand('evolink.retryTask', arg); }
	if (choice === 'Show Log') { app.log.show(); }
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { isFinal, jobOf } from '../shared/domain';
import { formatCredits } from './taskLabels';

/**
 * The status bar item: running tasks and the EvoLink balance. The balance is read when the
 * services load, when a key changes and when a task ends — never on a timer.
 */
export function registerStatusBar(app: App): vscode.Disposable {
	const item = vscode.window.createStatusBarItem('evolink.status', vscode.StatusBarAlignment.Left, 50);
	item.name = 'EvoLink';
	item.command = 'evolink.tasks.focus';
	let balance: string | undefined;
	let running = 0;
	const render = () => {
		const icon = running > 0 ? `$(sync~spin) ${running}` : '$(pulse)';
		item.text = balance !== undefined ? vscode.l10n.t('{0} EvoLink · {1} cr', icon, balance) : `${icon} EvoLink`;
		item.tooltip = [
			running === 1 ? vscode.l10n.t('1 generation task running') : vscode.l10n.t('{0} generation tasks running', running),
			...(balance !== undefined ? [vscode.l10n.t('EvoLink balance: {0} credits', balance)] : []),
			vscode.l10n.t('Click to show the tasks.'),
		].join('\n');
		item.show();
	};
	const refreshBalance = async () => {
		const core = app.servicesIfLoaded;
		if (!core || !(await app.keys.has('evolink'))) {
			balance = undefined;
			render();
			return;
		}
		try {
			balance = formatCredits((await core.balance('evolink')).credits);
		} catch (err) {
			app.log.debug(`balance not read: ${(err as Error).message}`);
		}
		render();
	};
	const sub = app.onDidChangeTask((task) => {
		const core = app.servicesIfLoaded;
		if (!core) { return; }
		const before = running;
		// A job counts once; its parts are its business.
		running = core.store.list().filter((t) => !isFinal(t.status) && !jobOf(t)).length;
		render();
		if (!task || running < before) { void refreshBalance(); }
	});
	render();
	return vscode.Disposable.from(item, sub, app.keys.onDidChange(() => void refreshBalance()));
}

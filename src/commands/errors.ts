import * as vscode from 'vscode';
import type { App } from '../app';
import { withAdvice } from '../shared/domain';

/** Thrown when the user dismissed a prompt: the command ends quietly. */
export class Dismissed extends Error {}

interface ShownError {
	message: string;
	action?: string;
	code?: string;
	kind?: string;
	provider?: string;
}

/** Where a user checks what a provider received and charged, when an answer was lost on the way. */
const DASHBOARDS: Record<string, string> = {
	evolink: 'https://evolink.ai/dashboard',
	sounds: 'https://sunoapi.org/api-key',
};
const OPEN_DASHBOARD = 'Open Provider Dashboard';

/**
 * Shows a failure the way users need it: what happened, what to do next, and a button that
 * does it. Messages from the API layer are already redacted; they are masked again here in
 * case a key reached one some other way.
 */
export function showError(app: App, err: unknown, context: string): void {
	const e = (err ?? {}) as ShownError;
	const raw = e.message ?? String(err);
	const message = app.servicesIfLoaded ? app.servicesIfLoaded.redact(raw) : raw;
	app.log.error(`${context}: ${message}${e.action ? ` — ${e.action}` : ''}`);
	const buttons: string[] = [];
	if (e.code === 'missing_api_key' || e.code === 'invalid_api_key' || e.code === 'unauthorized' || e.code === 'api_key_unreadable') { buttons.push('Set API Key'); }
	// The task may exist at the provider, but it is not in the task list (its id never arrived): check there.
	const dashboard = e.kind === 'outcome-unknown' ? DASHBOARDS[e.provider ?? 'evolink'] : undefined;
	if (dashboard) { buttons.push(OPEN_DASHBOARD); }
	buttons.push('Show Log');
	const text = `${context}: ${withAdvice(message, e.action)}`;
	// Not awaited: a command must not hang until the user dismisses a notification.
	void vscode.window.showErrorMessage(text, ...buttons).then((choice) => {
		if (choice === 'Set API Key') { void vscode.commands.executeCommand('evolink.setApiKey'); }
		if (choice === OPEN_DASHBOARD && dashboard) { void vscode.env.openExternal(vscode.Uri.parse(dashboard)); }
		if (choice === 'Show Log') { app.log.show(); }
	});
}

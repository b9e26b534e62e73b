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
}

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
	if (e.kind === 'outcome-unknown') { buttons.push('Show Tasks'); }
	buttons.push('Show Log');
	const text = `${context}: ${withAdvice(message, e.action)}`;
	// Not awaited: a command must not hang until the user dismisses a notification.
	void vscode.window.showErrorMessage(text, ...buttons).then((choice) => {
		if (choice === 'Set API Key') { void vscode.commands.executeCommand('evolink.setApiKey'); }
		if (choice === 'Show Tasks') { void vscode.commands.executeCommand('evolink.tasks.focus'); }
		if (choice === 'Show Log') { app.log.show(); }
	});
}

import * as vscode from 'vscode';
import { Logger } from './util/logger';

/**
 * The table of contents: construct the few services activation needs and register each
 * feature. Anything heavy (HTTP, schemas, the task store) loads on first use.
 */
export function activate(context: vscode.ExtensionContext): void {
	const channel = vscode.window.createOutputChannel('EvoLink Studio', { log: true });
	const log = new Logger(channel);
	context.subscriptions.push(
		channel,
		vscode.commands.registerCommand('evolink.showLog', () => log.show()),
	);
	log.info(`activated (VS Code ${vscode.version})`);
}

/** Nothing to do: every resource is a registered disposable. */
export function deactivate(): void { /* nothing */ }

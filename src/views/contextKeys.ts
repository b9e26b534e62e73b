import * as vscode from 'vscode';
import type { App } from '../app';

/** Keeps `evolink:hasApiKey` (drives the tree's welcome view) in step with SecretStorage. */
export function registerApiKeyContext(app: App): vscode.Disposable {
	const update = async () => {
		const has = await app.keys.has('evolink') || await app.keys.has('sounds');
		await vscode.commands.executeCommand('setContext', 'evolink:hasApiKey', has);
	};
	void update();
	return app.keys.onDidChange(() => void update());
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { PROVIDER_NAMES } from '../secrets/keyStore';
import type { ProviderId } from '../shared/domain';
import { formatCredits } from '../views/taskLabels';

const WHERE: Record<ProviderId, string> = {
	evolink: 'Create one at https://evolink.ai/dashboard/keys',
	sounds: 'Create one at https://sunoapi.org/api-key',
};

async function pickProvider(arg: unknown, title: string): Promise<ProviderId | undefined> {
	if (arg === 'evolink' || arg === 'sounds') { return arg; }
	const pick = await vscode.window.showQuickPick((Object.keys(PROVIDER_NAMES) as ProviderId[]).map((p) => ({ label: PROVIDER_NAMES[p], id: p })), { title });
	return pick?.id;
}

/**
 * Set and clear the API keys. A new key is checked against the provider (a balance call)
 * before it is stored; it goes only to SecretStorage. Arguments for scripting and tests:
 * `('evolink' | 'sounds', key?)`.
 */
export function registerKeyCommands(app: App): vscode.Disposable {
	return vscode.Disposable.from(
		vscode.commands.registerCommand('evolink.setApiKey', async (providerArg?: unknown, keyArg?: unknown) => {
			const provider = await pickProvider(providerArg, 'Set the API key of');
			if (!provider) { return false; }
			const name = PROVIDER_NAMES[provider];
			const key = typeof keyArg === 'string' ? keyArg : await vscode.window.showInputBox({
				title: `${name} API key`, prompt: `${WHERE[provider]}. It is stored in VS Code's secret storage only.`,
				password: true, ignoreFocusOut: true, validateInput: (v) => v.trim() ? undefined : 'Paste the key.',
			});
			if (!key?.trim()) { return false; }
			const core = await app.core();
			try {
				const balance = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking the ${name} key…` }, () => core.checkKey(provider, key.trim()));
				await app.keys.set(provider, key);
				void vscode.window.showInformationMessage(`${name} key saved. Balance: ${formatCredits(balance.credits)} credits.`);
				app.log.info(`${name} key set and checked (balance ${balance.credits})`);
				return true;
			} catch (err) {
				const e = err as { message?: string; httpStatus?: number; code?: string };
				const message = core.redact(e.message ?? String(err));
				if (e.httpStatus === 401 || e.code === 'unauthorized' || e.code === '401') {
					void vscode.window.showErrorMessage(`${name} rejected this key: ${message} The key was not saved. ${WHERE[provider]}.`);
					app.log.warn(`${name} key rejected by the provider`);
					return false;
				}
				// The provider could not be reached: keep the key, say it is unchecked.
				await app.keys.set(provider, key);
				void vscode.window.showWarningMessage(`${name} key saved, but it could not be checked: ${message}`);
				app.log.warn(`${name} key saved unchecked: ${message}`);
				return true;
			}
		}),
		vscode.commands.registerCommand('evolink.clearApiKey', async (providerArg?: unknown) => {
			const provider = await pickProvider(providerArg, 'Clear the API key of');
			if (!provider) { return false; }
			await app.keys.clear(provider);
			void vscode.window.showInformationMessage(`${PROVIDER_NAMES[provider]} key removed from this machine's secret storage.`);
			app.log.info(`${PROVIDER_NAMES[provider]} key cleared`);
			return true;
		}),
	);
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { PROVIDER_NAMES } from '../secrets/keyStore';
import type { ProviderId } from '../shared/domain';
import { formatCredits } from '../views/taskLabels';

/** Where each provider's keys are made. */
const KEY_PAGE: Record<ProviderId, string> = {
	evolink: 'https://evolink.ai/dashboard/keys',
	sounds: 'https://sunoapi.org/api-key',
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
			const provider = await pickProvider(providerArg, vscode.l10n.t('Set the API key of'));
			if (!provider) { return false; }
			const name = PROVIDER_NAMES[provider];
			const key = typeof keyArg === 'string' ? keyArg : await vscode.window.showInputBox({
				title: vscode.l10n.t('{0} API key', name),
				prompt: vscode.l10n.t("Create one at {0}. It is stored in VS Code's secret storage only.", KEY_PAGE[provider]),
				password: true,
				ignoreFocusOut: true,
				validateInput: (v) => v.trim() ? undefined : vscode.l10n.t('Paste the key.'),
			});
			if (!key?.trim()) { return false; }
			const core = await app.services();
			try {
				const balance = await vscode.window.withProgress(
					{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the {0} key…', name) },
					() => core.checkKey(provider, key.trim()),
				);
				await app.keys.set(provider, key);
				void vscode.window.showInformationMessage(vscode.l10n.t('{0} key saved. Balance: {1} credits.', name, formatCredits(balance.credits)));
				app.log.info(`${name} key set and checked (balance ${balance.credits})`);
				return true;
			} catch (err) {
				const e = err as { message?: string; httpStatus?: number; code?: string };
				const message = core.redact(e.message ?? String(err));
				if (e.httpStatus === 401 || e.code === 'unauthorized' || e.code === '401') {
					void vscode.window.showErrorMessage(vscode.l10n.t('{0} rejected this key: {1} The key was not saved. Create one at {2}.', name, message, KEY_PAGE[provider]));
					app.log.warn(`${name} key rejected by the provider`);
					return false;
				}
				// The provider could not be reached: keep the key, say it is unchecked.
				await app.keys.set(provider, key);
				void vscode.window.showWarningMessage(vscode.l10n.t('{0} key saved, but it could not be checked: {1}', name, message));
				app.log.warn(`${name} key saved unchecked: ${message}`);
				return true;
			}
		}),
		vscode.commands.registerCommand('evolink.clearApiKey', async (providerArg?: unknown) => {
			const provider = await pickProvider(providerArg, vscode.l10n.t('Clear the API key of'));
			if (!provider) { return false; }
			await app.keys.clear(provider);
			void vscode.window.showInformationMessage(vscode.l10n.t("{0} key removed from this machine's secret storage.", PROVIDER_NAMES[provider]));
			app.log.info(`${PROVIDER_NAMES[provider]} key cleared`);
			return true;
		}),
	);
}

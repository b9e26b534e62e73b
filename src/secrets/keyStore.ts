import * as vscode from 'vscode';
import type { ProviderId } from '../shared/domain';

/** Human names of the providers, as the UI says them. */
export const PROVIDER_NAMES: Record<ProviderId, string> = { evolink: 'EvoLink', sounds: 'Suno Sounds (sunoapi.org)' };

const SECRET_KEYS: Record<ProviderId, string> = { evolink: 'evolink.apiKey', sounds: 'evolink.sounds.apiKey' };

/**
 * The API keys, in SecretStorage only: one entry per provider. Re-read on every use, because
 * another window may change a key (`onDidChange` is only a hint to refresh UI). A key is
 * never logged, never put in settings or state, never sent to a webview.
 */
export class ApiKeyStore implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<ProviderId>();
	readonly onDidChange = this.changed.event;
	private readonly listener: vscode.Disposable;

	constructor(private readonly secrets: vscode.SecretStorage) {
		this.listener = secrets.onDidChange((e) => {
			const provider = (Object.keys(SECRET_KEYS) as ProviderId[]).find((p) => SECRET_KEYS[p] === e.key);
			if (provider) { this.changed.fire(provider); }
		});
	}

	get(provider: ProviderId): Promise<string | undefined> {
		return Promise.resolve(this.secrets.get(SECRET_KEYS[provider]));
	}

	async set(provider: ProviderId, key: string): Promise<void> {
		await this.secrets.store(SECRET_KEYS[provider], key.trim());
		this.changed.fire(provider);
	}

	async clear(provider: ProviderId): Promise<void> {
		await this.secrets.delete(SECRET_KEYS[provider]);
		this.changed.fire(provider);
	}

	async has(provider: ProviderId): Promise<boolean> {
		return Boolean(await this.get(provider));
	}

	dispose(): void {
		this.listener.dispose();
		this.changed.dispose();
	}
}

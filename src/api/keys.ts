/**
 * Reading a provider key for one request, and remembering every key seen so the clients' logs and
 * error messages can mask it (the key can change at any time through SecretStorage).
 * Pure: no `vscode` import.
 */
import type { ProviderId } from '../shared/domain';
import { ProviderError } from './errors';

/** Printable ASCII only: anything else would be rejected by undici with a message we do not control. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Wraps `getApiKey` for one provider: builds the Authorization header and tracks secrets for redaction. */
export class ClientKey {
	private readonly seen = new Set<string>();

	constructor(
		private readonly provider: ProviderId,
		private readonly getApiKey: () => Promise<string | undefined>,
		private readonly setKeyCommand: string,
		private readonly providerName: string,
	) {}

	/** Every key this source has handed out, for `redact`. */
	secrets(): readonly string[] {
		return [...this.seen];
	}

	/** `{ authorization: 'Bearer <key>' }`, or a `validation` ProviderError telling the user to set a key. */
	async authHeaders(): Promise<Record<string, string>> {
		let key: string | undefined;
		try {
			key = (await this.getApiKey())?.trim();
		} catch (err) {
			throw new ProviderError({
				provider: this.provider,
				kind: 'validation',
				code: 'api_key_unreadable',
				message: `The ${this.providerName} API key could not be read from the system keychain.`,
				retryable: false,
				action: `Run '${this.setKeyCommand}' to enter it again.`,
				cause: err,
			});
		}
		if (!key) {
			throw new ProviderError({
				provider: this.provider,
				kind: 'validation',
				code: 'missing_api_key',
				message: `No ${this.providerName} API key is set.`,
				retryable: false,
				action: `Run '${this.setKeyCommand}'.`,
			});
		}
		this.seen.add(key);
		if (!HEADER_SAFE.test(key)) {
			throw new ProviderError({
				provider: this.provider,
				kind: 'validation',
				code: 'invalid_api_key',
				message: `The saved ${this.providerName} API key contains spaces or invalid characters.`,
				retryable: false,
				action: `Run '${this.setKeyCommand}' and paste the key again.`,
			});
		}
		return { authorization: `Bearer ${key}` };
	}
}

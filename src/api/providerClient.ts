/**
 * What both provider clients share: the checked base URL, the key (its Authorization header and
 * the secrets it masks), a redacting log, authorised calls whose failures are always redacted
 * ProviderErrors, and the errors every provider raises the same way. Each client adds only its
 * wire format, envelope and routes.
 * Pure: no `vscode` import.
 */
import type { ProviderId, RemoteTaskState } from '../shared/domain';
import { nullLog, type Log } from '../util/log';
import type { ErrorAdvice } from './errorTables';
import { isProviderError, ProviderError, type FieldIssue } from './errors';
import type { HttpClient, HttpResponse, RequestOptions } from './http';
import { ClientKey } from './keys';
import type { CallOptions } from './provider';
import { redact, redactingLog } from './redact';
import { assertAllowedUrl, joinUrl } from './urls';
import { formatIssues } from './validation';

/** What every provider client is built from. */
export interface ProviderClientOptions {
	/** The provider's API base URL. */
	baseUrl: string;
	getApiKey: () => Promise<string | undefined>;
	http: HttpClient;
	log?: Log;
}

/** How one provider is named in messages, and what its task ids look like. */
export interface ProviderProfile {
	provider: ProviderId;
	/** In log lines and network errors, e.g. `EvoLink`. */
	name: string;
	/** In key errors, e.g. `Suno Sounds (sunoapi.org)`. */
	keyName: string;
	setKeyCommand: string;
	/** Who sent an answer we could not read, e.g. `sunoapi.org`. */
	answeredBy: string;
	/** The base URL setting's title, e.g. `EvoLink API base URL`. */
	baseUrlSetting: string;
	taskId: { pattern: RegExp; message: string; action: string };
}

/** True for a 2xx status. */
export function isHttpOk(res: HttpResponse): boolean {
	return res.status >= 200 && res.status <= 299;
}

/** The plumbing under both provider clients; each subclass implements `ProviderClient` on top of it. */
export abstract class ProviderClientBase {
	protected readonly log: Log;
	protected readonly http: HttpClient;
	private readonly baseUrl: string;
	private readonly keys: ClientKey;

	constructor(private readonly profile: ProviderProfile, options: ProviderClientOptions) {
		this.baseUrl = assertAllowedUrl(options.baseUrl, profile.baseUrlSetting, profile.provider).toString();
		this.keys = new ClientKey(profile.provider, options.getApiKey, profile.setKeyCommand, profile.keyName);
		this.log = redactingLog(options.log ?? nullLog, () => this.keys.secrets());
		this.http = options.http;
	}

	/** Keys used so far, so the extension can mask them in its own logs too. */
	secrets(): readonly string[] {
		return this.keys.secrets();
	}

	/** Masks every key used so far (and key-looking text) in `text`. */
	protected redact(text: string): string {
		return redact(text, this.keys.secrets());
	}

	/** `path` on the base URL. */
	protected url(path: string): string {
		return joinUrl(this.baseUrl, path);
	}

	/** Reads the key (or throws telling the user to set one) and returns the options of an authorised request. */
	protected async authorised(opts: CallOptions): Promise<RequestOptions> {
		const headers = await this.keys.authHeaders();
		return { headers, signal: opts.signal, provider: this.profile.provider };
	}

	/** An authorised GET (retried on transient failures by the HTTP layer). */
	protected async getJson(url: string, opts: CallOptions): Promise<HttpResponse> {
		const request = await this.authorised(opts);
		return this.call(() => this.http.getJson(url, request));
	}

	/** Runs an HTTP call, making sure anything thrown is a redacted ProviderError. */
	protected async call(run: () => Promise<HttpResponse>): Promise<HttpResponse> {
		const { provider, name } = this.profile;
		try {
			return await run();
		} catch (err) {
			if (isProviderError(err)) {
				this.log.warn(`${name} request failed (${err.kind}): ${err.message}`);
				throw err;
			}
			throw new ProviderError({
				provider,
				kind: 'network',
				message: this.redact(`${name} request failed: ${err instanceof Error ? err.message : String(err)}`),
				retryable: true,
				action: 'Try again.',
				cause: err,
			});
		}
	}

	/** Refuses a request that failed local validation; nothing was sent. */
	protected invalidRequest(what: string, issues: readonly FieldIssue[]): ProviderError {
		return new ProviderError({
			provider: this.profile.provider,
			kind: 'validation',
			code: 'invalid_request',
			message: this.redact(`The ${what} request is not valid: ${formatIssues(issues)}.`),
			retryable: false,
			action: 'Fix the named fields and try again; nothing was sent.',
			issues,
		});
	}

	/** Throws unless `id` has the provider's task id shape. */
	protected assertTaskId(id: string): void {
		const { provider, taskId } = this.profile;
		if (!taskId.pattern.test(id)) {
			throw new ProviderError({ provider, kind: 'validation', code: 'invalid_task_id', message: taskId.message, retryable: false, action: taskId.action });
		}
	}

	/** A task-creating POST got an answer that does not say what happened: do not blindly retry. */
	protected outcomeUnknown(res: HttpResponse, message: string, action: string): ProviderError {
		return new ProviderError({ provider: this.profile.provider, kind: 'outcome-unknown', httpStatus: res.status, message, retryable: false, action });
	}

	/** The provider answered with an error: `message` (redacted here) and what to do about it. */
	protected httpError(res: HttpResponse, code: string | number | undefined, message: string, advice: ErrorAdvice): ProviderError {
		return new ProviderError({
			provider: this.profile.provider,
			kind: 'http',
			httpStatus: res.status,
			code,
			message: this.redact(message),
			retryable: advice.retryable,
			action: advice.action,
			retryAfterMs: res.retryAfterMs,
		});
	}

	/** The provider's answer did not have the documented shape. */
	protected invalid(problem: string): ProviderError {
		const { provider, answeredBy, baseUrlSetting } = this.profile;
		return new ProviderError({
			provider,
			kind: 'invalid-response',
			message: this.redact(`${answeredBy} sent an answer we could not read: ${problem}.`),
			retryable: true,
			action: `Try again; if it persists, check the ${baseUrlSetting} setting.`,
		});
	}

	/** Server text can echo anything we sent; mask keys before it reaches the store. */
	protected clean(state: RemoteTaskState): RemoteTaskState {
		if (state.error) {
			state.error.message = this.redact(state.error.message);
		}
		return state;
	}
}

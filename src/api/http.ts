/**
 * The HTTP layer both provider clients share. It owns ONE undici dispatcher, passed per request
 * (never `setGlobalDispatcher`, never global fetch: VS Code and other extensions share those).
 * GETs are retried with jittered back-off; a POST is retried only when it provably never left.
 * Non-2xx answers are read and returned, so the clients can parse the providers' error envelopes.
 * Pure: no `vscode` import.
 */
import { request, type Dispatcher } from 'undici';
import type { ProviderId } from '../shared/domain';
import { nullLog, type Log } from '../util/log';
import { createDispatcher } from './dispatcher';
import { flattenHeaders, headerSecrets, withoutCredentials } from './headers';
import { cancelledError, ProviderError } from './errors';
import { classifyNetworkError, type NetFailure } from './netErrors';
import { redact } from './redact';
import { backoffDelay, DEFAULT_BACKOFF, defaultSleep, parseRetryAfter, type BackoffPolicy } from './httpRetry';
import type { BodySource, HttpClientOptions, HttpResponse, PostOptions, RequestOptions, StreamResponse } from './httpTypes';
import { assertAllowedUrl } from './urls';

export type { BodySource, HttpClientOptions, HttpResponse, RequestOptions } from './httpTypes';

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** A download body's stream buffer: 256 KiB chunks read and write a loopback download ~1.2× faster than 64 KiB without raising memory (1 MiB did, 4 MiB was slower). */
export const STREAM_CHUNK_BYTES = 256 << 10;

/** One dispatcher, timeouts, retries and error classification for every provider call. */
export class HttpClient {
	private readonly dispatcher: Dispatcher;
	private readonly log: Log;
	private readonly random: () => number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	private readonly maxAttempts: number;
	private readonly backoff: BackoffPolicy;
	private readonly maxJsonBytes: number;
	private readonly userAgent: string;
	private isClosed = false;

	constructor(options: HttpClientOptions = {}) {
		this.log = options.log ?? nullLog;
		this.random = options.random ?? Math.random;
		this.sleep = options.sleep ?? defaultSleep;
		this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
		this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
		this.maxJsonBytes = options.maxJsonBytes ?? 8 * 1024 * 1024;
		this.userAgent = options.userAgent ?? 'evolink-studio';
		this.dispatcher = createDispatcher({
			connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
			headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
			bodyTimeoutMs: options.bodyTimeoutMs ?? 60_000,
			proxy: options.proxy,
		});
	}

	/** True after `close()`. */
	get closed(): boolean {
		return this.isClosed;
	}

	/** GET and read the whole body; retried on network errors, timeouts, 408/429/5xx. */
	async getJson(url: string, opts: RequestOptions = {}): Promise<HttpResponse> {
		return this.withRetries(url, opts, true, async () => {
			const res = await this.send('GET', url, undefined, opts);
			return this.readAll(res, opts);
		});
	}

	/** POST JSON. Never retried once it may have reached the server (see `postBody`). */
	async postJson(url: string, body: unknown, opts: PostOptions = {}): Promise<HttpResponse> {
		const text = JSON.stringify(body);
		return this.postBody(url, () => ({ body: text, contentType: 'application/json' }), opts);
	}

	/**
	 * POST a body built by `make` (called again for each attempt, since streams cannot be replayed).
	 * Retried only when the connection was refused, DNS failed or connecting timed out. After the
	 * request may have been sent, any failure throws `outcome-unknown` instead of retrying.
	 */
	async postBody(url: string, make: () => BodySource, opts: PostOptions = {}): Promise<HttpResponse> {
		return this.withRetries(url, opts, false, async () => {
			const src = make();
			const headers: Record<string, string> = { 'content-type': src.contentType, ...opts.headers };
			if (src.contentLength !== undefined) {
				headers['content-length'] = String(src.contentLength);
			}
			const res = await this.send('POST', url, src.body, { ...opts, headers });
			return this.readAll(res, opts);
		});
	}

	/** GET a body as a stream (downloads): retried until headers arrive, redirects followed and re-checked. */
	async openStream(url: string, opts: RequestOptions & { maxRedirects?: number } = {}): Promise<StreamResponse> {
		let current = url;
		let hopOpts: RequestOptions = opts;
		for (let hop = 0;; hop++) {
			const res = await this.withRetries(current, hopOpts, true, () => this.send('GET', current, undefined, hopOpts, STREAM_CHUNK_BYTES), true);
			const headers = flattenHeaders(res.headers);
			if (REDIRECTS.has(res.statusCode) && headers.location && hop < (opts.maxRedirects ?? 3)) {
				await res.body.dump().catch(() => undefined);
				const next = assertAllowedUrl(new URL(headers.location, current).toString(), 'result link redirect', opts.provider);
				if (next.origin !== new URL(current).origin) {
					// Credentials never follow a redirect to another origin.
					hopOpts = { ...hopOpts, headers: withoutCredentials(hopOpts.headers) };
				}
				current = next.toString();
				continue;
			}
			return { status: res.statusCode, headers, body: res.body, url: current };
		}
	}

	/** Destroys the dispatcher and every open connection. */
	async close(): Promise<void> {
		if (!this.isClosed) {
			this.isClosed = true;
			await this.dispatcher.destroy();
		}
	}

	private async send(method: 'GET' | 'POST', url: string, body: BodySource['body'] | undefined, opts: RequestOptions, highWaterMark?: number): Promise<Dispatcher.ResponseData> {
		return request(url, {
			method,
			...(highWaterMark ? { highWaterMark } : {}),
			body,
			signal: opts.signal,
			dispatcher: this.dispatcher,
			headers: { 'user-agent': this.userAgent, accept: 'application/json', ...opts.headers },
			headersTimeout: opts.headersTimeoutMs,
			bodyTimeout: opts.bodyTimeoutMs,
		});
	}

	private async readAll(res: Dispatcher.ResponseData, opts: RequestOptions): Promise<HttpResponse> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of res.body as AsyncIterable<Buffer>) {
			size += chunk.length;
			if (size > this.maxJsonBytes) {
				res.body.destroy();
				throw new ProviderError({
					provider: opts.provider ?? 'evolink',
					kind: 'invalid-response',
					message: `The answer was larger than ${this.maxJsonBytes} bytes.`,
					retryable: false,
					action: 'Check the API base URL setting.',
				});
			}
			chunks.push(chunk);
		}
		const text = Buffer.concat(chunks).toString('utf8');
		let json: unknown;
		try {
			json = text.length > 0 ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		const headers = flattenHeaders(res.headers);
		return { status: res.statusCode, headers, text, json, retryAfterMs: parseRetryAfter(headers['retry-after']), attempts: 1 };
	}

	/**
	 * Runs `attempt` until it succeeds or retrying is no longer allowed. `idempotent` GETs retry on any
	 * transport failure and on 408/429/5xx; POSTs only on provable never-sent failures.
	 */
	private async withRetries<T extends HttpResponse | Dispatcher.ResponseData>(
		url: string,
		opts: PostOptions,
		idempotent: boolean,
		attempt: () => Promise<T>,
		streaming = false,
	): Promise<T> {
		const provider = opts.provider ?? 'evolink';
		const host = assertAllowedUrl(url, 'request URL', provider).host;
		const secrets = headerSecrets(opts.headers);
		for (let n = 1;; n++) {
			if (this.isClosed) {
				throw new ProviderError({
					provider,
					kind: 'cancelled',
					message: 'The connection pool was closed (the extension is shutting down).',
					retryable: true,
					action: 'Try again after reloading the window.',
				});
			}
			if (opts.signal?.aborted) {
				throw cancelledError(provider, 'The request');
			}
			const started = Date.now();
			let result: T;
			try {
				result = await attempt();
			} catch (err) {
				if (err instanceof ProviderError) {
					throw err;
				}
				const failure = classifyNetworkError(err, opts.signal);
				const canRetry = failure.kind !== 'cancelled' && n < this.maxAttempts && (idempotent || failure.postRetryable);
				this.log.warn(redact(`${idempotent ? 'GET' : 'POST'} ${url} failed after ${Date.now() - started} ms: ${failure.detail}${canRetry ? ', retrying' : ''}`, secrets));
				if (!canRetry) {
					throw this.failureError(failure, host, idempotent, opts, secrets, err);
				}
				await this.pause(n, undefined, opts, provider);
				continue;
			}
			const status = 'status' in result ? result.status : result.statusCode;
			this.log.debug(redact(`${idempotent ? 'GET' : 'POST'} ${url} → ${status} in ${Date.now() - started} ms (attempt ${n})`, secrets));
			const retryable = idempotent && RETRY_STATUSES.has(status);
			const retryAfter = retryable ? ('status' in result ? result.retryAfterMs : parseRetryAfter(flattenHeaders(result.headers)['retry-after'])) : undefined;
			if (retryable && n < this.maxAttempts && (retryAfter ?? 0) <= this.backoff.maxRetryAfterMs) { // a longer wait goes back to the caller, named
				if (!('status' in result)) {
					// Consume the unwanted body so the connection goes back to the pool.
					await result.body.dump().catch(() => undefined);
				}
				await this.pause(n, retryAfter, opts, provider);
				continue;
			}
			if ('status' in result) {
				result.attempts = n;
			} else if (!streaming) {
				await result.body.dump().catch(() => undefined);
			}
			return result;
		}
	}

	private async pause(n: number, retryAfterMs: number | undefined, opts: RequestOptions, provider: ProviderId): Promise<void> {
		const delay = backoffDelay(n, this.random, this.backoff, retryAfterMs);
		try {
			await this.sleep(delay, opts.signal);
		} catch {
			throw cancelledError(provider, 'The request');
		}
	}

	private failureError(f: NetFailure, host: string, idempotent: boolean, opts: PostOptions, secrets: string[], cause: unknown): ProviderError {
		const provider = opts.provider ?? 'evolink';
		if (f.kind === 'cancelled' && (idempotent || f.neverSent)) {
			return cancelledError(provider, 'The request');
		}
		if (!idempotent && !f.neverSent) {
			const custom = opts.unknownOutcome;
			return new ProviderError({
				provider,
				kind: 'outcome-unknown',
				message: redact(
					custom?.message ?? `The connection to ${host} ended before an answer came back (${f.detail}), so the task may or may not have been created.`,
					secrets,
				),
				retryable: false,
				action: custom?.action ?? 'Check the task list and your balance before retrying, so you are not charged twice.',
				cause,
			});
		}
		return new ProviderError({
			provider,
			kind: f.kind === 'timeout' ? 'timeout' : 'network',
			code: f.code,
			message: redact(`Could not reach ${host}: ${f.detail}.`, secrets),
			retryable: true,
			action: 'Check your internet connection and proxy settings (http.proxy), then try again.',
			cause,
		});
	}
}

/**
 * The shapes of the HTTP layer (src/api/http.ts): client options, request options, and the two
 * kinds of response. Pure: no `vscode` import.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { ProviderId } from '../shared/domain';
import type { Log } from '../util/log';
import type { ProxyOptions } from './dispatcher';
import type { BackoffPolicy } from './httpRetry';

export interface HttpClientOptions {
	connectTimeoutMs?: number;
	headersTimeoutMs?: number;
	bodyTimeoutMs?: number;
	proxy?: ProxyOptions;
	log?: Log;
	userAgent?: string;
	/** Injected for tests; defaults to Math.random. */
	random?: () => number;
	/** Injected for tests; defaults to a timer that honours the signal. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Total attempts for GETs (and for POSTs refused before sending). Default 4. */
	maxAttempts?: number;
	backoff?: Partial<BackoffPolicy>;
	/** Largest JSON body read into memory. Default 8 MiB. */
	maxJsonBytes?: number;
}

export interface RequestOptions {
	headers?: Record<string, string>;
	signal?: AbortSignal;
	/** Which provider the error belongs to. Default `evolink`. */
	provider?: ProviderId;
	headersTimeoutMs?: number;
	bodyTimeoutMs?: number;
}

export interface PostOptions extends RequestOptions {
	/** Replaces the default "task may or may not have been created" wording (e.g. for uploads). */
	unknownOutcome?: { message: string; action: string };
}

/** A fully read response, whatever its status. */
export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	text: string;
	/** Parsed body, or undefined when it is not JSON. */
	json: unknown;
	retryAfterMs?: number;
	attempts: number;
}

/** A response whose body is still a stream (downloads). */
export interface StreamResponse {
	status: number;
	headers: Record<string, string>;
	body: Dispatcher.ResponseData['body'];
	/** The URL finally answered, after redirects. */
	url: string;
}

/** A request body that can be rebuilt for a retry (streams cannot be replayed). */
export interface BodySource {
	body: Buffer | string | Readable;
	contentType: string;
	contentLength?: number;
}

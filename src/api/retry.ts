/**
 * Retry timing: capped exponential back-off with full jitter, and `Retry-After` parsing.
 * undici's own retry handler has no jitter and throws away the error body, so we time retries here.
 * Pure: no `vscode` import.
 */

export interface BackoffPolicy {
	/** Delay ceiling for the first retry, in ms. */
	baseDelayMs: number;
	/** No computed delay exceeds this. */
	maxDelayMs: number;
	/** A server's `Retry-After` is honoured up to this many ms. */
	maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * Delay before retry number `retry` (1 = first retry). Full jitter: uniform in [0, min(cap, base·2^(retry-1))],
 * so many clients hit by the same outage do not come back in lock-step.
 * A `Retry-After` from the server wins, capped at `maxRetryAfterMs`.
 */
export function backoffDelay(retry: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs?: number): number {
	if (retryAfterMs !== undefined) {
		return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
	}
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
	const r = Math.min(Math.max(random(), 0), 1);
	return Math.floor(r * ceiling);
}

/** Parses `Retry-After` (delta seconds or HTTP-date, RFC 9110 §10.2.3) into ms from `now`; undefined when absent or garbled. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
	if (value === undefined) {
		return undefined;
	}
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) {
		return Math.round(Number(trimmed) * 1000);
	}
	// Only accept something that looks like an HTTP-date; Date.parse is lenient with garbage like "5".
	if (!/[A-Za-z]{3}/.test(trimmed)) {
		return undefined;
	}
	const at = Date.parse(trimmed);
	if (Number.isNaN(at)) {
		return undefined;
	}
	return Math.max(0, at - now);
}

/** Sleeps `ms`, rejecting with the signal's reason if it aborts first. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(signal.reason);
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

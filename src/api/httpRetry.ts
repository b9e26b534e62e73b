/**
 * The one home of retry timing: `Retry-After` parsing (RFC 9110 §10.2.3) and capped exponential
 * back-off with full jitter. The HTTP client's in-request retries and the scheduler's poll
 * back-off both use these. undici's own retry handler has no jitter and throws away the error
 * body, so we time retries here. Pure: no `vscode` import.
 */

export interface BackoffPolicy {
	/** Delay ceiling for the first retry, in ms. */
	baseDelayMs: number;
	/** No computed delay exceeds this. */
	maxDelayMs: number;
	/**
	 * A server's `Retry-After` is honoured up to this many ms within one request; a longer wait
	 * is not slept through silently: the answer goes back to the caller, whose error says how long.
	 */
	maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * Full jitter: uniform in [floor, min(cap, base·2^(attempt−1))] for the `attempt`-th retry
 * (1-based), so many clients hit by the same outage do not come back in lock-step.
 */
export function fullJitter(attempt: number, random: () => number, baseMs: number, capMs: number, floorMs = 0): number {
	const exp = Math.min(Math.max(0, Math.floor(attempt) - 1), 52);
	const ceiling = Math.min(capMs, baseMs * 2 ** exp);
	const floor = Math.min(floorMs, ceiling);
	const r = Math.min(Math.max(random(), 0), 1);
	return floor + r * (ceiling - floor);
}

/**
 * Delay before in-request retry number `retry` (1 = first retry): full jitter, or the server's
 * `Retry-After` when it sent one (never negative, capped at `maxRetryAfterMs`).
 */
export function backoffDelay(retry: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs?: number): number {
	if (retryAfterMs !== undefined) {
		return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
	}
	return Math.floor(fullJitter(retry, random, policy.baseDelayMs, policy.maxDelayMs));
}

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
const HAS_ZONE = /\b(?:GMT|UTC|UT|Z)\b|[+-]\d{4}\s*$/i;
const HAS_MONTH_OR_DAY = /[a-z]{3}/i;

/**
 * Parses an HTTP `Retry-After` value (delta-seconds or an HTTP-date in any of its three forms)
 * into milliseconds to wait from `now`, capped at `capMs` (none by default). A date in the past
 * gives 0; anything unparseable gives undefined. A repeated header uses its first value.
 * HTTP-dates are always GMT: the asctime form carries no zone, and `Date.parse` alone would
 * read it as local time.
 */
export function parseRetryAfter(
	value: string | readonly string[] | null | undefined,
	now: number = Date.now(),
	capMs: number = Number.POSITIVE_INFINITY,
): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw !== 'string') {
		return undefined;
	}
	const text = raw.trim();
	if (DELTA_SECONDS.test(text)) {
		return Math.min(capMs, Math.round(Number(text) * 1000));
	}
	// Date.parse is lenient with garbage like "5"; an HTTP-date always names a day or month.
	if (!HAS_MONTH_OR_DAY.test(text)) {
		return undefined;
	}
	const at = Date.parse(HAS_ZONE.test(text) ? text : `${text} GMT`);
	if (Number.isNaN(at)) {
		return undefined;
	}
	return Math.min(capMs, Math.max(0, at - now));
}

/** "2 min" / "1 h 05 min": how long a provider asked us to wait, for messages. */
export function describeWait(ms: number): string {
	const minutes = Math.ceil(ms / 60_000);
	if (minutes < 60) {
		return `${minutes} min`;
	}
	return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')} min` : ''}`;
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

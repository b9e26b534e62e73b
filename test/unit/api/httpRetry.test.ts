import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { backoffDelay, DEFAULT_BACKOFF, defaultSleep, describeWait, fullJitter, parseRetryAfter } from '../../../src/api/httpRetry';

/** A seeded linear-congruential RNG so the jitter is deterministic. */
function seeded(seed: number): () => number {
	let s = seed;
	return () => {
		s = (s * 1664525 + 1013904223) % 2 ** 32;
		return s / 2 ** 32;
	};
}

describe('fullJitter', () => {
	it('stays within [floor, min(cap, base·2^(n-1))]', () => {
		const rnd = seeded(7);
		for (let n = 1; n <= 60; n++) {
			const d = fullJitter(n, rnd, 2_000, 60_000, 500);
			assert.ok(d >= 500 && d <= Math.min(60_000, 2_000 * 2 ** (n - 1)), `attempt ${n}: ${d}`);
		}
	});
});

describe('backoffDelay', () => {
	it('stays within [0, min(cap, base·2^(n-1))] (full jitter)', () => {
		const rnd = seeded(42);
		for (let n = 1; n <= 10; n++) {
			const ceiling = Math.min(DEFAULT_BACKOFF.maxDelayMs, DEFAULT_BACKOFF.baseDelayMs * 2 ** (n - 1));
			for (let i = 0; i < 50; i++) {
				const d = backoffDelay(n, rnd);
				assert.ok(d >= 0 && d <= ceiling, `retry ${n}: ${d} > ${ceiling}`);
			}
		}
	});

	it('reaches the ceiling with random()≈1 and zero with random()=0', () => {
		assert.equal(backoffDelay(3, () => 0), 0);
		assert.equal(backoffDelay(3, () => 0.999999), 1999);
		assert.equal(backoffDelay(30, () => 0.999999), DEFAULT_BACKOFF.maxDelayMs - 1);
	});

	it('lets Retry-After win, capped', () => {
		assert.equal(backoffDelay(1, () => 0.5, DEFAULT_BACKOFF, 2000), 2000);
		assert.equal(backoffDelay(1, () => 0.5, DEFAULT_BACKOFF, 3_600_000), DEFAULT_BACKOFF.maxRetryAfterMs);
		assert.equal(backoffDelay(1, () => 0.5, DEFAULT_BACKOFF, -5), 0);
	});
});

describe('parseRetryAfter', () => {
	const now = Date.UTC(2026, 0, 1, 12, 0, 0);

	it('reads delta-seconds, and the first of a repeated header', () => {
		assert.equal(parseRetryAfter('120', now), 120_000);
		assert.equal(parseRetryAfter(' 0 ', now), 0);
		assert.equal(parseRetryAfter('1.5', now), 1500);
		assert.equal(parseRetryAfter(['3', '9'], now), 3_000);
	});

	// The asctime form carries no zone; it is GMT all the same, whatever the machine's zone.
	for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/Berlin']) {
		it(`reads the three HTTP-date forms as GMT under TZ=${tz}`, () => {
			const saved = process.env.TZ;
			process.env.TZ = tz;
			try {
				assert.equal(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now), 30_000);
				assert.equal(parseRetryAfter('Thursday, 01-Jan-26 12:00:30 GMT', now), 30_000);
				assert.equal(parseRetryAfter('Thu Jan  1 12:00:30 2026', now), 30_000);
			} finally {
				if (saved === undefined) { delete process.env.TZ; }
				else { process.env.TZ = saved; }
			}
		});
	}

	it('gives 0 for a past date; caps only when asked', () => {
		assert.equal(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now), 0);
		assert.equal(parseRetryAfter('86400', now), 86_400_000);
		assert.equal(parseRetryAfter('86400', now, 5_000), 5_000);
	});

	it('rejects garbage', () => {
		for (const v of ['', 'soon', '-5', '-4', '12abc', '1e3', undefined, null]) {
			assert.equal(parseRetryAfter(v, now), undefined, String(v));
		}
	});
});

describe('describeWait and long waits in errors', () => {
	it('names minutes and hours', () => {
		assert.equal(describeWait(90_000), '2 min');
		assert.equal(describeWait(3_600_000), '1 h');
		assert.equal(describeWait(3_900_000), '1 h 05 min');
	});
	it('a ProviderError asked to wait an hour says so in its advice; a short wait adds nothing', () => {
		const long = new ProviderError({
			provider: 'evolink',
			kind: 'http',
			httpStatus: 429,
			message: 'Too many requests',
			retryable: true,
			action: 'Wait, then try again.',
			retryAfterMs: 3_600_000,
		});
		assert.match(long.action, /^Wait, then try again\. The provider asks to wait 1 h \(until \d\d:\d\d UTC\) before the next try\.$/);
		const short = new ProviderError({
			provider: 'evolink',
			kind: 'http',
			httpStatus: 429,
			message: 'Too many requests',
			retryable: true,
			action: 'Wait, then try again.',
			retryAfterMs: 5_000,
		});
		assert.equal(short.action, 'Wait, then try again.');
	});
});

describe('defaultSleep', () => {
	it('rejects when the signal aborts', async () => {
		const ac = new AbortController();
		const p = defaultSleep(10_000, ac.signal);
		ac.abort(new Error('stop'));
		await assert.rejects(p, /stop/);
	});
	it('resolves after the delay', async () => {
		const t = Date.now();
		await defaultSleep(20);
		assert.ok(Date.now() - t >= 15);
	});
});

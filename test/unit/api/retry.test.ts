import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, DEFAULT_BACKOFF, defaultSleep, parseRetryAfter } from '../../../src/api/retry';

/** A seeded linear-congruential RNG so the jitter is deterministic. */
function seeded(seed: number): () => number {
	let s = seed;
	return () => {
		s = (s * 1664525 + 1013904223) % 2 ** 32;
		return s / 2 ** 32;
	};
}

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
	const now = Date.parse('2026-01-01T00:00:00Z');
	it('reads delta seconds', () => {
		assert.equal(parseRetryAfter('3', now), 3000);
		assert.equal(parseRetryAfter(' 0 ', now), 0);
		assert.equal(parseRetryAfter('1.5', now), 1500);
	});
	it('reads HTTP-dates relative to now, never negative', () => {
		assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
		assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
	});
	it('ignores absent and garbled values', () => {
		assert.equal(parseRetryAfter(undefined, now), undefined);
		assert.equal(parseRetryAfter('soon', now), undefined);
		assert.equal(parseRetryAfter('-4', now), undefined);
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

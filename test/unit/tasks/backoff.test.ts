import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
	applyJitter, DEFAULT_POLL_POLICY as P, errorBackoff, firstPollDelay, nextPollDelay,
	pickDoneAt, progressDoneAt,
} from '../../../src/tasks/backoff';
import { constRandom, seededRandom } from './helpers';

const mid = constRandom(0.5);

describe('firstPollDelay', () => {
	it('polls at 0.8 × the estimate, measured from createdAt', () => {
		assert.equal(firstPollDelay({ createdAt: 0, now: 0, estimatedTimeSec: 30 }, mid), 24_000);
		assert.equal(firstPollDelay({ createdAt: 0, now: 10_000, estimatedTimeSec: 30 }, mid), 14_000);
	});

	it('clamps to [2 s, 60 s] and defaults to 5 s without an estimate', () => {
		assert.equal(firstPollDelay({ createdAt: 0, now: 0, estimatedTimeSec: 1 }, mid), 2_000);
		assert.equal(firstPollDelay({ createdAt: 0, now: 0, estimatedTimeSec: 600 }, mid), 60_000);
		assert.equal(firstPollDelay({ createdAt: 0, now: 0 }, mid), 5_000);
	});

	it('polls a resumed old task at once', () => {
		assert.equal(firstPollDelay({ createdAt: 0, now: 3_600_000, estimatedTimeSec: 120 }, mid), 0);
	});

	it('jitters within ±20 %', () => {
		assert.equal(firstPollDelay({ createdAt: 0, now: 0, estimatedTimeSec: 30 }, constRandom(0)), 24_000 * 0.8);
		assert.ok(Math.abs(firstPollDelay({ createdAt: 0, now: 0, estimatedTimeSec: 30 }, constRandom(0.999999)) - 24_000 * 1.2) < 1);
	});
});

describe('nextPollDelay', () => {
	it('grows ×1.5 from the short interval while nothing changes, capped at 30 s', () => {
		const bases: number[] = [];
		let prev: number | undefined;
		for (let i = 0; i < 12; i++) {
			const next = nextPollDelay({ now: 0, changed: false, previousBaseMs: prev }, mid);
			bases.push(next.baseMs);
			assert.equal(next.delayMs, next.baseMs, 'random 0.5 means no jitter');
			prev = next.baseMs;
		}
		assert.deepEqual(bases.slice(0, 4), [2_500, 3_750, 5_625, 8_437.5]);
		assert.equal(Math.max(...bases), P.capMs);
		assert.equal(bases[bases.length - 1], P.capMs);
	});

	it('resets to the short interval on a change', () => {
		assert.equal(nextPollDelay({ now: 0, changed: true, previousBaseMs: 30_000 }, mid).baseMs, P.shortMs);
	});

	it('waits half the remaining time before the expected end, within [short, cap]', () => {
		assert.equal(nextPollDelay({ now: 0, doneAt: 20_000, changed: true }, mid).baseMs, 10_000);
		assert.equal(nextPollDelay({ now: 0, doneAt: 200_000, changed: false }, mid).baseMs, P.capMs);
		assert.equal(nextPollDelay({ now: 0, doneAt: 1_000, changed: false }, mid).baseMs, P.shortMs);
	});

	it('after the expected end, grows with lateness but never beyond the ladder', () => {
		assert.equal(nextPollDelay({ now: 1_000, doneAt: 0, changed: false, previousBaseMs: 20_000 }, mid).baseMs, P.shortMs);
		assert.equal(nextPollDelay({ now: 40_000, doneAt: 0, changed: false, previousBaseMs: 10_000 }, mid).baseMs, 15_000);
		assert.equal(nextPollDelay({ now: 40_000, doneAt: 0, changed: true, previousBaseMs: 10_000 }, mid).baseMs, P.shortMs);
	});

	it('keeps every jittered delay within ±20 % of its base (1,000 seeded draws)', () => {
		const random = seededRandom(42);
		let lo = Infinity;
		let hi = -Infinity;
		for (let i = 0; i < 1_000; i++) {
			const { baseMs, delayMs } = nextPollDelay({ now: 0, changed: false, previousBaseMs: 20_000 }, random);
			lo = Math.min(lo, delayMs / baseMs);
			hi = Math.max(hi, delayMs / baseMs);
		}
		assert.ok(lo >= 0.8 && lo < 0.82, `lowest ratio ${lo}`);
		assert.ok(hi <= 1.2 && hi > 1.18, `highest ratio ${hi}`);
	});

	it('applyJitter maps random 0 and 1 to the bounds', () => {
		assert.equal(applyJitter(1_000, constRandom(0), 0.2), 800);
		assert.ok(Math.abs(applyJitter(1_000, constRandom(1), 0.2) - 1_200) < 1e-9);
	});
});

describe('progress estimates', () => {
	it('extrapolates the rate between two observations', () => {
		assert.equal(progressDoneAt({ at: 0, progress: 0 }, { at: 10_000, progress: 25 }), 40_000);
		assert.equal(progressDoneAt({ at: 0, progress: 50 }, { at: 10_000, progress: 50 }), undefined);
		assert.equal(progressDoneAt({ at: 0, progress: 50 }, { at: 10_000, progress: 40 }), undefined);
		assert.equal(progressDoneAt({ at: 0, progress: 0 }, { at: 10_000, progress: 100 }), undefined);
	});

	it('picks the earliest estimate ahead, else the latest one behind', () => {
		assert.equal(pickDoneAt(100, [500, 300, undefined]), 300);
		assert.equal(pickDoneAt(100, [50, 500]), 500);
		assert.equal(pickDoneAt(100, [50, 80]), 80);
		assert.equal(pickDoneAt(100, [undefined]), undefined);
	});
});

describe('errorBackoff', () => {
	it('uses full jitter under a doubling ceiling capped at 60 s', () => {
		assert.equal(errorBackoff(1, constRandom(0.999999)) <= 2_000, true);
		assert.ok(Math.abs(errorBackoff(3, constRandom(1)) - 8_000) < 1e-9);
		assert.equal(errorBackoff(20, constRandom(1)), 60_000);
		assert.equal(errorBackoff(2_000, constRandom(1)), 60_000, 'huge attempt counts do not overflow');
		assert.equal(errorBackoff(5, constRandom(0)), 500, 'never sooner than the 500 ms floor');
	});

	it('spreads retries over the whole range (seeded)', () => {
		const random = seededRandom(7);
		const draws = Array.from({ length: 500 }, () => errorBackoff(4, random));
		assert.ok(draws.every((d) => d >= 500 && d <= 16_000));
		assert.ok(Math.min(...draws) < 1_500 && Math.max(...draws) > 15_000);
	});

	it('mean delay grows with the attempt number', () => {
		const mean = (attempt: number) => {
			const random = seededRandom(attempt);
			let sum = 0;
			for (let i = 0; i < 400; i++) {
				sum += errorBackoff(attempt, random);
			}
			return sum / 400;
		};
		assert.ok(mean(1) < mean(2) && mean(2) < mean(3) && mean(3) < mean(4));
	});
});

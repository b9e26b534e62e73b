import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
	applyJitter,
	DEFAULT_POLL_POLICY as P,
	errorBackoff,
	firstPollDelay,
	nextPollDelay,
	toleranceMs,
	historicalEstimateSec,
	pickDoneAt,
	progressDoneAt,
} from '../../../src/tasks/pollTiming';
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
	it('with nothing to estimate the end, grows ×1.5 from the short interval, capped at 10 s', () => {
		const bases: number[] = [];
		let prev: number | undefined;
		for (let i = 0; i < 12; i++) {
			const next = nextPollDelay({ now: 0, changed: false, previousBaseMs: prev }, mid);
			bases.push(next.baseMs);
			assert.equal(next.delayMs, next.baseMs, 'random 0.5 means no jitter');
			prev = next.baseMs;
		}
		assert.deepEqual(bases.slice(0, 4), [2_500, 3_750, 5_625, 8_437.5]);
		assert.equal(Math.max(...bases), P.unknownCapMs);
		assert.equal(bases[bases.length - 1], P.unknownCapMs);
	});

	it('resets to the short interval on a change', () => {
		assert.equal(nextPollDelay({ now: 0, changed: true, previousBaseMs: 30_000 }, mid).baseMs, P.shortMs);
	});

	it('the tolerance is 5 % of the expected duration, at least 1 s', () => {
		assert.equal(toleranceMs(5_000), 1_000);
		assert.equal(toleranceMs(60_000), 3_000);
		assert.equal(toleranceMs(undefined), 1_000);
	});

	it('waits half the remaining time before the expected end, then lands on the end itself', () => {
		assert.equal(nextPollDelay({ now: 0, doneAt: 20_000, changed: true, expectedMs: 20_000 }, mid).baseMs, 10_000);
		assert.equal(nextPollDelay({ now: 0, doneAt: 200_000, changed: false, expectedMs: 200_000 }, mid).baseMs, P.capMs);
		// 1.5 s left of a 5 s task: half would be under the 1 s tolerance, so poll in 1 s; 0.6 s left: poll at the end.
		assert.equal(nextPollDelay({ now: 3_500, doneAt: 5_000, changed: false, expectedMs: 5_000 }, mid).baseMs, 1_000);
		const atEnd = nextPollDelay({ now: 4_400, doneAt: 5_000, changed: false, expectedMs: 5_000 }, seededRandom(3));
		assert.equal(atEnd.delayMs, 600, 'no jitter on the poll at the end');
	});

	it('after the expected end, polls every tolerance for a while, then grows from it', () => {
		assert.equal(nextPollDelay({ now: 1_000, doneAt: 0, changed: false, previousBaseMs: 20_000, expectedMs: 60_000 }, mid).baseMs, 3_000);
		// 40 s late on a 60 s task (past a quarter of it): the ladder, from the tolerance.
		assert.equal(nextPollDelay({ now: 40_000, doneAt: 0, changed: false, previousBaseMs: 10_000, expectedMs: 60_000 }, mid).baseMs, 15_000);
		assert.equal(nextPollDelay({ now: 40_000, doneAt: 0, changed: true, previousBaseMs: 10_000, expectedMs: 60_000 }, mid).baseMs, 3_000);
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

describe('historicalEstimateSec', () => {
	const done = (model: string, seconds: number, status = 'completed') => ({ model, status, createdAt: 1_000, finishedAt: 1_000 + seconds * 1000 });
	it("is the median duration of the model's recent completed tasks", () => {
		assert.equal(historicalEstimateSec([done('s', 40), done('s', 30), done('s', 50), done('m', 5)], 's'), 40);
		assert.equal(historicalEstimateSec([done('s', 40), done('s', 30), done('s', 50), done('s', 60)], 's'), 45);
	});
	it('needs three of them, finished and completed', () => {
		assert.equal(historicalEstimateSec([done('s', 40), done('s', 30), done('s', 50, 'failed')], 's'), undefined);
		assert.equal(historicalEstimateSec([], 's'), undefined);
	});
});

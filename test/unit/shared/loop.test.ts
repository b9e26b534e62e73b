import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyGain, loopRegion, peakOf, seamJump, seamWindow, snapToZeroCrossing, trimSilence } from '../../../src/shared/loop';
import { db, rms } from '../../fakes/media/measure';
import { rng } from '../../fakes/media/pcm';

const RATE = 48_000;

/** A sine of `frames` frames at `freq` Hz, plus uniform noise of ±`noise`. */
function sine(frames: number, freq: number, amplitude: number, phase = 0, noise = 0, seed = 1): Float32Array {
	const rand = rng(seed);
	const x = new Float32Array(frames);
	for (let i = 0; i < frames; i++) {
		x[i] = amplitude * Math.sin(phase + 2 * Math.PI * freq * i / RATE) + noise * (2 * rand() - 1);
	}
	return x;
}

/** Uniform white noise in ±`amplitude`. */
function noise(frames: number, amplitude: number, seed: number): Float32Array {
	const rand = rng(seed);
	return Float32Array.from({ length: frames }, () => amplitude * (2 * rand() - 1));
}

/** The mean of the channels at frame i. */
function mixAt(channels: Float32Array[], i: number): number {
	return channels.reduce((sum, x) => sum + x[i], 0) / channels.length;
}

/** +1 when the mix crosses zero upward into frame i, −1 downward, 0 when it does not cross there. */
function crossingAt(channels: Float32Array[], i: number): number {
	const a = mixAt(channels, i - 1);
	const b = mixAt(channels, i);
	return a < 0 && b >= 0 ? 1 : a > 0 && b <= 0 ? -1 : 0;
}

/** Largest |x[i] − x[i−1]| over the channels. */
function maxStep(channels: Float32Array[]): number {
	let max = 0;
	for (const x of channels) {
		for (let i = 1; i < x.length; i++) {
			max = Math.max(max, Math.abs(x[i] - x[i - 1]));
		}
	}
	return max;
}

describe('snapToZeroCrossing', () => {
	// 440 Hz: a period is ~109 frames, so ±120 frames always hold crossings both ways.
	const PERIOD = RATE / 440;
	const left = sine(RATE, 440, 0.8, 0.3);
	const right = sine(RATE, 440, 0.6, 0.5);
	const stereo = [left, right];

	it('moves to the nearest crossing of the mix within the radius', () => {
		for (const index of [1000, 1234, 5555, 20_001]) {
			const snapped = snapToZeroCrossing(stereo, index, 120);
			assert.ok(Math.abs(snapped - index) <= 120, `within radius (${index} → ${snapped})`);
			assert.notEqual(crossingAt(stereo, snapped), 0, `${snapped} is a crossing`);
			for (let i = index - Math.abs(snapped - index) + 1; i < index + Math.abs(snapped - index); i++) {
				assert.equal(crossingAt(stereo, i), 0, `no nearer crossing at ${i}`);
			}
		}
	});

	it('prefers a crossing going the same way as the other loop point', () => {
		const start = snapToZeroCrossing(stereo, 2000, 120);
		const direction = crossingAt(stereo, start);
		for (const index of [7000, 7030, 7060, 7090, 30_000]) {
			const end = snapToZeroCrossing(stereo, index, 120, start);
			assert.ok(Math.abs(end - index) <= 120);
			assert.equal(crossingAt(stereo, end), direction, `end ${end} crosses like start ${start}`);
			const opposite = snapToZeroCrossing(stereo, index, 120, Math.round(start + PERIOD / 2));
			assert.equal(crossingAt(stereo, opposite), -direction, 'and the other way for a point half a period on');
		}
	});

	it('falls back to a crossing of the other direction, and returns the index when there is none', () => {
		const start = snapToZeroCrossing(stereo, 2000, 120);
		const half = Math.round(start + PERIOD / 2);
		const opposite = snapToZeroCrossing(stereo, half, 30, half);
		assert.equal(crossingAt(stereo, opposite), -crossingAt(stereo, start));
		// Within 10 frames of that crossing there is none going the way start goes.
		assert.equal(snapToZeroCrossing(stereo, opposite, 10, start), opposite);
		assert.equal(snapToZeroCrossing(stereo, opposite + 3, 10, start), opposite);
		assert.equal(snapToZeroCrossing(stereo, opposite, 0), opposite);
		assert.equal(snapToZeroCrossing(stereo, opposite + 3, 0), opposite + 3);
		const dc = [new Float32Array(1000).fill(0.25)];
		assert.equal(snapToZeroCrossing(dc, 500, 400), 500);
	});

	it('counts an exact zero as a crossing and keeps to the audio', () => {
		const x = [Float32Array.from([0.5, 0.4, 0.3, 0, 0.2, 0.4, 0.6, 0.8])];
		assert.equal(snapToZeroCrossing(x, 6, 5), 3);
		assert.equal(snapToZeroCrossing(x, 8, 2), 8, 'no crossing within 2 of the end');
		assert.throws(() => snapToZeroCrossing(x, 9, 2), RangeError);
		assert.throws(() => snapToZeroCrossing(x, 3, -1), RangeError);
		assert.throws(() => snapToZeroCrossing([new Float32Array(3), new Float32Array(4)], 1, 1), RangeError);
	});
});

describe('loopRegion', () => {
	// 220 Hz with a little noise, cut from a zero crossing to a positive peak: a deliberately bad loop.
	const frames = 4 * RATE;
	const noisy = [sine(frames, 220, 0.5, 0, 0.01, 7), sine(frames, 220, 0.5, 0.2, 0.01, 8)];
	const period = RATE / 220;
	const start = Math.round(20 * period);
	const end = Math.round(500 * period + period / 4);
	const crossfade = Math.round(0.02 * RATE);

	it('cuts exactly [start, end) and, without a crossfade, keeps the click', () => {
		const cut = loopRegion(noisy, start, end, 0);
		assert.equal(cut.length, 2);
		assert.ok(cut.every((x) => x.length === end - start));
		cut.forEach((x, c) => assert.deepEqual(x, noisy[c].subarray(start, end)));
		const { jump, step, smooth } = seamJump(cut);
		assert.ok(jump > 10 * step, `the test loop clicks: jump ${jump}, step ${step}`);
		assert.equal(smooth, false);
	});

	it('makes the seam no bigger a step than the audio takes with a 20 ms crossfade', () => {
		const looped = loopRegion(noisy, start, end, crossfade);
		assert.ok(looped.every((x) => x.length === end - start));
		const { jump, step, smooth } = seamJump(looped);
		assert.ok(jump <= 3 * step, `seam jump ${jump} vs 99th-percentile step ${step}`);
		assert.equal(smooth, true);
		assert.ok(maxStep(looped) <= 3 * step, 'and the fade itself adds no step');
	});

	it('fades the tail into the frames before start when there are enough', () => {
		const looped = loopRegion(noisy, start, end, crossfade);
		const length = end - start;
		noisy.forEach((x, c) => {
			assert.deepEqual(looped[c].subarray(0, length - crossfade), x.subarray(start, end - crossfade), 'the head is untouched');
			assert.ok(Math.abs(looped[c][length - 1] - x[start - 1]) < 1e-7, 'the last frame is the one before start');
			assert.notDeepEqual(looped[c].subarray(length - crossfade), x.subarray(end - crossfade, end));
		});
	});

	it('fades the frames after end over the head when too few precede start', () => {
		const early = 100;
		const looped = loopRegion(noisy, early, end, crossfade);
		const length = end - early;
		assert.ok(looped.every((x) => x.length === length));
		noisy.forEach((x, c) => {
			assert.equal(looped[c][0], x[end], 'the first frame continues from end − 1');
			assert.deepEqual(looped[c].subarray(crossfade), x.subarray(early + crossfade, end), 'the rest is untouched');
		});
		const { jump, step } = seamJump(looped);
		assert.ok(jump <= 3 * step, `seam jump ${jump} vs step ${step}`);
	});

	it('shortens the crossfade to what the audio holds, and to half the region', () => {
		// 100 frames before start and 50 after end: a 100-frame fade into the frames before start.
		const near = loopRegion(noisy, 100, frames - 50, crossfade);
		noisy.forEach((x, c) => {
			const length = frames - 150;
			assert.deepEqual(near[c].subarray(0, length - 100), x.subarray(100, frames - 150));
			assert.ok(Math.abs(near[c][length - 1] - x[99]) < 1e-7);
		});
		// 40 frames before start, 60 after end: 60 frames after end over the head.
		const after = loopRegion(noisy, 40, frames - 60, crossfade);
		noisy.forEach((x, c) => {
			assert.equal(after[c][0], x[frames - 60]);
			assert.deepEqual(after[c].subarray(60), x.subarray(100, frames - 60));
		});
		// The whole file: nothing to fade with, a plain cut.
		assert.deepEqual(loopRegion(noisy, 0, frames, crossfade), noisy);
		// A 100-frame region fades over 50 frames at most.
		const short = loopRegion(noisy, 5000, 5100, crossfade);
		noisy.forEach((x, c) => {
			assert.deepEqual(short[c].subarray(0, 50), x.subarray(5000, 5050));
			assert.ok(Math.abs(short[c][99] - x[4999]) < 1e-7);
		});
	});

	it('keeps the power constant across the fade of two uncorrelated noises', () => {
		const white = [noise(200_000, 0.5, 42)];
		const fade = 40_000;
		const looped = loopRegion(white, 50_000, 150_000, fade)[0];
		const reference = rms(looped, 0, 100_000 - fade);
		for (let from = 100_000 - fade; from < 100_000; from += 4000) {
			const change = db(rms(looped, from, from + 4000) / reference);
			assert.ok(Math.abs(change) < 1.5, `RMS at ${from} differs by ${change.toFixed(2)} dB`);
		}
	});

	it('returns new arrays and refuses impossible regions', () => {
		const looped = loopRegion(noisy, start, end, 0);
		looped[0][0] = 9;
		assert.notEqual(noisy[0][start], 9);
		assert.throws(() => loopRegion(noisy, 10, 10, 0), RangeError);
		assert.throws(() => loopRegion(noisy, 10, frames + 1, 0), RangeError);
		assert.throws(() => loopRegion(noisy, -1, 10, 0), RangeError);
		assert.throws(() => loopRegion(noisy, 0, 10, -1), RangeError);
		assert.throws(() => loopRegion([new Float32Array(10), new Float32Array(9)], 0, 5, 0), RangeError);
	});
});

describe('seamWindow', () => {
	const x = [sine(RATE, 220, 0.5, 0, 0.01, 3), sine(RATE, 220, 0.4, 1, 0.01, 4)];

	it("is the looped region's last frames followed by its first, with the seam between", () => {
		for (const [start, end] of [[5000, 30_000], [50, 30_000]]) {
			const looped = loopRegion(x, start, end, 960);
			const { channels, seamIndex } = seamWindow(x, start, end, 960, 2400);
			assert.equal(seamIndex, 2400);
			channels.forEach((w, c) => {
				assert.equal(w.length, 4800);
				assert.deepEqual(w.subarray(0, 2400), looped[c].subarray(looped[c].length - 2400));
				assert.deepEqual(w.subarray(2400), looped[c].subarray(0, 2400));
			});
		}
	});

	it('clamps the window to the region', () => {
		const { channels, seamIndex } = seamWindow(x, 1000, 1300, 0, 1000);
		assert.equal(seamIndex, 300);
		assert.deepEqual(channels[0], Float32Array.from([...x[0].subarray(1000, 1300), ...x[0].subarray(1000, 1300)]));
		assert.throws(() => seamWindow(x, 1000, 1300, 0, -1), RangeError);
	});
});

describe('seamJump', () => {
	it('reports the wrap and the nearest-rank 99th-percentile step', () => {
		// 200 steps: 198 of 0.01 and two of 0.5; the 198th smallest is 0.01.
		const x = new Float32Array(201);
		for (let i = 1; i < x.length; i++) {
			x[i] = x[i - 1] + (i === 50 || i === 150 ? 0.5 : 0.01);
		}
		const m = seamJump([x]);
		assert.ok(Math.abs(m.jump - x[200]) < 1e-6);
		assert.ok(Math.abs(m.step - 0.01) < 1e-6, `step ${m.step}`);
		assert.equal(m.smooth, false);
		assert.deepEqual(seamJump([new Float32Array(1)]), { jump: 0, step: 0, smooth: true });
		assert.deepEqual(seamJump([new Float32Array(10)]), { jump: 0, step: 0, smooth: true });
	});

	it('finds a whole number of sine periods smooth', () => {
		const x = sine(480 * 10, 100, 0.5);
		assert.equal(seamJump([x, x]).smooth, true);
	});
});

describe('trimSilence', () => {
	/** 1000 frames of silence, 5000 of a loud tone, 2000 at −80 dB and 500 of silence. */
	function padded(): Float32Array[] {
		const loud = sine(5000, 1000, 0.5, Math.PI / 2);
		const quiet = sine(2000, 1000, 1e-4, Math.PI / 2);
		const left = new Float32Array(8500);
		left.set(loud, 1000);
		left.set(quiet, 6000);
		const right = new Float32Array(8500);
		right.set(quiet, 6000);
		return [left, right];
	}

	it('removes silent head and tail, keeping 5 ms of margin', () => {
		assert.deepEqual(trimSilence(padded(), RATE), { start: 1000 - 240, end: 6000 + 240 });
		assert.deepEqual(trimSilence(padded(), RATE, { keepMs: 0 }), { start: 1000, end: 6000 });
		assert.deepEqual(trimSilence(padded(), RATE, { thresholdDb: -90, keepMs: 0 }), { start: 1000, end: 8000 });
		assert.deepEqual(trimSilence(padded(), RATE, { thresholdDb: -90, keepMs: 100 }), { start: 0, end: 8500 });
	});

	it('listens to every channel', () => {
		const [left, right] = padded();
		right[300] = -0.2;
		assert.deepEqual(trimSilence([left, right], RATE, { keepMs: 0 }), { start: 300, end: 6000 });
	});

	it('finds nothing in silence', () => {
		assert.deepEqual(trimSilence([new Float32Array(1000), new Float32Array(1000).fill(1e-5)], RATE), { start: 0, end: 0 });
		assert.deepEqual(trimSilence([], RATE), { start: 0, end: 0 });
		assert.throws(() => trimSilence([new Float32Array(10)], 0), RangeError);
	});
});

describe('peakOf / applyGain', () => {
	it('finds the peak over channels and scales into new arrays', () => {
		const x = [Float32Array.from([0.1, -0.7, 0.3]), Float32Array.from([0.5, 0.2, -0.1])];
		assert.equal(peakOf(x), Math.fround(0.7));
		assert.equal(peakOf([]), 0);
		const louder = applyGain(x, 1 / peakOf(x));
		assert.equal(peakOf(louder), 1);
		assert.notEqual(louder[0], x[0]);
		assert.equal(x[0][1], Math.fround(-0.7));
		assert.deepEqual(applyGain(x, 0.5)[1], Float32Array.from([0.25, 0.1, -0.05]));
	});
});

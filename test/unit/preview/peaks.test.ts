import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { beatGrid, bucketCount, columnPeaks, computePeaks } from '../../../media/preview/peaks';

/** Min/max of each bucket the slow, obvious way. */
function bruteForce(channels: Float32Array[], buckets: number): { min: number[]; max: number[] } {
	const length = channels[0].length;
	const min: number[] = [];
	const max: number[] = [];
	for (let b = 0; b < buckets; b++) {
		const from = Math.floor((b * length) / buckets);
		const to = Math.max(from + 1, Math.floor(((b + 1) * length) / buckets));
		let lo = 0;
		let hi = 0;
		for (const c of channels) {
			for (let i = from; i < to; i++) {
				lo = Math.min(lo, c[i]);
				hi = Math.max(hi, c[i]);
			}
		}
		min.push(lo);
		max.push(hi);
	}
	return { min, max };
}

function noise(n: number, seed: number): Float32Array {
	const out = new Float32Array(n);
	let s = seed;
	for (let i = 0; i < n; i++) {
		s = (s * 1103515245 + 12345) % 2147483648;
		out[i] = (s / 2147483648) * 2 - 1;
	}
	return out;
}

describe('waveform peaks', () => {
	test('match a brute-force min/max over all channels', async () => {
		const channels = [noise(10_007, 1), noise(10_007, 2)];
		const peaks = await computePeaks(channels, 333);
		const expected = bruteForce(channels, 333);
		assert.deepEqual([...peaks.min], expected.min.map((v) => Math.fround(v)));
		assert.deepEqual([...peaks.max], expected.max.map((v) => Math.fround(v)));
	});

	test('clip to [-1, 1] and handle fewer samples than buckets', async () => {
		const peaks = await computePeaks([Float32Array.from([2, -3, 0.5])], bucketCount(3));
		assert.deepEqual([...peaks.max], [1, 0, 0.5]);
		assert.deepEqual([...peaks.min], [0, -1, 0]);
		assert.equal(bucketCount(10_000_000), 4096);
		assert.equal(bucketCount(0), 1);
	});

	test('a 10-minute file is computed in slices that yield to the page', async () => {
		const length = 48_000 * 600;
		const channel = new Float32Array(length);
		channel[length - 1] = 0.75;
		let clock = 0;
		let yields = 0;
		// Each clock read advances 5 ms, so an 8 ms slice ends at every second check.
		const peaks = await computePeaks([channel], 4096, {
			now: () => (clock += 5),
			sliceMs: 8,
			yieldFn: async () => {
				yields++;
			},
		});
		assert.ok(yields >= 30, `yielded ${yields} times`);
		assert.equal(peaks.max[4095], 0.75);
	});

	test('with the real clock, no slice of a 10-minute file runs long', async () => {
		const channel = noise(48_000 * 600, 3);
		let last = performance.now();
		let longest = 0;
		await computePeaks([channel], 4096, {
			yieldFn: async () => {
				const now = performance.now();
				longest = Math.max(longest, now - last);
				await new Promise((r) => setImmediate(r));
				last = performance.now();
			},
		});
		// 8 ms slices; the bound is loose so a busy test machine does not make it flaky.
		assert.ok(longest < 150, `longest slice ${longest.toFixed(1)} ms`);
	});

	test('stops when aborted', async () => {
		const ac = new AbortController();
		ac.abort();
		let clock = 0;
		await assert.rejects(computePeaks([new Float32Array(1_000_000)], 4096, { now: () => (clock += 100), signal: ac.signal }), /aborted/);
	});

	test('columns take the extremes of the buckets they cover', () => {
		const peaks = { min: Float32Array.from([-0.1, -0.5, -0.2, -0.9]), max: Float32Array.from([0.3, 0.1, 0.8, 0.2]) };
		const two = columnPeaks(peaks, 2);
		assert.deepEqual([...two.min].map((v) => Math.round(v * 10) / 10), [-0.5, -0.9]);
		assert.deepEqual([...two.max].map((v) => Math.round(v * 10) / 10), [0.3, 0.8]);
		const eight = columnPeaks(peaks, 8);
		assert.equal(eight.min.length, 8);
		assert.equal(Math.round(eight.max[5] * 10) / 10, 0.8);
	});
});

describe('beat grid', () => {
	test('one line per beat, a bar every four, none at 0 or the end', () => {
		const grid = beatGrid(120, 4);
		assert.deepEqual(grid.map((b) => b.time), [0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
		assert.deepEqual(grid.filter((b) => b.bar).map((b) => b.time), [2]);
		assert.deepEqual(beatGrid(0, 4), []);
		assert.deepEqual(beatGrid(120, Number.NaN), []);
		assert.equal(beatGrid(300, 3600, 100).length, 100);
	});
});

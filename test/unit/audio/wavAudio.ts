/** What the wavExport tests share (wavExport.test.ts, wavExportTools.test.ts): one 16-bit step, an error measure, seeded audio. */
import assert from 'node:assert/strict';
import type { FloatAudio } from '../../../src/audio/wavExport';
import { rng } from '../../fakes/media/pcm';

export const LSB = 1 / 32_768;

/** Largest absolute difference between two equally long channel sets. */
export function maxError(got: Float32Array[], want: ArrayLike<number>[]): number {
	assert.equal(got.length, want.length, 'channel count');
	let max = 0;
	got.forEach((channel, c) => {
		assert.equal(channel.length, want[c].length, `channel ${c} length`);
		channel.forEach((v, i) => {
			max = Math.max(max, Math.abs(v - want[c][i]));
		});
	});
	return max;
}

/** Seeded mulberry32 floats in [-1, 1). */
export function noise(frames: number, channels: number, seed: number): FloatAudio {
	const r = rng(seed);
	const rand = (): number => r() * 2 - 1;
	return { sampleRate: 44_100, channels: Array.from({ length: channels }, () => Float32Array.from({ length: frames }, rand)) };
}

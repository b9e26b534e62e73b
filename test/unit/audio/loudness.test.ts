/**
 * The loudness meter and normalisation against ffmpeg's ebur128 filter (an independent BS.1770
 * implementation): test signals are written as 32-bit float WAV to a temp folder and measured by both.
 * ffmpeg (installed by test/harness/ensure-system.sh) is the independent meter.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLoudnessMeter, LoudnessMeter, normalizationGain, normalize, peakDb } from '../../../src/audio/loudness';
import { rng } from '../../fakes/media/pcm';

const meter: LoudnessMeter = createLoudnessMeter(readFileSync(require.resolve('ebur128-wasm/ebur128_wasm_bg.wasm')));

/** The fakes' seeded mulberry32, as uniform numbers in [-1, 1). */
function random(seed: number): () => number {
	const r = rng(seed);
	return () => r() * 2 - 1;
}

/** A sine of `seconds` at peak `dbfs`. */
function sine(seconds: number, sampleRate: number, freq: number, dbfs: number): Float32Array {
	const amplitude = 10 ** (dbfs / 20);
	return Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => amplitude * Math.sin(2 * Math.PI * freq * i / sampleRate));
}

/** Pink-ish noise (Paul Kellet's filter over white noise), roughly within ±`gain`. */
function pink(seconds: number, sampleRate: number, seed: number, gain: number): Float32Array {
	const rand = random(seed);
	const b = [0, 0, 0, 0, 0, 0, 0];
	return Float32Array.from({ length: Math.round(seconds * sampleRate) }, () => {
		const w = rand();
		b[0] = 0.99886 * b[0] + w * 0.0555179;
		b[1] = 0.99332 * b[1] + w * 0.0750759;
		b[2] = 0.969 * b[2] + w * 0.153852;
		b[3] = 0.8665 * b[3] + w * 0.3104856;
		b[4] = 0.55 * b[4] + w * 0.5329522;
		b[5] = -0.7616 * b[5] - w * 0.016898;
		const out = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362;
		b[6] = w * 0.115926;
		return out * gain * 0.2;
	});
}

/** The parts one after another. */
function concat(parts: Float32Array[]): Float32Array {
	const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
	parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
	return out;
}

let dir = '';
let fileCount = 0;

/** Writes planar `channels` as a 32-bit float WAV in the temp folder and returns its path. */
function writeFloatWav(channels: Float32Array[], sampleRate: number): string {
	const frames = channels[0].length;
	const data = Buffer.alloc(frames * channels.length * 4);
	for (let i = 0; i < frames; i++) {
		channels.forEach((c, ch) => data.writeFloatLE(c[i], 4 * (i * channels.length + ch)));
	}
	const h = Buffer.alloc(44);
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(36 + data.length, 4);
	h.write('WAVEfmt ', 8, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(3, 20); // WAVE_FORMAT_IEEE_FLOAT
	h.writeUInt16LE(channels.length, 22);
	h.writeUInt32LE(sampleRate, 24);
	h.writeUInt32LE(sampleRate * channels.length * 4, 28);
	h.writeUInt16LE(channels.length * 4, 32);
	h.writeUInt16LE(32, 34);
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(data.length, 40);
	const path = join(dir, `signal-${fileCount++}.wav`);
	writeFileSync(path, Buffer.concat([h, data]));
	return path;
}

/** ffmpeg's integrated loudness (LUFS) and true peak (dBTP) from the ebur128 filter's summary. */
function ffmpegLoudness(path: string): { lufs: number; truePeakDb: number } {
	const run = spawnSync('ffmpeg', ['-nostats', '-hide_banner', '-i', path, '-af', 'ebur128=peak=true:framelog=verbose', '-f', 'null', '-'], { encoding: 'utf8' });
	assert.equal(run.status, 0, run.stderr);
	const summary = run.stderr.slice(run.stderr.lastIndexOf('Summary:'));
	const number = (re: RegExp): number => {
		const m = re.exec(summary);
		assert.ok(m, `no ${re} in ffmpeg's summary:\n${summary}`);
		return m[1] === '-inf' ? -Infinity : Number(m[1]);
	};
	return { lufs: number(/I:\s+(-?[\d.]+|-inf) LUFS/), truePeakDb: number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/) };
}

/** Both meters on the same audio. */
function measureBoth(channels: Float32Array[], sampleRate: number): { ours: { lufs: number; truePeakDb: number }; ffmpeg: { lufs: number; truePeakDb: number } } {
	const ours = { lufs: meter.integratedLufs(channels, sampleRate), truePeakDb: meter.truePeakDb(channels, sampleRate) };
	return { ours, ffmpeg: ffmpegLoudness(writeFloatWav(channels, sampleRate)) };
}

const fmt = (m: { lufs: number; truePeakDb: number }): string => `${m.lufs.toFixed(2)} LUFS, ${m.truePeakDb.toFixed(2)} dBTP`;

/** Asserts |actual − expected| ≤ tolerance. */
function near(actual: number, expected: number, tolerance: number, what: string): void {
	assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ±${tolerance} of ${expected}`);
}

before(() => {
	dir = mkdtempSync(join(tmpdir(), 'evolink-loudness-'));
});

after(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('integratedLufs and truePeakDb against ffmpeg', () => {
	const signals: { name: string; sampleRate: number; channels: () => Float32Array[]; expectedLufs?: number }[] = [
		// BS.1770 sums the channels' power: −20 dBFS in both channels is −20 LUFS (−23 would be one channel, or mono).
		{ name: '1 kHz sine at −20 dBFS, stereo 48 kHz', sampleRate: 48000, channels: () => [sine(5, 48000, 1000, -20), sine(5, 48000, 1000, -20)], expectedLufs: -20 },
		{ name: '1 kHz sine at −20 dBFS, mono 44.1 kHz', sampleRate: 44100, channels: () => [sine(5, 44100, 1000, -20)], expectedLufs: -23 },
		{ name: 'pink noise, stereo 44.1 kHz', sampleRate: 44100, channels: () => [pink(10, 44100, 1, 0.5), pink(10, 44100, 2, 0.5)] },
		{ name: 'pink noise, mono 48 kHz', sampleRate: 48000, channels: () => [pink(8, 48000, 3, 0.3)] },
		{
			// Loud, quiet (under the relative gate), digital silence (under the absolute gate), loud again.
			name: 'noise with quiet and silent gaps, stereo 48 kHz',
			sampleRate: 48000,
			channels: () =>
				[11, 12].map((seed) => concat([pink(2, 48000, seed, 0.5), pink(4, 48000, seed + 10, 0.005), new Float32Array(3 * 48000), pink(2, 48000, seed + 20, 0.5)])),
		},
	];
	for (const signal of signals) {
		it(signal.name, (t) => {
			const channels = signal.channels();
			const { ours, ffmpeg } = measureBoth(channels, signal.sampleRate);
			t.diagnostic(`ours ${fmt(ours)}; ffmpeg ${fmt(ffmpeg)}`);
			near(ours.lufs, ffmpeg.lufs, 0.5, 'integrated loudness');
			near(ours.truePeakDb, ffmpeg.truePeakDb, 0.5, 'true peak');
			if (signal.expectedLufs !== undefined) {
				near(ours.lufs, signal.expectedLufs, 0.1, 'loudness against BS.1770');
			}
		});
	}

	it('gates: the silent and quiet gaps barely lower the loudness of the loud parts', () => {
		const loud = [pink(2, 48000, 11, 0.5), pink(2, 48000, 12, 0.5)];
		const gapped = loud.map((c, i) => concat([c, pink(4, 48000, 30 + i, 0.005), new Float32Array(3 * 48000), c]));
		// Only the 0.4 s blocks straddling the edges pull it down; without gating it would be 5 LU lower (4 s loud in 13 s).
		near(meter.integratedLufs(gapped, 48000), meter.integratedLufs(loud, 48000), 0.5, 'gated loudness');
	});
});

describe('integratedLufs and truePeakDb', () => {
	it('gives -Infinity for silence, and for audio too short for one 0.4 s gating block', () => {
		const silence = [new Float32Array(48000), new Float32Array(48000)];
		assert.equal(meter.integratedLufs(silence, 48000), -Infinity);
		assert.equal(meter.truePeakDb(silence, 48000), -Infinity);
		assert.equal(meter.integratedLufs([sine(0.3, 48000, 1000, -6)], 48000), -Infinity);
		assert.equal(meter.integratedLufs([new Float32Array(0)], 48000), -Infinity);
	});

	it('takes the true peak over all channels, and measures only the first two for loudness', () => {
		const quiet = sine(2, 48000, 1000, -30);
		const loud = sine(2, 48000, 1000, -6);
		near(meter.truePeakDb([quiet, quiet, loud], 48000), -6, 0.05, 'true peak of the third channel');
		assert.equal(meter.integratedLufs([quiet, quiet, loud], 48000), meter.integratedLufs([quiet, quiet], 48000));
	});

	it('rejects unequal channels, no channels and unusable sample rates', () => {
		assert.throws(() => meter.integratedLufs([new Float32Array(10), new Float32Array(11)], 48000), RangeError);
		assert.throws(() => meter.truePeakDb([], 48000), RangeError);
		assert.throws(() => meter.integratedLufs([new Float32Array(10)], 16), RangeError);
		assert.throws(() => meter.integratedLufs([new Float32Array(10)], 44100.5), RangeError);
	});

	it('rejects bytes that are not the module', () => {
		assert.throws(() => createLoudnessMeter(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])), /lacks/);
		assert.throws(() => createLoudnessMeter(new Uint8Array([1, 2, 3])));
	});

	it('does not grow its memory over 40 calls on 1M samples', (t) => {
		const channels = [pink(500000 / 48000, 48000, 5, 0.5), pink(500000 / 48000, 48000, 6, 0.5)];
		meter.integratedLufs(channels, 48000);
		const first = meter.memoryBytes;
		for (let i = 0; i < 40; i++) {
			if (i % 2 === 0) {
				meter.integratedLufs(channels, 48000);
			} else {
				meter.truePeakDb(channels, 48000);
			}
		}
		t.diagnostic(`wasm memory after the first call ${first} bytes, after 40 more ${meter.memoryBytes}`);
		assert.ok(first > 0);
		assert.equal(meter.memoryBytes, first);
	});
});

describe('peakDb', () => {
	it('is the sample peak over all channels in dBFS', () => {
		near(peakDb([Float32Array.of(0.1, -0.5), Float32Array.of(0.25)]), 20 * Math.log10(0.5), 1e-9, 'peak');
		assert.equal(peakDb([new Float32Array(4)]), -Infinity);
	});
});

describe('normalizationGain', () => {
	it('in peak mode moves the sample peak to the target', () => {
		assert.deepEqual(normalizationGain({ truePeakDb: -5, peakDb: -6 }, { mode: 'peak', peakDb: -1 }), { gainDb: 5 });
	});

	it('in LUFS mode moves the loudness to the target while the true peak stays under the ceiling', () => {
		assert.deepEqual(normalizationGain({ lufs: -26, truePeakDb: -12, peakDb: -12 }, { mode: 'lufs', lufs: -16 }), { gainDb: 10 });
		assert.deepEqual(normalizationGain({ lufs: -10, truePeakDb: 0.5, peakDb: 0 }, { mode: 'lufs', lufs: -16 }), { gainDb: -6 });
	});

	it('caps the gain at the ceiling (−1 dBTP unless given) and says so', () => {
		assert.deepEqual(normalizationGain({ lufs: -30, truePeakDb: -6, peakDb: -7 }, { mode: 'lufs', lufs: -16 }), { gainDb: 5, limitedBy: 'ceiling' });
		assert.deepEqual(normalizationGain({ lufs: -30, truePeakDb: -6, peakDb: -7 }, { mode: 'lufs', lufs: -16, ceilingDbTP: -2 }), { gainDb: 4, limitedBy: 'ceiling' });
		// Already over the ceiling and too quiet: the ceiling wins, so the gain is negative.
		assert.deepEqual(normalizationGain({ lufs: -20, truePeakDb: 0, peakDb: -0.5 }, { mode: 'lufs', lufs: -16 }), { gainDb: -1, limitedBy: 'ceiling' });
	});

	it('leaves silence alone', () => {
		assert.deepEqual(normalizationGain({ lufs: -Infinity, truePeakDb: -Infinity, peakDb: -Infinity }, { mode: 'lufs', lufs: -16 }), { gainDb: 0 });
		assert.deepEqual(normalizationGain({ truePeakDb: -Infinity, peakDb: -Infinity }, { mode: 'peak', peakDb: -1 }), { gainDb: 0 });
	});

	it('rejects a LUFS target without a loudness, NaN measures and non-finite targets', () => {
		assert.throws(() => normalizationGain({ truePeakDb: -3, peakDb: -3 }, { mode: 'lufs', lufs: -16 }), /needs the integrated loudness/);
		assert.throws(() => normalizationGain({ lufs: NaN, truePeakDb: -3, peakDb: -3 }, { mode: 'lufs', lufs: -16 }), RangeError);
		assert.throws(() => normalizationGain({ truePeakDb: -3, peakDb: -3 }, { mode: 'peak', peakDb: Infinity }), RangeError);
		assert.throws(() => normalizationGain({ lufs: -20, truePeakDb: -3, peakDb: -3 }, { mode: 'lufs', lufs: -16, ceilingDbTP: NaN }), RangeError);
	});
});

describe('normalize', () => {
	it('reaches −16 LUFS as ffmpeg measures it when the ceiling allows', (t) => {
		const input = [pink(10, 48000, 41, 0.05), pink(10, 48000, 42, 0.05)];
		const result = normalize(meter, input, 48000, { mode: 'lufs', lufs: -16 });
		const ffmpeg = ffmpegLoudness(writeFloatWav(result.channels, 48000));
		t.diagnostic(`gain ${result.gainDb.toFixed(2)} dB; before ${fmt(result.before)}; after ${fmt(result.after)}; ffmpeg after ${fmt(ffmpeg)}`);
		assert.equal(result.limitedBy, undefined);
		near(result.after.lufs, -16, 0.05, 'our loudness after');
		near(ffmpeg.lufs, -16, 0.5, 'ffmpeg loudness after');
		near(meter.truePeakDb(result.channels, 48000), result.after.truePeakDb, 0.01, 'true peak after, measured against before + gain');
		assert.notEqual(result.channels[0], input[0]);
		near(input[0][100], pink(10, 48000, 41, 0.05)[100], 0, 'input untouched');
	});

	it('stops at the true-peak ceiling for a peaky signal and reports it', (t) => {
		// A quiet bed with a few clicks: reaching −16 LUFS would put the clicks far over −1 dBTP.
		const bed = pink(6, 44100, 51, 0.02);
		[1, 2.5, 4].forEach((sec, k) => bed.set([0.04, -0.06, 0.05].map((v) => v * (1 + k / 4)), Math.round(sec * 44100)));
		const result = normalize(meter, [bed], 44100, { mode: 'lufs', lufs: -16 });
		const ffmpeg = ffmpegLoudness(writeFloatWav(result.channels, 44100));
		t.diagnostic(`gain ${result.gainDb.toFixed(2)} dB; before ${fmt(result.before)}; after ${fmt(result.after)}; ffmpeg after ${fmt(ffmpeg)}`);
		assert.equal(result.limitedBy, 'ceiling');
		assert.ok(result.gainDb > 0);
		near(result.after.truePeakDb, -1, 1e-6, 'true peak after');
		near(meter.truePeakDb(result.channels, 44100), -1, 0.01, 'true peak after, measured');
		assert.ok(result.after.lufs < -17, `reached ${result.after.lufs} LUFS`);
		near(ffmpeg.lufs, result.after.lufs, 0.5, 'ffmpeg loudness after');
		assert.ok(ffmpeg.truePeakDb <= -0.5, `ffmpeg true peak ${ffmpeg.truePeakDb}`);
	});

	it('in peak mode puts the sample peak at −1 dBFS', () => {
		const result = normalize(meter, [pink(1, 44100, 61, 0.2), pink(1, 44100, 62, 0.1)], 44100, { mode: 'peak', peakDb: -1 });
		near(peakDb(result.channels), -1, 0.01, 'sample peak after');
		assert.equal(result.limitedBy, undefined);
	});

	it('in peak mode handles effects too short for integrated loudness', () => {
		const result = normalize(meter, [sine(0.2, 48000, 440, -20)], 48000, { mode: 'peak', peakDb: -1 });
		near(peakDb(result.channels), -1, 0.01, 'sample peak after');
		assert.equal(result.before.lufs, -Infinity);
	});

	it('leaves silence silent in both modes', () => {
		for (const target of [{ mode: 'lufs', lufs: -16 }, { mode: 'peak', peakDb: -1 }] as const) {
			const result = normalize(meter, [new Float32Array(48000), new Float32Array(48000)], 48000, target);
			assert.equal(result.gainDb, 0);
			assert.ok(result.channels.every((c) => c.length === 48000 && c.every((s) => s === 0)));
			assert.deepEqual(result.after, { lufs: -Infinity, truePeakDb: -Infinity });
		}
	});
});

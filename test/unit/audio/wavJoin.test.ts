import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinPcm, joinWavFiles, PcmAudio, readWav, writeWav } from '../../../src/audio/wavJoin';
import { rng } from '../../fakes/media/pcm';
import { chunk, extensibleBody, fmtBody, riff } from '../../fakes/media/riff';

/** Samples as little-endian bytes. */
function pcmBytes(samples: number[]): Buffer {
	const b = Buffer.alloc(samples.length * 2);
	samples.forEach((s, i) => b.writeInt16LE(s, 2 * i));
	return b;
}

/** A sine part of `frames` frames, starting at phase `phase` (radians). */
function sine(frames: number, sampleRate: number, freq: number, amplitude: number, phase: number): PcmAudio {
	const samples = new Int16Array(frames);
	for (let i = 0; i < frames; i++) {
		samples[i] = Math.round(amplitude * Math.sin(phase + 2 * Math.PI * freq * i / sampleRate));
	}
	return { sampleRate, channels: 1, samples };
}

/** Random 16-bit samples from the seeded mulberry32 PRNG. */
function noise(frames: number, channels: number, sampleRate: number, seed: number): PcmAudio {
	const rand = rng(seed);
	const samples = new Int16Array(frames * channels);
	for (let i = 0; i < samples.length; i++) {
		samples[i] = Math.floor(rand() * 65536) - 32768;
	}
	return { sampleRate, channels, samples };
}

/** Largest absolute difference between neighbouring samples in [from, to). */
function maxJump(samples: Int16Array, from: number, to: number): number {
	let max = 0;
	for (let i = Math.max(1, from); i < Math.min(samples.length, to); i++) {
		max = Math.max(max, Math.abs(samples[i] - samples[i - 1]));
	}
	return max;
}

describe('readWav / writeWav', () => {
	it('round-trips mono and stereo audio through a canonical file', () => {
		for (const audio of [noise(1001, 1, 24_000, 1), noise(333, 2, 44_100, 2), { sampleRate: 8000, channels: 1, samples: new Int16Array([-32768, 32767, 0, -1, 1]) }]) {
			const wav = writeWav(audio);
			assert.equal(wav.length, 44 + audio.samples.length * 2);
			assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
			assert.equal(wav.readUInt32LE(4), wav.length - 8);
			assert.equal(wav.toString('ascii', 8, 16), 'WAVEfmt ');
			assert.equal(wav.readUInt16LE(20), 1);
			assert.equal(wav.readUInt16LE(22), audio.channels);
			assert.equal(wav.readUInt32LE(24), audio.sampleRate);
			assert.equal(wav.readUInt16LE(34), 16);
			assert.equal(wav.toString('ascii', 36, 40), 'data');
			assert.equal(wav.readUInt32LE(40), audio.samples.length * 2);
			assert.deepEqual(readWav(wav), audio);
		}
	});

	it('reads from a Uint8Array view at an odd offset into a larger buffer', () => {
		const audio = noise(50, 2, 16_000, 3);
		const wav = writeWav(audio);
		const backing = new Uint8Array(wav.length + 7);
		backing.set(wav, 3);
		assert.deepEqual(readWav(backing.subarray(3, 3 + wav.length)), audio);
	});

	it('walks past LIST and odd-sized chunks, honouring the pad byte', () => {
		const samples = [100, -200, 300, -400, 32767, -32768];
		const wav = riff([
			chunk('LIST', Buffer.from('INFOISFT\x05\x00\x00\x00test\x00', 'binary')),
			chunk('odd ', Buffer.from([1, 2, 3])), // 3 bytes + pad byte
			chunk('fmt ', fmtBody(1, 2, 22_050, 16)),
			chunk('junk', Buffer.alloc(5, 0xff)),
			chunk('data', pcmBytes(samples)),
			chunk('id3 ', Buffer.from('trailing metadata', 'ascii')),
		]);
		assert.deepEqual(readWav(wav), { sampleRate: 22_050, channels: 2, samples: Int16Array.from(samples) });
	});

	it('reads WAVE_FORMAT_EXTENSIBLE with the PCM subformat and refuses other subformats', () => {
		const samples = [1, 2, 3, 4];
		const ok = riff([chunk('fmt ', extensibleBody(1, 2, 48_000, 16)), chunk('data', pcmBytes(samples))]);
		assert.deepEqual(readWav(ok), { sampleRate: 48_000, channels: 2, samples: Int16Array.from(samples) });
		const float = riff([chunk('fmt ', extensibleBody(3, 2, 48_000, 16)), chunk('data', pcmBytes(samples))]);
		assert.throws(() => readWav(float), /subformat is not PCM/);
	});

	it('uses what is there when the data size is a streaming placeholder, in whole frames', () => {
		const samples = [10, 20, 30, 40, 50, 60, 70];
		const bytes = Buffer.concat([pcmBytes(samples), Buffer.from([0x99])]); // 7 samples + 1 stray byte
		const wav = riff([chunk('fmt ', fmtBody(1, 2, 16_000, 16)), chunk('data', bytes, 0xffffffff)]);
		wav.writeUInt32LE(0xffffffff, 4);
		assert.deepEqual(readWav(wav), { sampleRate: 16_000, channels: 2, samples: Int16Array.from([10, 20, 30, 40, 50, 60]) });
		const mono = riff([chunk('fmt ', fmtBody(1, 1, 16_000, 16)), chunk('data', pcmBytes(samples), 0x7ffffff0)]);
		assert.deepEqual(readWav(mono).samples, Int16Array.from(samples));
	});

	it('refuses what it cannot join, with a clear message', () => {
		const data = chunk('data', pcmBytes([1, 2]));
		assert.throws(() => readWav(Buffer.from('not a wav file at all')), /Not a WAV file/);
		assert.throws(() => readWav(new Uint8Array(0)), /Not a WAV file/);
		assert.throws(() => readWav(riff([data])), /no fmt chunk/);
		assert.throws(() => readWav(riff([chunk('fmt ', fmtBody(1, 1, 8000, 16))])), /no data chunk/);
		assert.throws(() => readWav(riff([chunk('fmt ', fmtBody(1, 1, 8000, 8)), data])), /8-bit/);
		assert.throws(() => readWav(riff([chunk('fmt ', fmtBody(3, 1, 8000, 32)), data])), /format 0x0003/);
		assert.throws(() => readWav(riff([chunk('fmt ', fmtBody(0x55, 1, 8000, 16)), data])), /format 0x0055/);
		assert.throws(() => readWav(riff([chunk('fmt ', Buffer.alloc(12)), data])), /too short/);
		assert.throws(() => readWav(riff([chunk('fmt ', fmtBody(1, 1, 0, 16)), data])), /Invalid WAV format/);
	});

	it('refuses to write audio that is not whole frames', () => {
		assert.throws(() => writeWav({ sampleRate: 8000, channels: 2, samples: new Int16Array(3) }), RangeError);
		assert.throws(() => writeWav({ sampleRate: 0, channels: 1, samples: new Int16Array(3) }), RangeError);
	});
});

describe('joinPcm', () => {
	it("has exactly the parts' frames plus the pauses' frames, with exact offsets", () => {
		const rate = 24_000;
		const parts = [noise(1000, 2, rate, 10), noise(2001, 2, rate, 11), noise(7, 2, rate, 12), noise(500, 2, rate, 13)];
		const pausesMs = [0, 250, 0.03, 1000 / 3]; // 6000 frames, 0.72 → 1 frame, 8000 frames
		const { audio, offsetsSec, durationSec } = joinPcm(parts, { pausesMs });
		const totalFrames = 1000 + 2001 + 7 + 500 + 6000 + 1 + 8000;
		assert.equal(audio.samples.length, totalFrames * 2);
		assert.equal(audio.sampleRate, rate);
		assert.equal(audio.channels, 2);
		assert.deepEqual(offsetsSec, [0, 7000 / rate, 9002 / rate, 17_009 / rate]);
		assert.equal(durationSec, totalFrames / rate);
	});

	it('ignores pausesMs[0] and treats missing pauses as none', () => {
		const parts = [noise(100, 1, 8000, 1), noise(100, 1, 8000, 2), noise(100, 1, 8000, 3)];
		const { audio, offsetsSec } = joinPcm(parts, { pausesMs: [500, 10] });
		assert.deepEqual(offsetsSec, [0, 180 / 8000, 280 / 8000]);
		assert.equal(audio.samples.length, 380);
	});

	it('keeps every sample away from the fades and puts digital silence in the pauses', () => {
		const rate = 16_000;
		const fadeFrames = 80; // 5 ms
		const parts = [noise(4000, 2, rate, 20), noise(3000, 2, rate, 21), noise(200, 2, rate, 22)];
		const { audio, offsetsSec } = joinPcm(parts, { pausesMs: [0, 100, 0] });
		parts.forEach((part, i) => {
			const start = offsetsSec[i] * rate;
			const frames = part.samples.length / 2;
			const fade = Math.min(fadeFrames, Math.floor(frames / 4));
			for (let f = 0; f < frames; f++) {
				for (let c = 0; c < 2; c++) {
					const got = audio.samples[(start + f) * 2 + c];
					const want = part.samples[f * 2 + c];
					if (f >= fade && f < frames - fade) {
						assert.equal(got, want, `part ${i} frame ${f} channel ${c}`);
					} else {
						assert.ok(Math.abs(got) <= Math.abs(want), `faded sample never grows (part ${i} frame ${f})`);
					}
				}
			}
			assert.equal(audio.samples[start * 2], 0, 'a fade starts from silence');
			assert.equal(audio.samples[(start + frames - 1) * 2 + 1], 0, 'a fade ends in silence');
		});
		const pause = audio.samples.subarray(4000 * 2, (4000 + 1600) * 2);
		assert.equal(pause.length, 3200);
		assert.ok(pause.every((s) => s === 0));
	});

	it('leaves samples untouched with fadeMs 0, and clamps the fade to a quarter of a short part', () => {
		const parts = [noise(10, 1, 48_000, 30), noise(40, 1, 48_000, 31)];
		const plain = joinPcm(parts, { pausesMs: [0, 0], fadeMs: 0 });
		assert.deepEqual(plain.audio.samples, Int16Array.from([...parts[0].samples, ...parts[1].samples]));
		const faded = joinPcm(parts, { pausesMs: [0, 0], fadeMs: 1000 });
		// Part 0 (10 frames) fades over 2 frames, part 1 (40 frames) over 10.
		assert.deepEqual([...faded.audio.samples.subarray(2, 8)], [...parts[0].samples.subarray(2, 8)]);
		assert.equal(faded.audio.samples[1], Math.round(parts[0].samples[1] / 2));
		assert.deepEqual([...faded.audio.samples.subarray(20, 40)], [...parts[1].samples.subarray(10, 30)]);
		assert.equal(faded.audio.samples[10 + 5], Math.round(parts[1].samples[5] * 0.5));
	});

	it('removes the click at a seam between two sines cut at their peaks', () => {
		const rate = 24_000;
		const freq = 440;
		const amplitude = 30_000;
		const frames = 2400;
		// Part A ends at +peak, part B starts at −peak: a 60 000 jump if butted together.
		const endPhase = Math.PI / 2 - 2 * Math.PI * freq * (frames - 1) / rate;
		const a = sine(frames, rate, freq, amplitude, endPhase);
		const b = sine(frames, rate, freq, amplitude, -Math.PI / 2);
		assert.equal(a.samples[frames - 1], amplitude);
		assert.equal(b.samples[0], -amplitude);
		const naturalStep = Math.max(maxJump(a.samples, 0, frames), maxJump(b.samples, 0, frames));
		const raw = joinPcm([a, b], { pausesMs: [0, 0], fadeMs: 0 });
		assert.ok(maxJump(raw.audio.samples, frames - 5, frames + 5) > 50_000, 'the test signal does click without fades');
		const joined = joinPcm([a, b], { pausesMs: [0, 0] });
		const seamJump = maxJump(joined.audio.samples, frames - 200, frames + 200);
		assert.ok(seamJump <= naturalStep + 300, `seam jump ${seamJump} vs natural step ${naturalStep}`);
		const withPause = joinPcm([a, b], { pausesMs: [0, 40] });
		const pauseJump = maxJump(withPause.audio.samples, frames - 200, frames + 960 + 200);
		assert.ok(pauseJump <= naturalStep + 300, `seam jump around a pause ${pauseJump}`);
	});

	it('refuses mismatched formats, empty input and bad times', () => {
		const mono = noise(100, 1, 24_000, 1);
		assert.throws(() => joinPcm([mono, noise(100, 1, 16_000, 2)], { pausesMs: [0, 0] }), /different formats: part 1 is 16000 Hz, 1 channel, part 0 is 24000 Hz, 1 channel/);
		assert.throws(() => joinPcm([mono, noise(50, 2, 24_000, 3)], { pausesMs: [0, 0] }), /different formats: part 1 is 24000 Hz, 2 channels/);
		assert.throws(() => joinPcm([], { pausesMs: [] }), /Nothing to join/);
		assert.throws(() => joinPcm([mono, mono], { pausesMs: [0, -1] }), RangeError);
		assert.throws(() => joinPcm([mono, mono], { pausesMs: [0, Number.NaN] }), RangeError);
		assert.throws(() => joinPcm([mono], { pausesMs: [0], fadeMs: -1 }), RangeError);
	});
});

describe('joinWavFiles', () => {
	it('reads, joins and writes a playable file', () => {
		const parts = [noise(800, 1, 22_050, 5), noise(1200, 1, 22_050, 6)];
		const files = parts.map((p) => new Uint8Array(writeWav(p)));
		const { wav, offsetsSec, durationSec } = joinWavFiles(files, { pausesMs: [0, 100], fadeMs: 0 });
		const pauseFrames = Math.round(0.1 * 22_050);
		const audio = readWav(wav);
		assert.equal(audio.samples.length, 800 + pauseFrames + 1200);
		assert.deepEqual(offsetsSec, [0, (800 + pauseFrames) / 22_050]);
		assert.equal(durationSec, (2000 + pauseFrames) / 22_050);
		assert.deepEqual(audio.samples.subarray(0, 800), parts[0].samples);
		assert.deepEqual(audio.samples.subarray(800 + pauseFrames), parts[1].samples);
	});

	it('names the file that cannot be read, and refuses mismatched files', () => {
		const good = writeWav(noise(10, 1, 8000, 1));
		assert.throws(() => joinWavFiles([good, Buffer.from('garbage garbage')], { pausesMs: [0, 0] }), /WAV part 1: Not a WAV file/);
		assert.throws(() => joinWavFiles([good, writeWav(noise(10, 2, 8000, 2))], { pausesMs: [0, 0] }), /different formats/);
	});
});

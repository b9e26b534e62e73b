/**
 * decodeWav, encodeWav16 and readSmplLoops on hand-built files of every layout. Files ffmpeg writes,
 * and the `smpl` chunk checked by a separate Python reader and by ffprobe: wavExportTools.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWav, encodeWav16, readSmplLoops } from '../../../src/audio/wavExport';
import { chunk, extensibleBody, fmtBody, riff } from '../../fakes/media/riff';
import { LSB, maxError, noise } from './wavAudio';

/** Interleaved samples written with `write` at `size` bytes each. */
function samples(values: number[], size: number, write: (b: Buffer, v: number, at: number) => void): Buffer {
	const b = Buffer.alloc(values.length * size);
	values.forEach((v, i) => write(b, v, i * size));
	return b;
}

describe('decodeWav on hand-built files', () => {
	it('reads 8, 16, 24 and 32-bit PCM and 32 and 64-bit float at full scale', () => {
		const cases: { name: string; fmt: Buffer; data: Buffer; want: number[] }[] = [
			{ name: 'u8', fmt: fmtBody(1, 1, 8000, 8), data: Buffer.from([0, 64, 128, 192, 255]), want: [-1, -0.5, 0, 0.5, 127 / 128] },
			{
				name: 's16',
				fmt: fmtBody(1, 1, 8000, 16),
				data: samples([-32_768, -16_384, 0, 1, 32_767], 2, (b, v, at) => b.writeInt16LE(v, at)),
				want: [-1, -0.5, 0, LSB, 32_767 / 32_768],
			},
			{
				name: 's24',
				fmt: fmtBody(1, 1, 8000, 24),
				data: samples([-8_388_608, -1, 0, 1, 8_388_607], 3, (b, v, at) => b.writeIntLE(v, at, 3)),
				want: [-1, -1 / 8_388_608, 0, 1 / 8_388_608, 8_388_607 / 8_388_608],
			},
			{
				name: 's32',
				fmt: fmtBody(1, 1, 8000, 32),
				data: samples([-2_147_483_648, -1_073_741_824, 0, 1_073_741_824, 65_536], 4, (b, v, at) => b.writeInt32LE(v, at)),
				want: [-1, -0.5, 0, 0.5, 1 / 32_768],
			},
			{ name: 'f32', fmt: fmtBody(3, 1, 8000, 32), data: samples([-1, -0.25, 0, 0.75, 1.5], 4, (b, v, at) => b.writeFloatLE(v, at)), want: [-1, -0.25, 0, 0.75, 1.5] },
			{ name: 'f64', fmt: fmtBody(3, 1, 8000, 64), data: samples([-1, 0.125, 0, 0.5, -2], 8, (b, v, at) => b.writeDoubleLE(v, at)), want: [-1, 0.125, 0, 0.5, -2] },
			{
				name: 'extensible s24',
				fmt: extensibleBody(1, 1, 8000, 24),
				data: samples([-8_388_608, 4_194_304, 0, 1, 0], 3, (b, v, at) => b.writeIntLE(v, at, 3)),
				want: [-1, 0.5, 0, 1 / 8_388_608, 0],
			},
			// 20 valid bits, left-justified in 24: the low 4 bits are zero and the scale is the container's.
			{
				name: 'extensible 20-in-24',
				fmt: extensibleBody(1, 1, 8000, 24, 20),
				data: samples([-524_288 * 16, 16, 0, 262_144 * 16, 0], 3, (b, v, at) => b.writeIntLE(v, at, 3)),
				want: [-1, 16 / 8_388_608, 0, 0.5, 0],
			},
			{
				name: 'extensible f32',
				fmt: extensibleBody(3, 1, 8000, 32),
				data: samples([0.5, -0.5, 0, 1, -1], 4, (b, v, at) => b.writeFloatLE(v, at)),
				want: [0.5, -0.5, 0, 1, -1],
			},
		];
		for (const c of cases) {
			const audio = decodeWav(riff([chunk('fmt ', c.fmt), chunk('data', c.data)]));
			assert.equal(audio.sampleRate, 8000, c.name);
			assert.deepEqual([...audio.channels[0]], c.want.map(Math.fround), c.name);
		}
	});

	it('de-interleaves channels', () => {
		const data = samples([1, -1, 2, -2, 3, -3], 2, (b, v, at) => b.writeInt16LE(v * 1024, at));
		const audio = decodeWav(riff([chunk('fmt ', fmtBody(1, 2, 22_050, 16)), chunk('data', data)]));
		assert.deepEqual(audio.channels.map((c) => [...c]), [[1 / 32, 2 / 32, 3 / 32], [-1 / 32, -2 / 32, -3 / 32]]);
	});

	it('skips unknown chunks before and after the data, honouring pad bytes, and reads a view into a larger buffer', () => {
		const wav = riff([
			chunk('odd ', Buffer.from([1, 2, 3])),
			chunk('fmt ', fmtBody(1, 1, 16_000, 24)),
			chunk('LIST', Buffer.from('INFOISFT\x05\x00\x00\x00test\x00', 'binary')),
			chunk('data', samples([4_194_304, -4_194_304, 1], 3, (b, v, at) => b.writeIntLE(v, at, 3))), // 9 bytes + pad
			chunk('smpl', Buffer.alloc(7)),
		]);
		const backing = new Uint8Array(wav.length + 5);
		backing.set(wav, 3);
		const audio = decodeWav(backing.subarray(3, 3 + wav.length));
		assert.deepEqual([...audio.channels[0]], [0.5, -0.5, Math.fround(1 / 8_388_608)]);
	});

	it('takes what is there when the data size is a placeholder, in whole frames', () => {
		const data = Buffer.concat([samples([100, 200, 300, 400, 500], 2, (b, v, at) => b.writeInt16LE(v, at)), Buffer.from([7])]);
		for (const stated of [0xffffffff, 0x7ffffff0, data.length + 2]) {
			const wav = riff([chunk('fmt ', fmtBody(1, 2, 8000, 16)), chunk('data', data, stated)]);
			wav.writeUInt32LE(0xffffffff, 4);
			const audio = decodeWav(wav);
			assert.deepEqual(audio.channels.map((c) => c.length), [2, 2], `stated ${stated}`);
			assert.equal(audio.channels[1][1], 400 / 32_768);
		}
	});

	it('refuses what it cannot decode, saying why', () => {
		const data = chunk('data', Buffer.alloc(8));
		assert.throws(() => decodeWav(Buffer.from('definitely not a wav file')), /Not a WAV file/);
		assert.throws(() => decodeWav(new Uint8Array(0)), /Not a WAV file/);
		const rf64 = riff([data]);
		rf64.write('RF64', 0, 'ascii');
		assert.throws(() => decodeWav(rf64), /RF64/);
		assert.throws(() => decodeWav(riff([data])), /no fmt chunk/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', fmtBody(1, 1, 8000, 16))])), /no data chunk/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', fmtBody(0x55, 1, 8000, 16)), data])), /^Error: This WAV file uses format 0x0055, which cannot be decoded; only PCM/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', fmtBody(2, 1, 8000, 4, 256)), data])), /format 0x0002/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', extensibleBody(2, 1, 8000, 16)), data])), /extensible subformat 02000000000010008000/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', fmtBody(3, 1, 8000, 16)), data])), /16-bit float samples/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', fmtBody(1, 1, 8000, 64)), data])), /64-bit PCM samples/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', fmtBody(1, 2, 8000, 16, 2)), data])), /block align 2/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', fmtBody(1, 0, 8000, 16, 0)), data])), /Invalid WAV format/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', Buffer.alloc(12)), data])), /too short/);
		assert.throws(() => decodeWav(riff([chunk('fmt ', extensibleBody(1, 1, 8000, 16).subarray(0, 18)), data])), /extensible fmt chunk is too short/);
	});
});

describe('encodeWav16', () => {
	it('round-trips float through 16 bits within one step, mono and stereo', () => {
		for (const audio of [noise(3001, 1, 1), noise(1000, 2, 2), { sampleRate: 8000, channels: [Float32Array.from([-1, 1, 0, 0.5, -0.5])] }]) {
			const wav = encodeWav16(audio);
			assert.equal(wav.length, 44 + audio.channels.length * audio.channels[0].length * 2);
			assert.equal(wav.readUInt32LE(4), wav.length - 8);
			assert.equal(wav.readUInt16LE(20), 1);
			assert.equal(wav.readUInt16LE(34), 16);
			const back = decodeWav(wav);
			assert.equal(back.sampleRate, audio.sampleRate);
			assert.ok(maxError(back.channels, audio.channels) <= LSB, `error ${maxError(back.channels, audio.channels)}`);
		}
	});

	it('rounds to the nearest step, clips, and writes NaN as silence', () => {
		const input = [2, -2, 1, -1, Number.NaN, Infinity, -Infinity, 0.6 * LSB, 0.4 * LSB, -0.6 * LSB, -0];
		const wav = encodeWav16({ sampleRate: 8000, channels: [Float32Array.from(input)] });
		const written = Array.from({ length: input.length }, (_, i) => wav.readInt16LE(44 + 2 * i));
		assert.deepEqual(written, [32_767, -32_768, 32_767, -32_768, 0, 32_767, -32_768, 1, 0, -1, 0]);
	});

	it('refuses malformed audio and loops outside it', () => {
		const audio = noise(100, 2, 3);
		assert.throws(() => encodeWav16({ sampleRate: 0, channels: audio.channels }), RangeError);
		assert.throws(() => encodeWav16({ sampleRate: 44_100.5, channels: audio.channels }), RangeError);
		assert.throws(() => encodeWav16({ sampleRate: 8000, channels: [] }), RangeError);
		assert.throws(() => encodeWav16({ sampleRate: 8000, channels: [new Float32Array(3), new Float32Array(4)] }), /same number of samples/);
		for (const loop of [{ start: 0, end: 101 }, { start: 50, end: 50 }, { start: -1, end: 10 }, { start: 0.5, end: 10 }, { start: 60, end: 40 }]) {
			assert.throws(() => encodeWav16(audio, { loop }), /not within the 100 frames/, JSON.stringify(loop));
		}
		assert.doesNotThrow(() => encodeWav16(audio, { loop: { start: 0, end: 100 } }));
	});

	it('writes a smpl chunk after the data with the inclusive end, and our reader reports it exclusive', () => {
		const audio = noise(1000, 2, 4);
		const wav = encodeWav16(audio, { loop: { start: 123, end: 1000 } });
		const smpl = 44 + 4000;
		assert.equal(wav.length, smpl + 8 + 60);
		assert.equal(wav.readUInt32LE(4), wav.length - 8);
		assert.equal(wav.toString('ascii', smpl, smpl + 4), 'smpl');
		assert.equal(wav.readUInt32LE(smpl + 4), 60);
		const field = (i: number): number => wav.readUInt32LE(smpl + 8 + 4 * i);
		assert.deepEqual([field(0), field(1), field(2), field(3), field(4), field(5), field(6), field(7), field(8)], [0, 0, Math.round(1e9 / 44_100), 60, 0, 0, 0, 1, 0]);
		assert.deepEqual([field(9), field(10), field(11), field(12), field(13), field(14)], [0, 0, 123, 999, 0, 0]);
		assert.deepEqual(readSmplLoops(wav), [{ start: 123, end: 1000, type: 0 }]);
		assert.ok(maxError(decodeWav(wav).channels, audio.channels) <= LSB, 'the smpl chunk is not read as audio');
		assert.deepEqual(readSmplLoops(encodeWav16(audio)), []);
	});
});

describe('readSmplLoops', () => {
	it('reads every loop, and no more than the chunk holds', () => {
		const body = Buffer.alloc(36 + 48);
		body.writeUInt32LE(5, 28); // claims 5 loops; the chunk holds 2
		[[0, 10, 19], [2, 40, 40]].forEach(([type, start, end], i) => {
			body.writeUInt32LE(type, 36 + 24 * i + 4);
			body.writeUInt32LE(start, 36 + 24 * i + 8);
			body.writeUInt32LE(end, 36 + 24 * i + 12);
		});
		const wav = riff([chunk('fmt ', fmtBody(1, 1, 8000, 16)), chunk('smpl', body), chunk('data', Buffer.alloc(100))]);
		assert.deepEqual(readSmplLoops(wav), [{ start: 10, end: 20, type: 0 }, { start: 40, end: 41, type: 2 }]);
		assert.deepEqual(readSmplLoops(riff([chunk('smpl', Buffer.alloc(20))])), []);
		assert.throws(() => readSmplLoops(Buffer.from('nope')), /Not a WAV file/);
	});
});

/**
 * The shared RIFF/WAVE chunk walker and fmt reader: chunk offsets (pad bytes, views into larger
 * buffers), finding fmt and data in only a file's first bytes, and what a fmt chunk says.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFrameLayout, readFmt, riffChunks, WAVE_FORMAT_IEEE_FLOAT, WAVE_FORMAT_PCM, wavChunks } from '../../../src/audio/riff';
import { chunk, extensibleBody, fmtBody, riff } from '../../fakes/media/riff';

describe('riffChunks', () => {
	it('lists every top-level chunk with its body offset and stated size, honouring pad bytes', () => {
		const wav = riff([chunk('odd ', Buffer.from([1, 2, 3])), chunk('fmt ', fmtBody(1, 1, 8000, 16)), chunk('data', Buffer.alloc(6))]);
		assert.deepEqual(riffChunks(wav), [
			{ id: 'odd ', body: 20, size: 3 },
			{ id: 'fmt ', body: 32, size: 16 },
			{ id: 'data', body: 56, size: 6 },
		]);
		const backing = new Uint8Array(wav.length + 5);
		backing.set(wav, 3);
		assert.deepEqual(riffChunks(backing.subarray(3, 3 + wav.length)), riffChunks(wav));
	});

	it('refuses what is not RIFF/WAVE, naming RF64', () => {
		assert.throws(() => riffChunks(Buffer.from('not a wav file')), /Not a WAV file/);
		assert.throws(() => riffChunks(new Uint8Array(11)), /Not a WAV file/);
		const rf64 = riff([]);
		rf64.write('RF64', 0, 'ascii');
		assert.throws(() => riffChunks(rf64), /RF64/);
	});
});

describe('wavChunks', () => {
	it('finds fmt and data in a header shorter than the file, with the data body running past it', () => {
		const wav = riff([chunk('LIST', Buffer.alloc(30)), chunk('fmt ', fmtBody(1, 2, 44_100, 16)), chunk('data', Buffer.alloc(40_000))]);
		const head = wav.subarray(0, 120);
		const { fmt, data } = wavChunks(head);
		assert.deepEqual(data, { id: 'data', body: 82, size: 40_000 });
		assert.equal(readFmt(head, fmt).channels, 2);
		assert.throws(() => wavChunks(wav.subarray(0, 81)), /no data chunk/, 'the data header must be in the bytes');
	});

	it('takes the first of each and says which is missing', () => {
		const wav = riff([chunk('fmt ', fmtBody(1, 1, 8000, 16)), chunk('data', Buffer.alloc(2)), chunk('fmt ', fmtBody(3, 1, 8000, 32))]);
		assert.equal(readFmt(wav, wavChunks(wav).fmt).code, WAVE_FORMAT_PCM);
		assert.throws(() => wavChunks(riff([chunk('data', Buffer.alloc(2))])), /no fmt chunk/);
		assert.throws(() => wavChunks(riff([chunk('fmt ', fmtBody(1, 1, 8000, 16))])), /no data chunk/);
	});
});

describe('readFmt and checkFrameLayout', () => {
	const fmtOf = (body: Buffer): ReturnType<typeof readFmt> => {
		const wav = riff([chunk('fmt ', body), chunk('data', Buffer.alloc(2))]);
		return readFmt(wav, wavChunks(wav).fmt);
	};

	it('reads a plain fmt, and the subformat code of an extensible one', () => {
		assert.deepEqual(fmtOf(fmtBody(1, 2, 48_000, 24)), { code: WAVE_FORMAT_PCM, channels: 2, sampleRate: 48_000, blockAlign: 6, bits: 24 });
		const float = fmtOf(extensibleBody(3, 1, 8000, 32));
		assert.equal(float.code, WAVE_FORMAT_IEEE_FLOAT);
		assert.equal(float.subformat, '0300000000001000800000aa00389b71');
		const odd = extensibleBody(1, 1, 8000, 16);
		odd[30] = 0x42;
		assert.equal(fmtOf(odd).code, 0xfffe, 'a GUID that is not a KSDATAFORMAT_SUBTYPE one keeps the extensible tag');
	});

	it('refuses short or truncated fmt chunks', () => {
		assert.throws(() => fmtOf(Buffer.alloc(12)), /too short \(12 bytes\)/);
		assert.throws(() => fmtOf(extensibleBody(1, 1, 8000, 16).subarray(0, 18)), /extensible fmt chunk is too short/);
		const wav = riff([chunk('fmt ', fmtBody(1, 1, 8000, 16))]);
		assert.throws(() => readFmt(wav.subarray(0, 30), riffChunks(wav)[0]), /truncated/);
	});

	it('checks channels, rate and block align', () => {
		assert.doesNotThrow(() => checkFrameLayout(fmtOf(fmtBody(1, 2, 8000, 24)), 3));
		assert.throws(() => checkFrameLayout(fmtOf(fmtBody(1, 0, 8000, 16)), 2), /0 channels at 8000 Hz/);
		assert.throws(() => checkFrameLayout(fmtOf(fmtBody(1, 2, 8000, 16, 2)), 2), /block align 2 for 2 channels of 16-bit/);
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pcmToWav, readWavHeader, WAV_HEADER_BYTES, wavHeader } from '../../../src/audio/wav';

describe('wav', () => {
	it('writes a canonical 16-bit PCM header', () => {
		const h = wavHeader(48_000, { sampleRate: 24_000 });
		assert.equal(h.length, WAV_HEADER_BYTES);
		assert.equal(h.toString('ascii', 0, 4), 'RIFF');
		assert.equal(h.readUInt32LE(4), 36 + 48_000);
		assert.equal(h.toString('ascii', 8, 16), 'WAVEfmt ');
		assert.equal(h.readUInt32LE(16), 16);
		assert.equal(h.readUInt16LE(20), 1);
		assert.deepEqual(readWavHeader(h), { channels: 1, sampleRate: 24_000, byteRate: 48_000, blockAlign: 2, bitsPerSample: 16, dataBytes: 48_000 });
	});

	it('handles stereo rates', () => {
		const info = readWavHeader(wavHeader(1000, { sampleRate: 44_100, channels: 2 }));
		assert.deepEqual(info, { channels: 2, sampleRate: 44_100, byteRate: 176_400, blockAlign: 4, bitsPerSample: 16, dataBytes: 1000 });
	});

	it('pads odd data and counts the pad in the RIFF size only', () => {
		const wav = pcmToWav(Buffer.from([1, 2, 3]), { sampleRate: 8000 });
		assert.equal(wav.length, WAV_HEADER_BYTES + 4);
		assert.equal(wav.readUInt32LE(40), 3);
		assert.equal(wav.readUInt32LE(4), 36 + 4);
		assert.deepEqual([...wav.subarray(44)], [1, 2, 3, 0]);
	});

	it('writes a placeholder size while streaming', () => {
		const h = wavHeader(undefined, { sampleRate: 16_000 });
		assert.ok(h.readUInt32LE(40) > 1_000_000_000);
	});

	it('rejects nonsense formats and non-WAV buffers', () => {
		assert.throws(() => wavHeader(10, { sampleRate: 0 }), RangeError);
		assert.equal(readWavHeader(Buffer.alloc(44)), undefined);
	});
});

/**
 * Wrapping raw 16-bit little-endian PCM (what Seed-Audio and Qwen return for `format: pcm`) in a
 * WAV header, so the preview and VS Code's audio player can play it. Streaming-friendly: the header
 * is written first (with a placeholder size when the length is not known yet) and patched at the end.
 * Pure: no `vscode` import.
 */

export const WAV_HEADER_BYTES = 44;

export interface PcmFormat {
	sampleRate: number;
	/** Default 1 (mono). */
	channels?: number;
}

/** Largest data size a RIFF header can state; used as the placeholder while streaming. */
const STREAMING_SIZE = 0xffffffff - 36;

/** A canonical 44-byte PCM WAV header for `dataBytes` of 16-bit LE samples (placeholder size when undefined). */
export function wavHeader(dataBytes: number | undefined, format: PcmFormat): Buffer {
	const channels = format.channels ?? 1;
	const bitsPerSample = 16;
	if (!Number.isInteger(format.sampleRate) || format.sampleRate <= 0 || !Number.isInteger(channels) || channels <= 0) {
		throw new RangeError('sampleRate and channels must be positive integers');
	}
	const size = dataBytes ?? STREAMING_SIZE;
	const blockAlign = channels * bitsPerSample / 8;
	// RIFF requires an even chunk size; an odd data length is followed by one pad byte.
	const padded = size + (size % 2);
	const h = Buffer.alloc(WAV_HEADER_BYTES);
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(Math.min(0xffffffff, 36 + padded), 4);
	h.write('WAVE', 8, 'ascii');
	h.write('fmt ', 12, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20); // PCM
	h.writeUInt16LE(channels, 22);
	h.writeUInt32LE(format.sampleRate, 24);
	h.writeUInt32LE(format.sampleRate * blockAlign, 28);
	h.writeUInt16LE(blockAlign, 32);
	h.writeUInt16LE(bitsPerSample, 34);
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(size, 40);
	return h;
}

/** Header + samples (+ pad byte when the sample data has odd length) in one buffer. */
export function pcmToWav(pcm: Buffer, format: PcmFormat): Buffer {
	const parts = [wavHeader(pcm.length, format), pcm];
	if (pcm.length % 2 === 1) {
		parts.push(Buffer.alloc(1));
	}
	return Buffer.concat(parts);
}

export interface WavInfo {
	channels: number;
	sampleRate: number;
	byteRate: number;
	blockAlign: number;
	bitsPerSample: number;
	dataBytes: number;
}

/** Reads a canonical 44-byte PCM header; undefined when `buf` does not start with one. */
export function readWavHeader(buf: Buffer): WavInfo | undefined {
	if (
		buf.length < WAV_HEADER_BYTES || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE'
		|| buf.toString('ascii', 12, 16) !== 'fmt ' || buf.toString('ascii', 36, 40) !== 'data'
	) {
		return undefined;
	}
	return {
		channels: buf.readUInt16LE(22),
		sampleRate: buf.readUInt32LE(24),
		byteRate: buf.readUInt32LE(28),
		blockAlign: buf.readUInt16LE(32),
		bitsPerSample: buf.readUInt16LE(34),
		dataBytes: buf.readUInt32LE(40),
	};
}

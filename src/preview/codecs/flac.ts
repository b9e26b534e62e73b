/**
 * Native FLAC: `fLaC`, then the STREAMINFO metadata block with rate, channels and total samples.
 * The same STREAMINFO layout is embedded in FLAC-in-Ogg, so ogg.ts reuses `parseStreamInfo`.
 */
import type { ByteSource } from './source';
import type { ParseResult, TrackInfo } from './types';
import { validDuration } from './types';

/** The 34-byte STREAMINFO block, decoded. */
export interface StreamInfo {
	sampleRate: number;
	channels: number;
	/** 0 when the encoder did not know it (streamed FLAC). */
	totalSamples: number;
}

/** Decodes STREAMINFO starting at `buf[at]` (the block body, after its 4-byte header). */
export function parseStreamInfo(buf: Buffer, at: number): StreamInfo | undefined {
	if (at + 18 > buf.length) {
		return undefined;
	}
	// Bytes 10..17: 20 bits sample rate, 3 bits channels - 1, 5 bits bits-per-sample - 1, 36 bits total samples.
	const sampleRate = (buf[at + 10] << 12) | (buf[at + 11] << 4) | (buf[at + 12] >> 4);
	const channels = ((buf[at + 12] >> 1) & 7) + 1;
	const totalSamples = (buf[at + 13] & 0x0f) * 2 ** 32 + buf.readUInt32BE(at + 14);
	return sampleRate > 0 ? { sampleRate, channels, totalSamples } : undefined;
}

/** The track a STREAMINFO describes. */
export function flacTrack(info: StreamInfo): TrackInfo {
	return { kind: 'audio', codec: 'flac', sampleRate: info.sampleRate, channels: info.channels };
}

/** Reads a native FLAC stream whose `fLaC` marker is at `start` (past any ID3v2 tag). */
export async function parseFlac(src: ByteSource, start: number, out: ParseResult): Promise<void> {
	const buf = await src.read(start, 4 + 4 + 34);
	// STREAMINFO must be the first metadata block (type 0).
	if (buf.length < 42 || buf.toString('latin1', 0, 4) !== 'fLaC' || (buf[4] & 0x7f) !== 0) {
		return;
	}
	const info = parseStreamInfo(buf, 8);
	if (!info) {
		return;
	}
	out.tracks.push(flacTrack(info));
	out.durationSec = validDuration(info.totalSamples / info.sampleRate);
}

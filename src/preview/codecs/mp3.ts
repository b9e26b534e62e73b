/**
 * MPEG audio (MP3, and layers I/II): the first frame header gives version, layer, rate and
 * channels; the Xing/Info or VBRI frame gives the exact frame count, else the duration is
 * estimated from the file size and the first frame's bitrate (right for CBR only).
 */
import type { ByteSource } from './source';
import type { ParseResult } from './types';
import { validDuration } from './types';

/** One decoded MPEG audio frame header. */
export interface MpegFrame {
	version: 1 | 2 | 25;
	layer: 1 | 2 | 3;
	bitrateKbps: number;
	sampleRate: number;
	channels: 1 | 2;
	hasCrc: boolean;
	frameBytes: number;
	samplesPerFrame: number;
}

// Bitrates in kbit/s by [version 1 | 2 and 2.5][layer - 1][index]; index 0 is "free format", 15 is invalid.
const BITRATES: readonly (readonly (readonly number[])[])[] = [
	[
		[0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
		[0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
		[0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
	],
	[
		[0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
		[0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
		[0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
	],
];
const RATES = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 25: [11025, 12000, 8000] } as const;

/** Decodes the 4-byte frame header at `buf[at]`, or undefined if it is not one (free-format frames included). */
export function parseFrameHeader(buf: Buffer, at: number): MpegFrame | undefined {
	if (at + 4 > buf.length || buf[at] !== 0xff || (buf[at + 1] & 0xe0) !== 0xe0) {
		return undefined;
	}
	const b1 = buf[at + 1];
	const b2 = buf[at + 2];
	const versionBits = (b1 >> 3) & 3;
	const layerBits = (b1 >> 1) & 3;
	const bitrateIndex = b2 >> 4;
	const rateIndex = (b2 >> 2) & 3;
	if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) {
		return undefined;
	}
	const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 25;
	const layer = (4 - layerBits) as 1 | 2 | 3;
	const bitrateKbps = BITRATES[version === 1 ? 0 : 1][layer - 1][bitrateIndex];
	const sampleRate = RATES[version][rateIndex];
	const padding = (b2 >> 1) & 1;
	const bps = bitrateKbps * 1000;
	let frameBytes: number;
	let samplesPerFrame: number;
	if (layer === 1) {
		frameBytes = (Math.floor((12 * bps) / sampleRate) + padding) * 4;
		samplesPerFrame = 384;
	} else {
		// Layer III in MPEG-2/2.5 carries half as many samples per frame.
		samplesPerFrame = layer === 3 && version !== 1 ? 576 : 1152;
		frameBytes = Math.floor((samplesPerFrame / 8) * bps / sampleRate) + padding;
	}
	return {
		version,
		layer,
		bitrateKbps,
		sampleRate,
		channels: buf[at + 3] >> 6 === 3 ? 1 : 2,
		hasCrc: (b1 & 1) === 0,
		frameBytes,
		samplesPerFrame,
	};
}

/**
 * Finds the first frame at or after `start` whose successor also parses with the same version,
 * layer and rate: one header alone matches random bytes far too often.
 */
export function findFirstFrame(buf: Buffer, start: number, maxScan: number): { at: number; frame: MpegFrame } | undefined {
	const end = Math.min(buf.length - 4, start + maxScan);
	for (let at = start; at <= end; at++) {
		const frame = parseFrameHeader(buf, at);
		if (!frame) {
			continue;
		}
		const nextAt = at + frame.frameBytes;
		if (nextAt + 4 > buf.length) {
			// The buffer ends inside this frame: accept only if that is because the file is one frame long.
			return nextAt >= buf.length ? { at, frame } : undefined;
		}
		const next = parseFrameHeader(buf, nextAt);
		if (next && next.version === frame.version && next.layer === frame.layer && next.sampleRate === frame.sampleRate) {
			return { at, frame };
		}
	}
	return undefined;
}

/** Frame count from a Xing/Info (LAME) or VBRI header inside the first frame, if there is one. */
function vbrFrameCount(buf: Buffer, at: number, frame: MpegFrame): number | undefined {
	if (frame.layer !== 3) {
		return undefined;
	}
	const sideInfo = frame.version === 1 ? (frame.channels === 1 ? 17 : 32) : frame.channels === 1 ? 9 : 17;
	// Encoders disagree on whether the CRC counts, so look in both places.
	for (const offset of [4 + sideInfo, 6 + sideInfo]) {
		const p = at + offset;
		if (p + 12 > buf.length) {
			continue;
		}
		const tag = buf.toString('latin1', p, p + 4);
		if ((tag === 'Xing' || tag === 'Info') && buf.readUInt32BE(p + 4) & 1) {
			return buf.readUInt32BE(p + 8);
		}
	}
	const v = at + 36;
	if (v + 18 <= buf.length && buf.toString('latin1', v, v + 4) === 'VBRI') {
		return buf.readUInt32BE(v + 14);
	}
	return undefined;
}

/** How far past the tags we look for the first frame; real files have it within a few bytes. */
export const MP3_SCAN_BYTES = 64 * 1024;

/** Reads MPEG audio starting at `audioStart` (just past any ID3v2 tag). Sets nothing if no frame is found. */
export async function parseMp3(src: ByteSource, audioStart: number, out: ParseResult): Promise<void> {
	const buf = await src.read(audioStart, MP3_SCAN_BYTES + 8 * 1024);
	const found = findFirstFrame(buf, 0, MP3_SCAN_BYTES);
	if (!found) {
		return;
	}
	const { at, frame } = found;
	out.tracks.push({ kind: 'audio', codec: frame.layer === 3 ? 'mp3' : `mp${frame.layer}`, sampleRate: frame.sampleRate, channels: frame.channels });
	const frames = vbrFrameCount(buf, at, frame);
	if (frames !== undefined && frames > 0) {
		out.durationSec = validDuration((frames * frame.samplesPerFrame) / frame.sampleRate);
		return;
	}
	// No frame count: assume constant bitrate over everything up to an ID3v1 tag.
	const tail = await src.read(src.size - 128, 128);
	const id3v1 = tail.length === 128 && tail.toString('latin1', 0, 3) === 'TAG' ? 128 : 0;
	const audioBytes = src.size - id3v1 - (audioStart + at);
	out.durationSec = validDuration((audioBytes * 8) / (frame.bitrateKbps * 1000));
}

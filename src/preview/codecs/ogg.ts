/**
 * Ogg: each logical stream starts with a "beginning of stream" page whose first packet names
 * the codec (Vorbis, Opus, FLAC, Theora, ...). The duration is the last page's granule position
 * (samples) for the first audio stream, read from the file's tail.
 */
import { flacTrack, parseStreamInfo } from './flac';
import type { ByteSource } from './source';
import type { ParseResult, TrackInfo } from './types';
import { validDuration } from './types';

/** A page header, decoded; `bodyStart`/`end` are offsets into the buffer it was read from. */
interface OggPage {
	headerType: number;
	granule: bigint;
	serial: number;
	bodyStart: number;
	end: number;
}

/** The largest possible page: 27 + 255 header bytes and 255 × 255 body bytes. */
const MAX_PAGE = 27 + 255 + 255 * 255;
const NO_GRANULE = 0xffffffffffffffffn;

/** Decodes the page at `buf[at]`, or undefined if there is no complete page header there. */
function parsePage(buf: Buffer, at: number): OggPage | undefined {
	if (at + 27 > buf.length || buf.toString('latin1', at, at + 4) !== 'OggS' || buf[at + 4] !== 0) {
		return undefined;
	}
	const segments = buf[at + 26];
	if (at + 27 + segments > buf.length) {
		return undefined;
	}
	let bodyLength = 0;
	for (let i = 0; i < segments; i++) {
		bodyLength += buf[at + 27 + i];
	}
	const bodyStart = at + 27 + segments;
	return {
		headerType: buf[at + 5],
		granule: buf.readBigUInt64LE(at + 6),
		serial: buf.readUInt32LE(at + 14),
		bodyStart,
		end: bodyStart + bodyLength,
	};
}

// Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, computed with the CRC field zeroed.
const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let r = i << 24;
		for (let k = 0; k < 8; k++) {
			r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
		}
		table[i] = r >>> 0;
	}
	return table;
})();

/** True when the page's stored CRC matches its bytes: the tail scan uses it to skip "OggS" found inside audio data. */
function crcMatches(buf: Buffer, at: number, end: number): boolean {
	let crc = 0;
	for (let i = at; i < end; i++) {
		const byte = i >= at + 22 && i < at + 26 ? 0 : buf[i];
		crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
	}
	return crc === buf.readUInt32LE(at + 22);
}

/** What we need from a stream's first packet to turn granules into seconds. */
interface OggStream {
	serial: number;
	track: TrackInfo;
	/** Samples per second of the granule position (48000 for Opus, whatever its input rate was). */
	granuleRate?: number;
	/** Opus's pre-skip: samples at the start that the decoder drops. */
	preSkip: number;
}

/** Identifies the codec from a stream's first packet. */
function identify(p: Buffer, serial: number): OggStream | undefined {
	const magic = (s: string): boolean => p.length >= s.length && p.toString('latin1', 0, s.length) === s;
	if (magic('\x01vorbis') && p.length >= 16) {
		const rate = p.readUInt32LE(12);
		return { serial, preSkip: 0, granuleRate: rate, track: { kind: 'audio', codec: 'vorbis', sampleRate: rate, channels: p[11] } };
	}
	if (magic('OpusHead') && p.length >= 16) {
		// Opus always decodes at 48 kHz; the header's rate is only what the encoder was fed.
		return { serial, preSkip: p.readUInt16LE(10), granuleRate: 48000, track: { kind: 'audio', codec: 'opus', sampleRate: p.readUInt32LE(12) || 48000, channels: p[9] } };
	}
	if (magic('\x7fFLAC') && p.toString('latin1', 9, 13) === 'fLaC') {
		const info = parseStreamInfo(p, 17);
		return info && { serial, preSkip: 0, granuleRate: info.sampleRate, track: flacTrack(info) };
	}
	if (magic('\x80theora') && p.length >= 20) {
		return { serial, preSkip: 0, track: { kind: 'video', codec: 'theora', width: p.readUIntBE(14, 3), height: p.readUIntBE(17, 3) } };
	}
	if (magic('Speex   ') && p.length >= 52) {
		return { serial, preSkip: 0, granuleRate: p.readUInt32LE(36), track: { kind: 'audio', codec: 'speex', sampleRate: p.readUInt32LE(36), channels: p.readUInt32LE(48) } };
	}
	return undefined;
}

/** Beginning-of-stream pages come first, one per logical stream; a file with more is not worth reading. */
const MAX_STREAMS = 16;

/** Reads an Ogg file's streams and duration into `out`. */
export async function parseOgg(src: ByteSource, out: ParseResult): Promise<void> {
	const head = await src.read(0, 64 * 1024);
	const streams: OggStream[] = [];
	let at = 0;
	for (let i = 0; i < MAX_STREAMS; i++) {
		const page = parsePage(head, at);
		if (!page || !(page.headerType & 0x02) || page.end > head.length) {
			break;
		}
		const stream = identify(head.subarray(page.bodyStart, page.end), page.serial);
		if (stream) {
			streams.push(stream);
			out.tracks.push(stream.track);
		}
		at = page.end;
	}
	const main = streams.find((s) => s.track.kind === 'audio' && s.granuleRate) ?? streams.find((s) => s.granuleRate);
	if (!main?.granuleRate) {
		return;
	}
	const granule = await lastGranule(src, main.serial);
	if (granule !== undefined) {
		out.durationSec = validDuration((Number(granule) - main.preSkip) / main.granuleRate);
	}
}

/** Scans the file's tail backwards for the last valid page of `serial` that carries a granule position. */
async function lastGranule(src: ByteSource, serial: number): Promise<bigint | undefined> {
	// Two maximal pages: the last page can be up to MAX_PAGE long and may end without a granule.
	const start = Math.max(0, src.size - 2 * MAX_PAGE);
	const tail = await src.read(start, src.size - start);
	for (let at = tail.lastIndexOf('OggS'); at >= 0; at = at > 0 ? tail.lastIndexOf('OggS', at - 1) : -1) {
		const page = parsePage(tail, at);
		if (page && page.serial === serial && page.granule !== NO_GRANULE && page.end <= tail.length && crcMatches(tail, at, page.end)) {
			return page.granule;
		}
	}
	return undefined;
}

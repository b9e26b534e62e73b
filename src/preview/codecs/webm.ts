/**
 * WebM / Matroska: a small, bounded EBML walker. It seeks from one top-level child of the
 * Segment to the next (Clusters are skipped by size, never read) until it has read the Info
 * element (duration) and the Tracks element (codec IDs, rates, sizes).
 */
import type { ByteSource } from './source';
import type { ParseResult, TrackInfo } from './types';
import { validDuration } from './types';

const EBML_MAGIC = 0x1a45dfa3;
const ID = {
	segment: 0x18538067,
	info: 0x1549a966,
	tracks: 0x1654ae6b,
	cluster: 0x1f43b675,
	timecodeScale: 0x2ad7b1,
	duration: 0x4489,
	trackEntry: 0xae,
	trackType: 0x83,
	codecId: 0x86,
	video: 0xe0,
	audio: 0xe1,
	pixelWidth: 0xb0,
	pixelHeight: 0xba,
	samplingFrequency: 0xb5,
	channels: 0x9f,
} as const;

/** True when `head` starts with an EBML header (WebM and Matroska both do). */
export function isEbml(head: Buffer): boolean {
	return head.length >= 4 && head.readUInt32BE(0) === EBML_MAGIC;
}

/** An element's ID and where its data lies; `size` is undefined for "unknown size" (live streams). */
interface Element {
	id: number;
	dataStart: number;
	size: number | undefined;
}

/** Decodes the element header at `buf[at]`: a 1–4 byte ID (marker kept) and a 1–8 byte size (marker stripped). */
function readElement(buf: Buffer, at: number): Element | undefined {
	if (at >= buf.length) {
		return undefined;
	}
	const idLength = Math.clz32(buf[at]) - 23;
	if (idLength < 1 || idLength > 4 || at + idLength >= buf.length) {
		return undefined;
	}
	const id = buf.readUIntBE(at, idLength);
	const sizeAt = at + idLength;
	const sizeLength = Math.clz32(buf[sizeAt]) - 23;
	if (sizeLength < 1 || sizeLength > 8 || sizeAt + sizeLength > buf.length) {
		return undefined;
	}
	let size = buf[sizeAt] & (0xff >> sizeLength);
	let allOnes = size === 0xff >> sizeLength;
	for (let i = 1; i < sizeLength; i++) {
		size = size * 256 + buf[sizeAt + i];
		allOnes &&= buf[sizeAt + i] === 0xff;
	}
	return { id, dataStart: sizeAt + sizeLength, size: allOnes ? undefined : size };
}

/** The children of buf[start, end), all of known size; stops at anything malformed. */
function* elements(buf: Buffer, start: number, end: number): Generator<Element & { data: Buffer }> {
	for (let at = start, n = 0; at < end && n < 1024; n++) {
		const el = readElement(buf, at);
		if (!el || el.size === undefined || el.dataStart + el.size > end) {
			return;
		}
		yield { ...el, data: buf.subarray(el.dataStart, el.dataStart + el.size) };
		at = el.dataStart + el.size;
	}
}

/** An EBML unsigned integer (0–8 bytes, big-endian); exact up to 2^53, which covers every field we read. */
function uint(data: Buffer): number {
	let n = 0;
	for (let i = 0; i < Math.min(data.length, 8); i++) {
		n = n * 256 + data[i];
	}
	return n;
}

/** An EBML float: 4 or 8 bytes, or 0 bytes meaning 0. */
function float(data: Buffer): number {
	return data.length === 4 ? data.readFloatBE(0) : data.length === 8 ? data.readDoubleBE(0) : 0;
}

/** Maps a Matroska CodecID to our codec names; unknown IDs are returned as they are. */
export function matroskaCodec(codecId: string): string {
	const known: Record<string, string> = {
		V_VP8: 'vp8',
		V_VP9: 'vp9',
		V_AV1: 'av1',
		'V_MPEG4/ISO/AVC': 'h264',
		'V_MPEGH/ISO/HEVC': 'hevc',
		V_THEORA: 'theora',
		A_VORBIS: 'vorbis',
		A_OPUS: 'opus',
		A_FLAC: 'flac',
		'A_MPEG/L3': 'mp3',
		'A_PCM/INT/LIT': 'pcm',
		'A_PCM/FLOAT/IEEE': 'pcm',
	};
	return known[codecId] ?? (codecId.startsWith('A_AAC') ? 'aac' : codecId);
}

/** Decodes one TrackEntry; undefined for subtitle/other tracks. Matroska's defaults fill missing audio fields. */
function trackEntry(data: Buffer): TrackInfo | undefined {
	let type = 0;
	let codecId = '';
	let width: number | undefined;
	let height: number | undefined;
	let sampleRate = 8000;
	let channels = 1;
	for (const el of elements(data, 0, data.length)) {
		if (el.id === ID.trackType) {
			type = uint(el.data);
		} else if (el.id === ID.codecId) {
			codecId = el.data.toString('latin1').replace(/\0+$/, '');
		} else if (el.id === ID.video) {
			for (const v of elements(el.data, 0, el.data.length)) {
				if (v.id === ID.pixelWidth) {
					width = uint(v.data);
				} else if (v.id === ID.pixelHeight) {
					height = uint(v.data);
				}
			}
		} else if (el.id === ID.audio) {
			for (const a of elements(el.data, 0, el.data.length)) {
				if (a.id === ID.samplingFrequency) {
					sampleRate = Math.round(float(a.data));
				} else if (a.id === ID.channels) {
					channels = uint(a.data);
				}
			}
		}
	}
	const codec = matroskaCodec(codecId);
	if (type === 1) {
		const track: TrackInfo = { kind: 'video', codec };
		if (width && height) {
			track.width = width;
			track.height = height;
		}
		return track;
	}
	return type === 2 ? { kind: 'audio', codec, sampleRate, channels } : undefined;
}

/** Top-level children of the Segment we are willing to step over (one per Cluster in a long file). */
const MAX_SEGMENT_CHILDREN = 20_000;
/** Info and Tracks are a few KiB; a bigger one is not something we want to read. */
const MAX_ELEMENT_READ = 256 * 1024;

/** Reads a WebM/Matroska file's tracks and duration into `out`. */
export async function parseWebm(src: ByteSource, out: ParseResult): Promise<void> {
	// The EBML header first, then the Segment.
	const first = readElement(await src.read(0, 12), 0);
	if (!first || first.size === undefined) {
		return;
	}
	const segPos = first.dataStart + first.size;
	const segment = readElement(await src.read(segPos, 12), 0);
	if (!segment || segment.id !== ID.segment) {
		return;
	}
	const segStart = segPos + segment.dataStart;
	const segEnd = segment.size === undefined ? src.size : Math.min(src.size, segStart + segment.size);
	let scale = 1_000_000;
	let duration: number | undefined;
	let haveInfo = false;
	let haveTracks = false;
	for (let at = segStart, n = 0; at < segEnd && n < MAX_SEGMENT_CHILDREN && !(haveInfo && haveTracks); n++) {
		const el = readElement(await src.read(at, 12), 0);
		// A Cluster of unknown size cannot be stepped over; in such files the headers came before it anyway.
		if (!el || el.size === undefined) {
			break;
		}
		const dataStart = at + el.dataStart;
		if ((el.id === ID.info || el.id === ID.tracks) && el.size <= MAX_ELEMENT_READ) {
			const data = await src.read(dataStart, el.size);
			for (const c of elements(data, 0, data.length)) {
				if (el.id === ID.info && c.id === ID.timecodeScale) {
					scale = uint(c.data) || scale;
				} else if (el.id === ID.info && c.id === ID.duration) {
					duration = float(c.data);
				} else if (el.id === ID.tracks && c.id === ID.trackEntry) {
					const track = trackEntry(c.data);
					if (track) {
						out.tracks.push(track);
					}
				}
			}
			haveInfo ||= el.id === ID.info;
			haveTracks ||= el.id === ID.tracks;
		}
		at = dataStart + el.size;
	}
	if (duration !== undefined) {
		// Duration counts in TimecodeScale units, which are nanoseconds.
		out.durationSec = validDuration((duration * scale) / 1e9);
	}
}

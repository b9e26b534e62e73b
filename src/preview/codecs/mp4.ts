/**
 * MP4 / ISO BMFF / QuickTime. Walks box headers by seeking, so a `moov` at the end of a large
 * file costs a few small reads, and inside `moov` reads only the small boxes it needs
 * (`mvhd`, `mdhd`, `hdlr`, `tkhd`, `stsd`), never the big sample tables.
 */
import { sampleEntryTrack } from './mp4Entries';
import type { ByteSource } from './source';
import type { ParseResult, TrackInfo } from './types';
import { validDuration } from './types';

/** Box types that may start an MP4/QuickTime file. */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'styp']);

/** True when `head` starts with a plausible MP4/QuickTime box. */
export function isMp4(head: Buffer): boolean {
	if (head.length < 8) {
		return false;
	}
	const size = head.readUInt32BE(0);
	return FIRST_BOXES.has(head.toString('latin1', 4, 8)) && (size === 0 || size === 1 || size >= 8);
}

/** A box's type and where its body lies in the file. */
interface Box {
	type: string;
	bodyStart: number;
	end: number;
}

/** Reads the box header at `pos`; `limit` is where the parent ends (size 0 means "to there"). */
async function readBox(src: ByteSource, pos: number, limit: number): Promise<Box | undefined> {
	const h = await src.read(pos, 16);
	if (h.length < 8) {
		return undefined;
	}
	let size = h.readUInt32BE(0);
	let header = 8;
	if (size === 1) {
		// 64-bit "largesize" follows the type.
		if (h.length < 16) {
			return undefined;
		}
		size = Number(h.readBigUInt64BE(8));
		header = 16;
	} else if (size === 0) {
		size = limit - pos;
	}
	if (size < header) {
		return undefined;
	}
	// A box running past its parent or the file is truncated: keep what lies inside.
	return { type: h.toString('latin1', 4, 8), bodyStart: pos + header, end: Math.min(pos + size, limit) };
}

/** Each level of `moov` has a handful of children; an endless run means a corrupt file. */
const MAX_CHILDREN = 512;
/** Top-level boxes: fragmented files have a `moof`+`mdat` pair per fragment, but `moov` comes first in those. */
const MAX_TOP_LEVEL = 10_000;

/** Lists the children of the region [start, end), stopping at the first unreadable header or after `stopAfter`. */
async function children(src: ByteSource, start: number, end: number, max = MAX_CHILDREN, stopAfter?: string): Promise<Box[]> {
	const boxes: Box[] = [];
	for (let pos = start; pos + 8 <= end && boxes.length < max;) {
		const box = await readBox(src, pos, end);
		if (!box) {
			break;
		}
		boxes.push(box);
		if (box.type === stopAfter) {
			break;
		}
		pos = box.end;
	}
	return boxes;
}

/** The first child of type `type`, searched by seeking. */
async function child(src: ByteSource, parent: Box, type: string): Promise<Box | undefined> {
	return (await children(src, parent.bodyStart, parent.end)).find((b) => b.type === type);
}

/** Reads a small box's body, capped (`stsd` can embed codec configs of a few KiB; we need its first entry). */
function body(src: ByteSource, box: Box, cap = 64 * 1024): Promise<Buffer> {
	return src.read(box.bodyStart, Math.min(box.end - box.bodyStart, cap));
}

/** Reads timescale and duration from a full box laid out like `mvhd`/`mdhd` (version 0: 32-bit, 1: 64-bit fields). */
function timescaleAndDuration(b: Buffer): { timescale: number; duration: number } | undefined {
	const v1 = b[0] === 1;
	if (b.length < (v1 ? 32 : 20)) {
		return undefined;
	}
	const timescale = b.readUInt32BE(v1 ? 20 : 12);
	const raw = v1 ? b.readBigUInt64BE(24) : BigInt(b.readUInt32BE(16));
	// All ones means "unknown".
	const unknown = raw === (v1 ? 0xffffffffffffffffn : 0xffffffffn);
	return { timescale, duration: unknown ? 0 : Number(raw) };
}

/** Reads an MP4 file's tracks and duration into `out`. */
export async function parseMp4(src: ByteSource, out: ParseResult): Promise<void> {
	const top = await children(src, 0, src.size, MAX_TOP_LEVEL, 'moov');
	const moov = top.find((b) => b.type === 'moov');
	if (!moov) {
		return;
	}
	const moovChildren = await children(src, moov.bodyStart, moov.end);
	let trackSeconds = 0;
	for (const trak of moovChildren.filter((b) => b.type === 'trak')) {
		const found = await readTrak(src, trak);
		if (found) {
			out.tracks.push(found.track);
			trackSeconds = Math.max(trackSeconds, found.seconds);
		}
	}
	// Prefer the movie header; fragmented files put 0 there and the real length in mvex/mehd.
	const mvhd = moovChildren.find((b) => b.type === 'mvhd');
	const movie = mvhd && timescaleAndDuration(await body(src, mvhd, 128));
	let seconds = movie && movie.timescale > 0 ? movie.duration / movie.timescale : 0;
	const mvex = moovChildren.find((b) => b.type === 'mvex');
	const mehd = mvex && (await child(src, mvex, 'mehd'));
	if (!seconds && mehd && movie?.timescale) {
		const m = await body(src, mehd, 16);
		const v1 = m[0] === 1;
		if (m.length >= (v1 ? 12 : 8)) {
			seconds = Number(v1 ? m.readBigUInt64BE(4) : m.readUInt32BE(4)) / movie.timescale;
		}
	}
	out.durationSec = validDuration(seconds || trackSeconds);
}

/** Reads one `trak`: its handler (audio/video), first sample entry and media duration. */
async function readTrak(src: ByteSource, trak: Box): Promise<{ track: TrackInfo; seconds: number } | undefined> {
	const trakChildren = await children(src, trak.bodyStart, trak.end);
	const mdia = trakChildren.find((b) => b.type === 'mdia');
	if (!mdia) {
		return undefined;
	}
	const mdiaChildren = await children(src, mdia.bodyStart, mdia.end);
	const hdlr = mdiaChildren.find((b) => b.type === 'hdlr');
	const handler = hdlr && (await body(src, hdlr, 12)).toString('latin1', 8, 12);
	const kind = handler === 'soun' ? 'audio' : handler === 'vide' ? 'video' : undefined;
	if (!kind) {
		// Subtitles, timecode, hint and metadata tracks are not what the preview plays.
		return undefined;
	}
	const mdhd = mdiaChildren.find((b) => b.type === 'mdhd');
	const media = mdhd && timescaleAndDuration(await body(src, mdhd, 64));
	const minf = mdiaChildren.find((b) => b.type === 'minf');
	const stbl = minf && (await child(src, minf, 'stbl'));
	const stsd = stbl && (await child(src, stbl, 'stsd'));
	if (!stsd) {
		return undefined;
	}
	const track = sampleEntryTrack(kind, await body(src, stsd));
	if (!track) {
		return undefined;
	}
	// Audio entries store the rate as 16.16 fixed point, which cannot hold rates above 65535; the media timescale can.
	if (kind === 'audio' && !track.sampleRate && media?.timescale) {
		track.sampleRate = media.timescale;
	}
	if (kind === 'video' && !(track.width && track.height)) {
		const tkhd = trakChildren.find((b) => b.type === 'tkhd');
		const t = tkhd && (await body(src, tkhd, 128));
		if (t && t.length >= 8) {
			// The presentation size is the last two 16.16 fields.
			track.width = t.readUInt32BE(t.length - 8) >>> 16;
			track.height = t.readUInt32BE(t.length - 4) >>> 16;
		}
	}
	const seconds = media && media.timescale > 0 ? media.duration / media.timescale : 0;
	return { track, seconds };
}

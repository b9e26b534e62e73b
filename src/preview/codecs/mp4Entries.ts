/**
 * The first sample entry of an MP4 `stsd` box: its fourcc names the codec, except `mp4a`,
 * which can hold AAC or MP3 and needs the `esds` descriptor's object type to tell.
 */
import type { TrackInfo } from './types';

const VIDEO_FOURCCS: Record<string, string> = {
	avc1: 'h264',
	avc3: 'h264',
	hev1: 'hevc',
	hvc1: 'hevc',
	vp08: 'vp8',
	vp09: 'vp9',
	av01: 'av1',
};
const AUDIO_FOURCCS: Record<string, string> = {
	Opus: 'opus',
	fLaC: 'flac',
	'.mp3': 'mp3',
	'ac-3': 'ac3',
	'ec-3': 'eac3',
};

/** MPEG-4 objectTypeIndication values for audio in `mp4a`. */
function objectTypeCodec(oti: number): string | undefined {
	if (oti === 0x40 || (oti >= 0x66 && oti <= 0x68)) {
		return 'aac';
	}
	if (oti === 0x69 || oti === 0x6b) {
		return 'mp3';
	}
	// ffmpeg's private value for Vorbis in MP4.
	return oti === 0xdd ? 'vorbis' : undefined;
}

/** Reads an MPEG-4 descriptor's tag and length (1 to 4 bytes, 7 bits each) at `at`. */
function descriptor(b: Buffer, at: number): { tag: number; bodyStart: number } | undefined {
	if (at >= b.length) {
		return undefined;
	}
	let p = at + 1;
	for (let i = 0; i < 4 && p < b.length; i++) {
		if (!(b[p++] & 0x80)) {
			return { tag: b[at], bodyStart: p };
		}
	}
	return undefined;
}

/** What `esds` tells us: the object type, and the channel count from AAC's AudioSpecificConfig. */
export interface EsdsInfo {
	objectType: number;
	/** From the AudioSpecificConfig; the sample entry's own field is fixed at 2 by the MP4 spec. */
	channels?: number;
}

/** Decodes an `esds` box body (a full box holding ES_Descriptor → DecoderConfigDescriptor → DecoderSpecificInfo). */
export function parseEsds(esds: Buffer): EsdsInfo | undefined {
	const es = descriptor(esds, 4);
	if (!es || es.tag !== 0x03 || es.bodyStart + 3 > esds.length) {
		return undefined;
	}
	const flags = esds[es.bodyStart + 2];
	let p = es.bodyStart + 3;
	if (flags & 0x80) {
		p += 2; // dependsOn_ES_ID
	}
	if (flags & 0x40) {
		p += 1 + (esds[p] ?? 0); // URL
	}
	if (flags & 0x20) {
		p += 2; // OCR_ES_Id
	}
	const dc = descriptor(esds, p);
	if (!dc || dc.tag !== 0x04 || dc.bodyStart >= esds.length) {
		return undefined;
	}
	const info: EsdsInfo = { objectType: esds[dc.bodyStart] };
	// After 13 bytes of type, buffer size and bitrates comes the DecoderSpecificInfo (for AAC, the AudioSpecificConfig).
	const dsi = descriptor(esds, dc.bodyStart + 13);
	if (dsi && dsi.tag === 0x05 && dsi.bodyStart + 2 <= esds.length) {
		// Zero-padded to 40 bits; ascChannels gives up if the escapes reach past what the file had.
		const first = Buffer.alloc(5);
		esds.copy(first, 0, dsi.bodyStart, dsi.bodyStart + 5);
		info.channels = ascChannels(first.readUIntBE(0, 5), 8 * Math.min(5, esds.length - dsi.bodyStart));
	}
	return info;
}

/**
 * Channel configuration from the first 40 bits of an AudioSpecificConfig: 5-bit object type
 * (31 escapes to 6 more bits), 4-bit rate index (15 escapes to a 24-bit rate), 4-bit channels.
 */
function ascChannels(bits40: number, available: number): number | undefined {
	const take = (from: number, count: number): number => Math.floor(bits40 / 2 ** (40 - from - count)) % 2 ** count;
	let at = take(0, 5) === 31 ? 11 : 5;
	at += take(at, 4) === 15 ? 28 : 4;
	if (at + 4 > available) {
		return undefined;
	}
	const config = take(at, 4);
	// 0 means "described elsewhere"; 7 is 7.1 (8 channels); higher values are reserved or rare.
	return config >= 1 && config <= 6 ? config : config === 7 ? 8 : undefined;
}

/** Finds a child box of type `type` among the boxes in b[start, end). */
function findBox(b: Buffer, start: number, type: string): Buffer | undefined {
	for (let p = start; p + 8 <= b.length;) {
		const size = b.readUInt32BE(p);
		if (size < 8) {
			return undefined;
		}
		if (b.toString('latin1', p + 4, p + 8) === type) {
			return b.subarray(p + 8, Math.min(p + size, b.length));
		}
		p += size;
	}
	return undefined;
}

/**
 * Decodes the first sample entry of an `stsd` body (version/flags, entry count, then entries).
 * `kind` comes from the track's handler; the entry's layout depends on it.
 */
export function sampleEntryTrack(kind: 'audio' | 'video', stsd: Buffer): TrackInfo | undefined {
	if (stsd.length < 16) {
		return undefined;
	}
	const entry = stsd.subarray(8, 8 + stsd.readUInt32BE(8));
	const fourcc = entry.toString('latin1', 4, 8);
	if (kind === 'video') {
		// VisualSampleEntry: 8-byte box header, 8 bytes of SampleEntry, 16 reserved, then width and height.
		const track: TrackInfo = { kind, codec: VIDEO_FOURCCS[fourcc] ?? fourcc };
		if (entry.length >= 36) {
			track.width = entry.readUInt16BE(32);
			track.height = entry.readUInt16BE(34);
		}
		return track;
	}
	// AudioSampleEntry (QuickTime sound description versions 0/1/2 share its first 28 bytes after the header).
	if (entry.length < 36) {
		return { kind, codec: AUDIO_FOURCCS[fourcc] ?? fourcc };
	}
	const version = entry.readUInt16BE(16);
	let channels = entry.readUInt16BE(24);
	let sampleRate = entry.readUInt32BE(32) >>> 16;
	let childrenAt = 36;
	if (version === 1) {
		childrenAt += 16;
	} else if (version === 2 && entry.length >= 64) {
		// QuickTime v2 moves rate (float64) and channel count after the fixed fields.
		sampleRate = Math.round(entry.readDoubleBE(40));
		channels = entry.readUInt32BE(48);
		childrenAt += 36;
	}
	let codec = AUDIO_FOURCCS[fourcc] ?? fourcc;
	if (fourcc === 'mp4a') {
		// QuickTime files nest it one level down, in a `wave` box.
		const wave = findBox(entry, childrenAt, 'wave');
		const esds = findBox(entry, childrenAt, 'esds') ?? (wave && findBox(wave, 0, 'esds'));
		const info = esds && parseEsds(esds);
		codec = info ? objectTypeCodec(info.objectType) ?? `mp4a.${info.objectType.toString(16)}` : 'mp4a';
		channels = info?.channels ?? channels;
	}
	// Zeros mean "not stated here"; the caller may fill the rate from the media timescale.
	const track: TrackInfo = { kind, codec };
	if (sampleRate) {
		track.sampleRate = sampleRate;
	}
	if (channels) {
		track.channels = channels;
	}
	return track;
}

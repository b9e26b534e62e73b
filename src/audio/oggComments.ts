/**
 * Vorbis comments in an Ogg Vorbis file: reading them, and rewriting the comment header so loop
 * points travel as LOOPSTART / LOOPLENGTH tags, which RPG Maker and several game audio libraries read.
 * Only the header pages are rebuilt; every audio page keeps its bytes apart from its sequence number
 * and CRC. Pure: no `vscode` import.
 */

/** One Ogg page, split into its header fields, lacing values and body. */
interface OggPage {
	flags: number;
	granule: bigint;
	serial: number;
	sequence: number;
	lacing: Uint8Array;
	body: Uint8Array;
	/** The page's bytes as found in the file. */
	raw: Uint8Array;
}

const FLAG_CONTINUED = 0x01;
/** The granule position of a page on which no packet ends. */
const NO_GRANULE = -1n;
const MAX_SEGMENTS = 255;

let crcTable: Uint32Array | undefined;

/** Ogg's CRC-32 of `bytes` continued from `crc`: polynomial 0x04c11db7, most significant bit first, initial value 0, no final xor. */
function oggCrc(bytes: Uint8Array, crc = 0): number {
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let i = 0; i < 256; i++) {
			let r = i << 24;
			for (let b = 0; b < 8; b++) {
				r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
			}
			crcTable[i] = r >>> 0;
		}
	}
	for (const byte of bytes) {
		crc = (crc << 8) ^ crcTable[((crc >>> 24) ^ byte) & 0xff];
	}
	return crc >>> 0;
}

/** Splits a file into pages, checking the capture pattern, version and CRC of each. */
function readPages(ogg: Uint8Array): OggPage[] {
	const view = new DataView(ogg.buffer, ogg.byteOffset, ogg.byteLength);
	const pages: OggPage[] = [];
	for (let pos = 0; pos < ogg.length || !pages.length;) {
		const where = `Ogg page ${pages.length} (byte ${pos})`;
		if (pos + 4 > ogg.length || view.getUint32(pos) !== 0x4f676753) { // 'OggS'
			throw new Error(pages.length ? `${where} does not start with OggS: the file is damaged` : 'Not an Ogg file: it does not start with OggS');
		}
		if (pos + 27 > ogg.length) {
			throw new Error(`${where} is cut short: the file is truncated`);
		}
		if (ogg[pos + 4] !== 0) {
			throw new Error(`${where} has unknown version ${ogg[pos + 4]}`);
		}
		const count = ogg[pos + 26];
		const lacing = ogg.subarray(pos + 27, pos + 27 + count);
		const bodyStart = pos + 27 + count;
		const end = bodyStart + lacing.reduce((sum, v) => sum + v, 0);
		if (end > ogg.length) {
			throw new Error(`${where} is cut short: the file is truncated`);
		}
		const raw = ogg.subarray(pos, end);
		// The CRC is computed with its own field set to zero.
		if (oggCrc(raw.subarray(26), oggCrc(new Uint8Array(4), oggCrc(raw.subarray(0, 22)))) !== view.getUint32(pos + 22, true)) {
			throw new Error(`${where} fails its CRC check: the file is damaged`);
		}
		pages.push({
			flags: ogg[pos + 5],
			granule: view.getBigInt64(pos + 6, true),
			serial: view.getUint32(pos + 14, true),
			sequence: view.getUint32(pos + 18, true),
			lacing,
			body: ogg.subarray(bodyStart, end),
			raw,
		});
		pos = end;
	}
	return pages;
}

/** One page's bytes, with its CRC. */
function writePage(page: Omit<OggPage, 'raw'>): Buffer {
	const out = Buffer.alloc(27 + page.lacing.length + page.body.length);
	out.write('OggS', 0, 'ascii');
	out[5] = page.flags;
	out.writeBigInt64LE(page.granule, 6);
	out.writeUInt32LE(page.serial, 14);
	out.writeUInt32LE(page.sequence >>> 0, 18);
	out[26] = page.lacing.length;
	out.set(page.lacing, 27);
	out.set(page.body, 27 + page.lacing.length);
	out.writeUInt32LE(oggCrc(out), 22);
	return out;
}

/** The three Vorbis header packets and the index of the page on which the setup header ends. */
interface VorbisHeaders {
	pages: OggPage[];
	comment: Uint8Array;
	setup: Uint8Array;
	setupEndPage: number;
}

/** Reassembles the three header packets, checking what the Vorbis spec requires of their pages. */
function readHeaders(ogg: Uint8Array): VorbisHeaders {
	const pages = readPages(ogg);
	const serial = pages[0].serial;
	const other = pages.find((p) => p.serial !== serial);
	if (other) {
		throw new Error(`This Ogg file holds more than one stream (serials ${serial} and ${other.serial}); only a single Ogg Vorbis stream is supported`);
	}
	const packets: Uint8Array[] = [];
	let parts: Uint8Array[] = [];
	for (let p = 0; p < pages.length; p++) {
		const { lacing, body } = pages[p];
		for (let s = 0, at = 0; s < lacing.length; s++) {
			parts.push(body.subarray(at, at + lacing[s]));
			at += lacing[s];
			if (lacing[s] === 255) {
				continue;
			}
			packets.push(Buffer.concat(parts));
			parts = [];
			if (packets.length === 1) {
				checkPacket(packets[0], 1, 'identification');
				if (p !== 0 || s !== lacing.length - 1) {
					throw new Error('Invalid Ogg Vorbis stream: the identification header must be alone on the first page');
				}
			} else if (packets.length === 3) {
				checkPacket(packets[1], 3, 'comment');
				checkPacket(packets[2], 5, 'setup');
				// The spec makes the setup header end its page, so that audio starts on a fresh one.
				if (s !== lacing.length - 1) {
					throw new Error('Invalid Ogg Vorbis stream: audio data shares a page with the setup header');
				}
				return { pages, comment: packets[1], setup: packets[2], setupEndPage: p };
			}
		}
	}
	throw new Error('This Ogg Vorbis file ends before its three header packets are complete');
}

/** Throws unless `packet` is the Vorbis header of the given type. */
function checkPacket(packet: Uint8Array, type: number, name: string): void {
	if (packet.length < 7 || packet[0] !== type || Buffer.from(packet.subarray(1, 7)).toString('latin1') !== 'vorbis') {
		throw new Error(type === 1 ? 'Not an Ogg Vorbis file: the first packet is not a Vorbis identification header' : `Invalid Ogg Vorbis stream: the ${name} header is missing`);
	}
}

/** The fields of a comment header, entries as written ("KEY=value"). */
function parseComment(packet: Uint8Array): { vendor: string; entries: string[] } {
	const buf = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
	let at = 7;
	const take = (): string => {
		if (at + 4 > buf.length || at + 4 + buf.readUInt32LE(at) > buf.length) {
			throw new Error('Invalid Ogg Vorbis stream: the comment header is truncated');
		}
		const len = buf.readUInt32LE(at);
		at += 4 + len;
		return buf.toString('utf8', at - len, at);
	};
	const vendor = take();
	if (at + 4 > buf.length) {
		throw new Error('Invalid Ogg Vorbis stream: the comment header is truncated');
	}
	const count = buf.readUInt32LE(at);
	at += 4;
	const entries: string[] = [];
	for (let i = 0; i < count; i++) {
		entries.push(take());
	}
	return { vendor, entries };
}

/** A comment header packet: type 3, "vorbis", vendor, entries, framing bit. */
function buildComment(vendor: string, entries: string[]): Buffer {
	const field = (text: string): Buffer[] => {
		const bytes = Buffer.from(text, 'utf8');
		const len = Buffer.alloc(4);
		len.writeUInt32LE(bytes.length);
		return [len, bytes];
	};
	const count = Buffer.alloc(4);
	count.writeUInt32LE(entries.length);
	return Buffer.concat([Buffer.from('\x03vorbis', 'latin1'), ...field(vendor), count, ...entries.flatMap(field), Buffer.from([1])]);
}

/** The upper-cased name and the value of a "NAME=value" entry; undefined when it has no `=`. */
function splitEntry(entry: string): [string, string] | undefined {
	const eq = entry.indexOf('=');
	return eq < 0 ? undefined : [entry.slice(0, eq).toUpperCase(), entry.slice(eq + 1)];
}

/**
 * Lays packets out in pages from sequence number `sequence` on: 255-byte segments, a packet whose
 * length is a multiple of 255 ending in a 0 segment, at most 255 segments a page. The last packet
 * ends its page. Pages on which a packet ends get granule 0 (these are headers), others -1.
 */
function paginate(packets: Uint8Array[], serial: number, sequence: number): Buffer[] {
	const lacing: number[] = [];
	for (const packet of packets) {
		for (let n = packet.length;; n -= 255) {
			lacing.push(Math.min(n, 255));
			if (n < 255) {
				break;
			}
		}
	}
	const data = Buffer.concat(packets);
	const pages: Buffer[] = [];
	for (let s = 0, at = 0; s < lacing.length; s += MAX_SEGMENTS) {
		const segs = Uint8Array.from(lacing.slice(s, s + MAX_SEGMENTS));
		const size = segs.reduce((sum, v) => sum + v, 0);
		pages.push(writePage({
			flags: s > 0 && lacing[s - 1] === 255 ? FLAG_CONTINUED : 0,
			granule: segs.some((v) => v < 255) ? 0n : NO_GRANULE,
			serial,
			sequence: sequence + pages.length,
			lacing: segs,
			body: data.subarray(at, at + size),
		}));
		at += size;
	}
	return pages;
}

/** Throws unless `key` is a valid Vorbis field name: printable ASCII 0x20–0x7D without '='. */
function checkKey(key: string): void {
	if (!/^[\x20-\x3c\x3e-\x7d]+$/.test(key)) {
		throw new RangeError(`"${key}" is not a valid Vorbis comment name (printable ASCII without "=" or "~")`);
	}
}

/**
 * The Ogg Vorbis file with `comments` set: the vendor string and other comments stay, those whose
 * names are being set (compared case-insensitively) are replaced, and the new ones are appended
 * with upper-case names. The comment and setup headers are re-paginated after the untouched first
 * page, and the following pages are renumbered with fresh CRCs.
 * @throws Error when `ogg` is not a single-stream Ogg Vorbis file; RangeError for an invalid name.
 */
export function setVorbisComments(ogg: Uint8Array, comments: Record<string, string>): Buffer {
	const set = Object.entries(comments).map(([key, value]) => {
		checkKey(key);
		return [key.toUpperCase(), value] as const;
	});
	const { pages, comment, setup, setupEndPage } = readHeaders(ogg);
	const { vendor, entries } = parseComment(comment);
	const replaced = new Set(set.map(([key]) => key));
	const kept = entries.filter((e) => !replaced.has(splitEntry(e)?.[0] ?? ''));
	const packet = buildComment(vendor, [...kept, ...set.map(([key, value]) => `${key}=${value}`)]);
	const headerPages = paginate([packet, setup], pages[0].serial, 1);
	const out: Uint8Array[] = [pages[0].raw, ...headerPages];
	let sequence = 1 + headerPages.length;
	for (const page of pages.slice(setupEndPage + 1)) {
		out.push(page.sequence === sequence ? page.raw : writePage({ ...page, sequence }));
		sequence++;
	}
	return Buffer.concat(out);
}

/**
 * The vendor string and comments of an Ogg Vorbis file. Names are upper-cased; entries without "="
 * are skipped, and a name that occurs more than once keeps its first value.
 * @throws Error when `ogg` is not a single-stream Ogg Vorbis file.
 */
export function readVorbisComments(ogg: Uint8Array): { vendor: string; comments: Record<string, string> } {
	const { vendor, entries } = parseComment(readHeaders(ogg).comment);
	const comments: Record<string, string> = {};
	for (const [key, value] of entries.map(splitEntry).filter((e) => e !== undefined)) {
		if (!Object.hasOwn(comments, key)) {
			comments[key] = value;
		}
	}
	return { vendor, comments };
}

/**
 * The loop tags for a loop from frame `loopStart` up to (not including) `loopEnd`, in samples at the
 * stream's rate: LOOPSTART and LOOPLENGTH, the convention RPG Maker and several game audio libraries read.
 * @throws RangeError unless 0 ≤ loopStart < loopEnd, both integers.
 */
export function loopComments(loopStart: number, loopEnd: number): Record<string, string> {
	if (!Number.isSafeInteger(loopStart) || !Number.isSafeInteger(loopEnd) || loopStart < 0 || loopStart >= loopEnd) {
		throw new RangeError(`Loop ${loopStart}..${loopEnd} is not a range of sample frames`);
	}
	return { LOOPSTART: String(loopStart), LOOPLENGTH: String(loopEnd - loopStart) };
}

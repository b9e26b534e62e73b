/**
 * setVorbisComments and readVorbisComments on a real Ogg Vorbis stream from wasm-media-encoders,
 * checked page by page with an independent page walker and CRC, and by ffprobe and ffmpeg.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createOggEncoder } from 'wasm-media-encoders';
import { loopComments, readVorbisComments, setVorbisComments } from '../../../src/audio/oggComments';

const run = promisify(execFile);
const RATE = 44_100;
const FRAMES = 2 * RATE;

interface Page {
	flags: number;
	granule: bigint;
	serial: number;
	sequence: number;
	lacing: number[];
	body: Buffer;
}

/** Bit-by-bit Ogg CRC-32 (polynomial 0x04c11db7, MSB first, init 0), deliberately unlike the table-driven one under test. */
function crc32(bytes: Uint8Array): number {
	let crc = 0;
	for (const byte of bytes) {
		crc ^= byte << 24;
		for (let b = 0; b < 8; b++) {
			crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
		}
	}
	return crc >>> 0;
}

/** Splits a file into pages, asserting each CRC. */
function pages(ogg: Buffer): Page[] {
	const out: Page[] = [];
	for (let pos = 0; pos < ogg.length;) {
		assert.equal(ogg.toString('latin1', pos, pos + 4), 'OggS', `page at ${pos}`);
		const lacing = [...ogg.subarray(pos + 27, pos + 27 + ogg[pos + 26])];
		const end = pos + 27 + lacing.length + lacing.reduce((a, b) => a + b, 0);
		const copy = Buffer.from(ogg.subarray(pos, end));
		copy.writeUInt32LE(0, 22);
		assert.equal(crc32(copy), ogg.readUInt32LE(pos + 22), `CRC of page ${out.length}`);
		out.push({
			flags: ogg[pos + 5],
			granule: ogg.readBigInt64LE(pos + 6),
			serial: ogg.readUInt32LE(pos + 14),
			sequence: ogg.readUInt32LE(pos + 18),
			lacing,
			body: ogg.subarray(pos + 27 + lacing.length, end),
		});
		pos = end;
	}
	return out;
}

/** One page's bytes with its CRC. */
function pageBytes(p: Page): Buffer {
	const head = Buffer.alloc(27);
	head.write('OggS', 0, 'latin1');
	head[5] = p.flags;
	head.writeBigInt64LE(p.granule, 6);
	head.writeUInt32LE(p.serial, 14);
	head.writeUInt32LE(p.sequence, 18);
	head[26] = p.lacing.length;
	const page = Buffer.concat([head, Buffer.from(p.lacing), p.body]);
	page.writeUInt32LE(crc32(page), 22);
	return page;
}

/** The packets of a page list, each with the index of the page it ends on. */
function packets(list: Page[]): { data: Buffer; page: number }[] {
	const out: { data: Buffer; page: number }[] = [];
	let parts: Buffer[] = [];
	list.forEach((p, index) => {
		let at = 0;
		for (const v of p.lacing) {
			parts.push(p.body.subarray(at, at + v));
			at += v;
			if (v < 255) {
				out.push({ data: Buffer.concat(parts), page: index });
				parts = [];
			}
		}
	});
	return out;
}

/**
 * Asserts the structure the brief and the Ogg/Vorbis specs require: sequence numbers 0, 1, 2…, one
 * serial, BOS only first, the identification header alone on page 0, the setup header ending its
 * page with granule 0, continued flags exactly where a packet carries on, granule -1 exactly where
 * no packet ends, and at most 255 segments a page. Returns the three header packets.
 */
function assertWellFormed(ogg: Buffer): Buffer[] {
	const list = pages(ogg);
	list.forEach((p, i) => {
		assert.equal(p.sequence, i, `sequence of page ${i}`);
		assert.equal(p.serial, list[0].serial, `serial of page ${i}`);
		assert.equal((p.flags & 2) !== 0, i === 0, `BOS flag of page ${i}`);
		assert.ok(p.lacing.length <= 255);
		const continued = i > 0 && list[i - 1].lacing.at(-1) === 255;
		assert.equal((p.flags & 1) !== 0, continued, `continued flag of page ${i}`);
		if (!p.lacing.some((v) => v < 255)) {
			assert.equal(p.granule, -1n, `granule of page ${i}, on which no packet ends`);
		}
	});
	assert.equal((list.at(-1)?.flags ?? 0) & 4, 4, 'EOS on the last page');
	const all = packets(list);
	assert.equal(list[0].lacing.length, 1, 'the identification header is alone on page 0');
	const setupPage = list[all[2].page];
	assert.equal(all[3]?.page, all[2].page + 1, 'audio starts on the page after the setup header');
	assert.equal(setupPage.granule, 0n, "the setup header's page has granule 0");
	assert.deepEqual(all.slice(0, 3).map((p) => p.data[0]), [1, 3, 5]);
	return all.slice(0, 3).map((p) => p.data);
}

describe('Ogg Vorbis comments', () => {
	let dir = '';
	let original: Buffer = Buffer.alloc(0);
	let originalPcm: Buffer = Buffer.alloc(0);

	/** Writes `ogg` to the temp dir and returns the path. */
	const save = async (name: string, ogg: Uint8Array): Promise<string> => {
		const path = join(dir, name);
		await writeFile(path, ogg);
		return path;
	};
	/** What ffmpeg decodes, as 16-bit PCM, failing on anything it reports. */
	const decode = async (path: string): Promise<Buffer> => {
		const { stdout, stderr } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 's16le', '-'], { encoding: 'buffer', maxBuffer: 1 << 24 });
		assert.equal(stderr.toString(), '', 'ffmpeg reported an error');
		return stdout;
	};
	/** ffprobe's stream and format tags, merged. */
	const probeTags = async (path: string): Promise<Record<string, string>> => {
		const { stdout, stderr } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream_tags:format_tags', '-of', 'json', path], { maxBuffer: 1 << 24 });
		assert.equal(stderr, '');
		const json = JSON.parse(stdout) as { streams: { tags?: Record<string, string> }[]; format: { tags?: Record<string, string> } };
		return { ...json.format.tags, ...json.streams[0]?.tags };
	};
	/** ffprobe's stream length in samples. */
	const probeLength = async (path: string): Promise<string> => {
		const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,channels,duration_ts', '-of', 'default=nw=1', path]);
		return stdout.trim();
	};
	/** Sets comments, then checks structure, our reader, ffprobe and ffmpeg; returns the new file. */
	const setAndCheck = async (name: string, input: Uint8Array, comments: Record<string, string>): Promise<Buffer> => {
		const ogg = setVorbisComments(input, comments);
		const headers = assertWellFormed(ogg);
		assert.deepEqual(headers[2], assertWellFormed(Buffer.from(input))[2], 'the setup header is unchanged');
		const read = readVorbisComments(ogg);
		const tags = await probeTags(await save(name, ogg));
		for (const [key, value] of Object.entries(comments)) {
			assert.equal(read.comments[key.toUpperCase()], value, `our reader: ${key}`);
			assert.equal(tags[key.toUpperCase()], value, `ffprobe: ${key}`);
		}
		assert.equal(await probeLength(join(dir, name)), `codec_name=vorbis\nsample_rate=${RATE}\nchannels=2\nduration_ts=${FRAMES}`);
		assert.ok((await decode(join(dir, name))).equals(originalPcm), 'decodes to the same samples as before');
		// Audio pages keep their bytes; only the sequence number and CRC change.
		const before = pages(Buffer.from(input));
		const afterPages = pages(ogg);
		const audio = (list: Page[]): Page[] => list.slice(packets(list)[2].page + 1);
		assert.deepEqual(audio(afterPages).map((p) => [p.flags, p.granule, p.lacing, p.body]), audio(before).map((p) => [p.flags, p.granule, p.lacing, p.body]));
		return ogg;
	};

	before(async () => {
		dir = await mkdtemp(join(tmpdir(), 'evolink-oggcomments-'));
		const encoder = await createOggEncoder();
		encoder.configure({ channels: 2, sampleRate: RATE, vbrQuality: 3 });
		const left = Float32Array.from({ length: FRAMES }, (_, i) => 0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
		const right = Float32Array.from({ length: FRAMES }, (_, i) => 0.4 * Math.sin(2 * Math.PI * 660 * i / RATE));
		const parts: Buffer[] = [];
		for (let i = 0; i < FRAMES; i += 4096) {
			parts.push(Buffer.from(encoder.encode([left.subarray(i, i + 4096), right.subarray(i, i + 4096)])));
		}
		parts.push(Buffer.from(encoder.finalize()));
		original = Buffer.concat(parts);
		assertWellFormed(original);
		originalPcm = await decode(await save('original.ogg', original));
		assert.equal(originalPcm.length, FRAMES * 4, "the encoder's file decodes to 2 s of stereo");
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('sets the loop tags, which our reader, ffprobe and ffmpeg all accept', async () => {
		const { vendor } = readVorbisComments(original);
		assert.match(vendor, /Xiph|libVorbis/i);
		const ogg = await setAndCheck('loop.ogg', original, loopComments(RATE / 2, FRAMES));
		assert.deepEqual(readVorbisComments(ogg), { vendor, comments: { ...readVorbisComments(original).comments, LOOPSTART: '22050', LOOPLENGTH: '66150' } });
	});

	it('spreads a 70,000-character comment over several pages', async () => {
		const long = 'ループ'.repeat(5000) + 'x'.repeat(55_000);
		assert.equal(long.length, 70_000);
		const ogg = await setAndCheck('long.ogg', original, { ...loopComments(0, FRAMES), LONGTEXT: long });
		const list = pages(ogg);
		assert.ok(packets(list)[1].page >= 2, 'the comment packet ends on page 2 or later');
		assert.equal(list[1].granule, -1n);
		assert.equal(list[2].flags & 1, 1);
		assert.equal((await probeTags(join(dir, 'long.ogg'))).LONGTEXT.length, 70_000);
	});

	it('ends a packet whose length is a multiple of 255 with a 0 segment, also across a page boundary', async () => {
		const base = setVorbisComments(original, { PAD: '' });
		const baseLength = assertWellFormed(base)[1].length;
		for (const target of [255 * 40, 255 * 255, 255 * 255 - 1, 255 * 255 + 1, 255 * 256]) {
			const ogg = await setAndCheck(`pad-${target}.ogg`, original, { PAD: 'p'.repeat(target - baseLength) });
			const list = pages(ogg);
			const comment = assertWellFormed(ogg)[1];
			assert.equal(comment.length, target);
			if (target % 255 === 0) {
				const pageOfEnd = packets(list)[1].page;
				const segmentsBefore = list.slice(1, pageOfEnd).reduce((n, p) => n + p.lacing.length, 0);
				assert.equal(list[pageOfEnd].lacing[target / 255 - segmentsBefore], 0, `the 0 segment after ${target} bytes`);
			}
		}
	});

	it('sets comments twice, replacing names case-insensitively and keeping the rest', async () => {
		const once = await setAndCheck('once.ogg', original, { ...loopComments(100, 200), Title: 'First', artist: 'EvoLink' });
		const twice = await setAndCheck('twice.ogg', once, { loopstart: '300', TITLE: 'Second' });
		const { comments } = readVorbisComments(twice);
		assert.deepEqual(comments, { ...readVorbisComments(original).comments, LOOPLENGTH: '100', ARTIST: 'EvoLink', LOOPSTART: '300', TITLE: 'Second' });
		const text = assertWellFormed(twice)[1].toString('latin1');
		assert.equal(text.match(/LOOPSTART=/gi)?.length, 1);
		assert.equal(text.match(/TITLE=/gi)?.length, 1);
		assert.ok(setVorbisComments(twice, {}).equals(setVorbisComments(twice, {})), 'deterministic');
	});

	it('accepts a setup header already spread over several small pages', async () => {
		const list = pages(original);
		const all = packets(list);
		const setupEnd = all[2].page;
		// Re-page the comment and setup headers at 3 segments a page, as a different muxer might.
		const lacing: number[] = [];
		for (const { data } of all.slice(1, 3)) {
			for (let n = data.length;; n -= 255) {
				lacing.push(Math.min(n, 255));
				if (n < 255) {
					break;
				}
			}
		}
		const bytes = Buffer.concat([all[1].data, all[2].data]);
		const small: Page[] = [list[0]];
		for (let s = 0, at = 0; s < lacing.length; s += 3) {
			const segs = lacing.slice(s, s + 3);
			const size = segs.reduce((a, b) => a + b, 0);
			small.push({
				flags: s > 0 && lacing[s - 1] === 255 ? 1 : 0,
				granule: segs.some((v) => v < 255) ? 0n : -1n,
				serial: list[0].serial,
				sequence: small.length,
				lacing: segs,
				body: bytes.subarray(at, at + size),
			});
			at += size;
		}
		for (const p of list.slice(setupEnd + 1)) {
			small.push({ ...p, sequence: small.length });
		}
		const spread = Buffer.concat(small.map(pageBytes));
		assertWellFormed(spread);
		assert.ok(packets(pages(spread))[2].page - packets(pages(spread))[1].page >= 3, 'the setup header spans several pages');
		assert.ok((await decode(await save('spread.ogg', spread))).equals(originalPcm), 'ffmpeg accepts the re-paged file');
		const ogg = await setAndCheck('spread-set.ogg', spread, loopComments(10, 20));
		assert.ok(pages(ogg).length < small.length, 'the headers are packed into fewer pages');
	});

	it('refuses files it cannot rewrite, saying why', () => {
		assert.throws(() => readVorbisComments(Buffer.from('not an ogg file at all, not at all')), /Not an Ogg file/);
		assert.throws(() => readVorbisComments(new Uint8Array(0)), /Not an Ogg file/);
		assert.throws(() => readVorbisComments(original.subarray(0, 20)), /cut short/);
		assert.throws(() => setVorbisComments(original.subarray(0, original.length - 10), {}), /truncated/);
		const damaged = Buffer.from(original);
		damaged[damaged.length - 100] ^= 0xff;
		assert.throws(() => setVorbisComments(damaged, {}), /fails its CRC check/);
		const list = pages(original);
		const opus = pageBytes({ ...list[0], lacing: [19], body: Buffer.from('OpusHead\x01\x02\x38\x01\x80\xbb\x00\x00\x00\x00\x00', 'latin1') });
		assert.throws(() => readVorbisComments(opus), /Not an Ogg Vorbis file/);
		const chained = Buffer.concat([original, pageBytes({ ...list[0], serial: list[0].serial + 1 })]);
		assert.throws(() => setVorbisComments(chained, {}), /more than one stream/);
		assert.throws(() => readVorbisComments(pageBytes(list[0])), /ends before its three header packets/);
		// Audio on the setup header's last page breaks the "audio starts on a fresh page" rule.
		const all = packets(list);
		const joined = pageBytes({ ...list[all[2].page], lacing: [...list[all[2].page].lacing, 1], body: Buffer.concat([list[all[2].page].body, Buffer.from([0])]) });
		assert.throws(() => readVorbisComments(Buffer.concat([pageBytes(list[0]), joined])), /audio data shares a page with the setup header/);
		for (const key of ['', 'A=B', 'TILDE~', 'ÜMLAUT', 'NEW\nLINE']) {
			assert.throws(() => setVorbisComments(original, { [key]: 'x' }), RangeError, JSON.stringify(key));
		}
	});
});

describe('loopComments', () => {
	it('gives LOOPSTART and LOOPLENGTH in samples', () => {
		assert.deepEqual(loopComments(0, 88_200), { LOOPSTART: '0', LOOPLENGTH: '88200' });
		assert.deepEqual(loopComments(22_050, 66_150), { LOOPSTART: '22050', LOOPLENGTH: '44100' });
	});

	it('refuses ranges that are not sample frames', () => {
		for (const [start, end] of [[10, 10], [20, 10], [-1, 10], [0.5, 10], [0, Number.NaN], [0, Infinity]]) {
			assert.throws(() => loopComments(start, end), RangeError, `${start}..${end}`);
		}
	});
});

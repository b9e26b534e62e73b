/**
 * setVorbisComments and readVorbisComments on a real Ogg Vorbis stream from wasm-media-encoders,
 * checked page by page with an independent page walker and CRC, and by ffprobe and ffmpeg. Files
 * they refuse, and loopComments: oggCommentsRefusals.test.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loopComments, readVorbisComments, setVorbisComments } from '../../../src/audio/oggComments';
import { assertWellFormed, encodeSines, FRAMES, type Page, pageBytes, pages, packets, RATE } from './oggPages';

const run = promisify(execFile);

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
		original = await encodeSines();
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
});

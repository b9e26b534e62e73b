/**
 * readMediaInfo and desktopPlayability against real files made with ffmpeg (see mediaFixtures.ts),
 * compared with ffprobe; then the same files cut short and scribbled on, which must never throw.
 */
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { bufferSource, desktopPlayability, parseMedia, readMediaInfo } from '../../../src/preview/codecs';
import { FIXTURES, ffprobeDuration, makeFixtures } from './mediaFixtures';

type Fixtures = Awaited<ReturnType<typeof makeFixtures>>;

describe('codec reader on ffmpeg-made files', () => {
	let fx: Fixtures | undefined;
	const path = (name: string): string => {
		assert.ok(fx, 'fixtures were not made');
		return fx.path(name);
	};
	before(async () => {
		fx = await makeFixtures();
	});
	after(async () => {
		await fx?.cleanup();
	});

	for (const f of FIXTURES) {
		test(`${f.name}: container, tracks, duration and verdict`, async () => {
			const info = await readMediaInfo(path(f.name));
			assert.equal(info.container, f.container);
			assert.deepEqual(info.tracks, f.tracks);
			assert.equal(info.sizeBytes, (await stat(path(f.name))).size);
			if (f.tolerance) {
				const expected = await ffprobeDuration(path(f.name));
				assert.ok(expected !== undefined, 'ffprobe reported no duration');
				assert.ok(info.durationSec !== undefined, 'the reader found no duration');
				const allowed = f.tolerance.seconds ?? expected * (f.tolerance.fraction ?? 0);
				assert.ok(Math.abs(info.durationSec - expected) <= allowed, `duration ${info.durationSec} vs ffprobe ${expected} (±${allowed})`);
			} else {
				assert.equal(info.durationSec, undefined);
			}
			const verdict = desktopPlayability(info);
			assert.equal(verdict.playable, f.playable);
			assert.equal(verdict.silent, f.silent);
			if (f.reason) {
				assert.ok(verdict.reasons.some((r) => r.includes(f.reason as string)), `reasons: ${verdict.reasons.join(' | ')}`);
			} else {
				assert.deepEqual(verdict.reasons, []);
			}
		});
	}

	test('the MP4 fixtures really cover moov-last and moov-first', async () => {
		const order = async (name: string): Promise<string[]> => {
			const bytes = await readFile(path(name));
			const types: string[] = [];
			for (let p = 0; p + 8 <= bytes.length; p += bytes.readUInt32BE(p)) {
				types.push(bytes.toString('latin1', p + 4, p + 8));
			}
			return types.filter((t) => t === 'moov' || t === 'mdat');
		};
		assert.deepEqual(await order('h264-aac.mp4'), ['mdat', 'moov']);
		assert.deepEqual(await order('h264-aac-faststart.mp4'), ['moov', 'mdat']);
	});

	test('an MP3 with ID3v2 and ID3v1 tags is measured without them', async () => {
		const bytes = await readFile(path('id3.mp3'));
		assert.equal(bytes.toString('latin1', 0, 3), 'ID3');
		assert.equal(bytes.toString('latin1', bytes.length - 128, bytes.length - 125), 'TAG');
		const tagged = await readMediaInfo(path('id3.mp3'));
		// Cut the ID3v1 tag off: the estimate must not change, since it was already left out.
		const bare = await parseMedia(bufferSource(bytes.subarray(0, bytes.length - 128)));
		assert.ok(tagged.durationSec !== undefined && bare.durationSec !== undefined);
		assert.ok(Math.abs(tagged.durationSec - bare.durationSec) < 1e-9);
	});

	test('FLAC and raw AAC behind an ID3v2 tag are still recognised', async () => {
		// A minimal ID3v2.4 tag: a header whose syncsafe size says 256, then 256 bytes of padding.
		const tag = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x02\x00', 'latin1'), Buffer.alloc(256)]);
		const flac = await parseMedia(bufferSource(Buffer.concat([tag, await readFile(path('native.flac'))])));
		assert.deepEqual([flac.container, flac.tracks], ['flac', FIXTURES.find((f) => f.name === 'native.flac')?.tracks]);
		assert.ok(flac.durationSec !== undefined && Math.abs(flac.durationSec - 1) < 0.01);
		const aac = await parseMedia(bufferSource(Buffer.concat([tag, await readFile(path('raw.aac'))])));
		assert.deepEqual([aac.container, aac.tracks], ['unknown', [{ kind: 'audio', codec: 'aac', sampleRate: 44100, channels: 2 }]]);
	});

	test('truncated files never throw and never report tracks that are not there', { timeout: 20_000 }, async () => {
		for (const f of FIXTURES) {
			const bytes = await readFile(path(f.name));
			const cuts = [0, 1, 3, 4, 8, 11, 12, 27, 40, 100, 500, ...[0.1, 0.25, 0.5, 0.75, 0.9].map((x) => Math.floor(bytes.length * x)), bytes.length - 1];
			for (const cut of cuts) {
				const info = await parseMedia(bufferSource(bytes.subarray(0, cut)));
				const where = `${f.name} cut at ${cut}`;
				assert.ok(info.container === f.container || info.container === 'unknown', `${where}: ${info.container}`);
				assert.equal(info.sizeBytes, cut);
				for (const t of info.tracks) {
					assert.ok(f.tracks.some((e) => e.kind === t.kind), `${where}: unexpected ${t.kind} track`);
				}
				assert.ok(info.durationSec === undefined || (Number.isFinite(info.durationSec) && info.durationSec > 0), where);
				assert.equal(typeof desktopPlayability(info).playable, 'boolean');
			}
		}
	});

	test('files whose headers come first keep their tracks when the end is cut off', async () => {
		for (const name of ['pcm.wav', 'xing.mp3', 'vorbis.ogg', 'opus.ogg', 'native.flac', 'h264-aac-faststart.mp4', 'vp8-vorbis.webm', 'vp9-opus.webm']) {
			const bytes = await readFile(path(name));
			const info = await parseMedia(bufferSource(bytes.subarray(0, Math.floor(bytes.length * 0.6))));
			assert.deepEqual(info.tracks, FIXTURES.find((f) => f.name === name)?.tracks, name);
		}
		// With `moov` at the end, a cut file is still an MP4 but has nothing readable.
		const late = await readFile(path('h264-aac.mp4'));
		const cut = await parseMedia(bufferSource(late.subarray(0, Math.floor(late.length * 0.6))));
		assert.deepEqual([cut.container, cut.tracks], ['mp4', []]);
		assert.match(desktopPlayability(cut).reasons[0], /No audio or video track could be read from this MP4 file/);
	});

	test('a truncated file on disk reads cleanly too', async () => {
		const bytes = await readFile(path('h264-aac-faststart.mp4'));
		const cutPath = path('cut.mp4');
		await writeFile(cutPath, bytes.subarray(0, 700));
		const info = await readMediaInfo(cutPath);
		assert.equal(info.container, 'mp4');
		assert.equal(info.sizeBytes, 700);
	});

	test('scribbled-on headers never throw', { timeout: 20_000 }, async () => {
		// A fixed-seed generator keeps failures reproducible.
		let seed = 0x2545f491;
		const random = (): number => {
			seed ^= seed << 13;
			seed ^= seed >>> 17;
			seed ^= seed << 5;
			return (seed >>> 0) / 2 ** 32;
		};
		for (const f of FIXTURES) {
			const original = await readFile(path(f.name));
			for (let round = 0; round < 40; round++) {
				const bytes = Buffer.from(original);
				// Damage the first 4 KiB (where the headers are) and the last 4 KiB (where moov/Cues/last page are).
				for (let i = 0; i < 8; i++) {
					const inHead = random() < 0.5;
					const span = Math.min(4096, bytes.length);
					const at = inHead ? Math.floor(random() * span) : bytes.length - 1 - Math.floor(random() * span);
					bytes[at] = Math.floor(random() * 256);
				}
				const info = await parseMedia(bufferSource(bytes));
				assert.equal(info.sizeBytes, bytes.length);
				assert.ok(info.durationSec === undefined || Number.isFinite(info.durationSec), `${f.name} round ${round}`);
			}
		}
	});
});

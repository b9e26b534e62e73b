/**
 * The codec reader on hand-built bytes: layouts ffmpeg does not write (64-bit and size-0 boxes,
 * fragmented durations, WAV variants, Matroska with AV1/AAC, raw ADTS), hostile inputs that
 * must end quickly, and the clear Error for files that cannot be read at all.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { bufferSource, desktopPlayability, parseMedia, readMediaInfo } from '../../../src/preview/codecs';
import type { ByteSource } from '../../../src/preview/codecs';
import { audioEntry, be, box, esds, mvhd, trak, visualEntry } from './mp4Builder';

/** A virtual file: `parts` placed at offsets, zeros elsewhere; records every read. */
function virtualSource(size: number, parts: [number, Buffer][]): ByteSource & { reads: [number, number][] } {
	const reads: [number, number][] = [];
	return {
		size,
		reads,
		async read(offset: number, length: number): Promise<Buffer> {
			const n = Math.max(0, Math.min(length, size - offset));
			reads.push([offset, n]);
			const out = Buffer.alloc(n);
			for (const [at, bytes] of parts) {
				const from = Math.max(at, offset);
				const to = Math.min(at + bytes.length, offset + n);
				if (from < to) {
					bytes.copy(out, from - offset, from - at, to - at);
				}
			}
			return out;
		},
	};
}

const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isomavc1', 'latin1'));

describe('MP4 layouts', () => {
	test('a 6 GiB file with a 64-bit mdat and moov at the end costs a few small reads', async () => {
		const moov = box(
			'moov',
			mvhd(1000, 2500),
			trak('vide', visualEntry('avc1', 1280, 720), 90000, 225000),
			trak('soun', audioEntry('mp4a', 2, 44100, esds(0x40, 2)), 44100, 110250),
		);
		const size = 6 * 2 ** 30;
		const moovAt = size - moov.length;
		const mdatHeader = Buffer.concat([be([1, 4]), Buffer.from('mdat'), be([moovAt - ftyp.length, 8])]);
		const src = virtualSource(size, [[0, ftyp], [ftyp.length, mdatHeader], [moovAt, moov]]);
		const info = await parseMedia(src);
		assert.deepEqual(info, {
			container: 'mp4',
			tracks: [{ kind: 'video', codec: 'h264', width: 1280, height: 720 }, { kind: 'audio', codec: 'aac', sampleRate: 44100, channels: 2 }],
			durationSec: 2.5,
			sizeBytes: size,
		});
		const total = src.reads.reduce((sum, [, n]) => sum + n, 0);
		assert.ok(total < 20_000, `read ${total} bytes`);
		const mdatBody = ftyp.length + 16;
		assert.ok(src.reads.every(([at]) => at < mdatBody || at >= moovAt), 'read inside mdat');
	});

	test('size-0 mdat, fragmented duration in mehd, and every sample entry kind', async () => {
		const mehd = box('mehd', be([0, 4], [90000, 4]));
		const moov = box(
			'moov',
			mvhd(1000, 0),
			box('mvex', mehd),
			trak('vide', visualEntry('vp09', 320, 240), 1000, 0),
			trak('soun', audioEntry('mp4a', 2, 48000, esds(0x40, 1)), 48000, 0),
			trak('soun', audioEntry('mp4a', 2, 44100, esds(0x6b)), 44100, 0),
			trak('soun', audioEntry('Opus', 2, 48000), 48000, 0),
			trak('soun', audioEntry('mp4a', 6, 48000, esds(0xa5)), 48000, 0),
			trak('soun', audioEntry('fLaC', 1, 0), 96000, 0),
			trak('text', visualEntry('tx3g', 0, 0), 1000, 0),
		);
		const mdat = Buffer.concat([be([0, 4]), Buffer.from('mdat'), Buffer.alloc(100)]);
		const info = await parseMedia(bufferSource(Buffer.concat([ftyp, moov, mdat])));
		assert.equal(info.durationSec, 90);
		assert.deepEqual(info.tracks, [
			{ kind: 'video', codec: 'vp9', width: 320, height: 240 },
			// The entry says 2 channels, as the MP4 spec makes it; the AudioSpecificConfig says 1.
			{ kind: 'audio', codec: 'aac', sampleRate: 48000, channels: 1 },
			{ kind: 'audio', codec: 'mp3', sampleRate: 44100, channels: 2 },
			{ kind: 'audio', codec: 'opus', sampleRate: 48000, channels: 2 },
			{ kind: 'audio', codec: 'mp4a.a5', sampleRate: 48000, channels: 6 },
			// A rate too big for 16.16 is stored as 0; the media timescale has it.
			{ kind: 'audio', codec: 'flac', sampleRate: 96000, channels: 1 },
		]);
		assert.equal(desktopPlayability(info).playable, false);
	});

	test('without a movie duration the longest track counts', async () => {
		const moov = box('moov', mvhd(1000, 0), trak('soun', audioEntry('.mp3', 2, 44100), 44100, 3 * 44100));
		const info = await parseMedia(bufferSource(Buffer.concat([ftyp, moov])));
		assert.equal(info.durationSec, 3);
		assert.deepEqual(info.tracks, [{ kind: 'audio', codec: 'mp3', sampleRate: 44100, channels: 2 }]);
	});

	test('a box claiming less than its own header stops the walk', async () => {
		const bad = Buffer.concat([ftyp, be([4, 4]), Buffer.from('moov'), Buffer.alloc(64)]);
		assert.deepEqual(await parseMedia(bufferSource(bad)), { container: 'mp4', tracks: [], sizeBytes: bad.length });
	});
});

/** A WAV header with one `fmt ` chunk (format tag, extensible sub-format) and `dataBytes` of data. */
function wav(tag: number, dataBytes: number, riff = 'RIFF', extra: Buffer[] = []): Buffer {
	const extensible = tag >= 0x10000;
	const fmt = Buffer.alloc(extensible ? 40 : 16);
	fmt.writeUInt16LE(extensible ? 0xfffe : tag, 0);
	fmt.writeUInt16LE(2, 2);
	fmt.writeUInt32LE(48000, 4);
	fmt.writeUInt32LE(48000 * 8, 8);
	fmt.writeUInt16LE(8, 12);
	fmt.writeUInt16LE(32, 14);
	if (extensible) {
		fmt.writeUInt16LE(tag - 0x10000, 24);
	}
	const data = Buffer.alloc(dataBytes);
	return Buffer.concat([Buffer.from(riff), Buffer.alloc(4), Buffer.from('WAVE'), ...extra, chunk('fmt ', fmt), chunk('data', data, riff === 'RF64' ? 0xffffffff : dataBytes)]);
}

/** A RIFF chunk: id, 32-bit little-endian size, body. */
function chunk(id: string, body: Buffer, size = body.length): Buffer {
	const head = Buffer.alloc(8);
	head.write(id, 'latin1');
	head.writeUInt32LE(size, 4);
	return Buffer.concat([head, body]);
}

describe('WAV variants', () => {
	test('extensible float is PCM; an unknown tag is reported raw', async () => {
		const float = await parseMedia(bufferSource(wav(0x10003, 48000 * 8)));
		assert.deepEqual(float, { container: 'wav', tracks: [{ kind: 'audio', codec: 'pcm', sampleRate: 48000, channels: 2 }], durationSec: 1, sizeBytes: float.sizeBytes });
		const adpcm = await parseMedia(bufferSource(wav(0x11, 100)));
		assert.equal(adpcm.tracks[0].codec, '0x0011');
		assert.equal(desktopPlayability(adpcm).playable, false);
	});

	test('RF64 takes the data size from ds64', async () => {
		const body = Buffer.alloc(28);
		body.writeBigUInt64LE(BigInt(48000 * 4), 8);
		const ds64 = chunk('ds64', body);
		const info = await parseMedia(bufferSource(wav(1, 48000 * 8, 'RF64', [ds64])));
		// ds64 says half the bytes: the header wins over what follows.
		assert.equal(info.durationSec, 0.5);
	});
});

/** An EBML element: ID bytes, an 8-byte size, data. */
function ebml(id: number, ...data: Buffer[]): Buffer {
	const body = Buffer.concat(data);
	const idBytes = Buffer.from(id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'), 'hex');
	const size = Buffer.alloc(8);
	size.writeBigUInt64BE(BigInt(body.length) | (1n << 56n));
	return Buffer.concat([idBytes, size, body]);
}
const f64 = (x: number): Buffer => {
	const b = Buffer.alloc(8);
	b.writeDoubleBE(x);
	return b;
};

describe('Matroska by hand', () => {
	test('AV1 + AAC, with 8-byte sizes and uints', async () => {
		const header = ebml(0x1a45dfa3, ebml(0x4282, Buffer.from('matroska')));
		const info = ebml(0x1549a966, ebml(0x2ad7b1, be([1_000_000, 8])), ebml(0x4489, f64(2500)));
		const tracks = ebml(
			0x1654ae6b,
			ebml(0xae, ebml(0xd7, be([1, 1])), ebml(0x83, be([1, 1])), ebml(0x86, Buffer.from('V_AV1')), ebml(0xe0, ebml(0xb0, be([640, 2])), ebml(0xba, be([360, 2])))),
			ebml(0xae, ebml(0x83, be([2, 1])), ebml(0x86, Buffer.from('A_AAC/MPEG4/LC')), ebml(0xe1, ebml(0xb5, f64(48000)), ebml(0x9f, be([2, 1])))),
			ebml(0xae, ebml(0x83, be([0x11, 1])), ebml(0x86, Buffer.from('S_TEXT/UTF8'))),
		);
		const cluster = ebml(0x1f43b675, Buffer.alloc(1000));
		const file = Buffer.concat([header, ebml(0x18538067, ebml(0xec, Buffer.alloc(10)), cluster, info, tracks)]);
		const parsed = await parseMedia(bufferSource(file));
		assert.deepEqual(parsed, {
			container: 'webm',
			tracks: [{ kind: 'video', codec: 'av1', width: 640, height: 360 }, { kind: 'audio', codec: 'aac', sampleRate: 48000, channels: 2 }],
			durationSec: 2.5,
			sizeBytes: file.length,
		});
		assert.match(desktopPlayability(parsed).reasons.join(' '), /AV1 video does not play.*Its AAC audio would not play there either/);
	});
});

describe('not media, or hostile', () => {
	test('raw AAC (ADTS) is an unknown container holding AAC', async () => {
		const frame = Buffer.alloc(200);
		Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x19, 0x1f, 0xfc]).copy(frame);
		const info = await parseMedia(bufferSource(Buffer.concat([frame, frame])));
		assert.deepEqual(info.tracks, [{ kind: 'audio', codec: 'aac', sampleRate: 44100, channels: 2 }]);
		assert.equal(info.container, 'unknown');
		assert.match(desktopPlayability(info).reasons[0], /^AAC does not play/);
	});

	test('garbage, zeros, text, a lone MP3 sync word and an empty file are unknown', async () => {
		let seed = 7;
		const noise = Buffer.from(Array.from({ length: 5000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff));
		const inputs = [noise, Buffer.alloc(5000), Buffer.from('<html>Not found</html>'), Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), noise]), Buffer.alloc(0)];
		for (const bytes of inputs) {
			assert.deepEqual(await parseMedia(bufferSource(bytes)), { container: 'unknown', tracks: [], sizeBytes: bytes.length });
		}
	});

	test('a 100 GB run of empty boxes or EBML Voids ends after bounded reads', { timeout: 10_000 }, async () => {
		const size = 100e9;
		const boxes = virtualSource(size, [[0, ftyp], [ftyp.length, Buffer.concat(Array.from({ length: 50_000 }, () => box('free')))]]);
		assert.deepEqual((await parseMedia(boxes)).tracks, []);
		assert.ok(boxes.reads.length <= 10_001, `${boxes.reads.length} reads`);
		const voids = Buffer.concat(Array.from({ length: 30_000 }, () => Buffer.from([0xec, 0x80])));
		// An empty EBML header, then a Segment of unknown size (8-byte all-ones) full of Voids.
		const start = Buffer.from('1a45dfa380' + '18538067' + '01ffffffffffffff', 'hex');
		const webm = virtualSource(size, [[0, start], [start.length, voids]]);
		assert.deepEqual(await parseMedia(webm), { container: 'webm', tracks: [], sizeBytes: size });
		assert.ok(webm.reads.length > 20_000 && webm.reads.length <= 20_010, `${webm.reads.length} reads`);
	});

	test('a missing file or a directory is a clear Error; an empty file is unknown', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'evolink-codecs-'));
		try {
			await assert.rejects(readMediaInfo(join(dir, 'nope.mp3')), /Cannot read media file .*nope\.mp3 \(ENOENT\)/);
			await assert.rejects(readMediaInfo(dir), /Cannot read media file .* \(ENOTFILE\)/);
			await writeFile(join(dir, 'empty.mp4'), '');
			assert.deepEqual(await readMediaInfo(join(dir, 'empty.mp4')), { container: 'unknown', tracks: [], sizeBytes: 0 });
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	test('bufferSource clamps reads to the file', async () => {
		const src = bufferSource(Buffer.from('abcdef'));
		assert.equal((await src.read(4, 100)).toString(), 'ef');
		assert.equal((await src.read(6, 1)).length, 0);
		assert.equal((await src.read(-1, 1)).length, 0);
	});
});

/**
 * What the Ogg comment tests share (oggComments.test.ts, oggCommentsRefusals.test.ts): a real Ogg
 * Vorbis stream from wasm-media-encoders, and an independent page walker and CRC to check it with.
 */
import assert from 'node:assert/strict';
import { createOggEncoder } from 'wasm-media-encoders';

export const RATE = 44_100;
export const FRAMES = 2 * RATE;

export interface Page {
	flags: number;
	granule: bigint;
	serial: number;
	sequence: number;
	lacing: number[];
	body: Buffer;
}

/** Bit-by-bit Ogg CRC-32 (polynomial 0x04c11db7, MSB first, init 0), deliberately unlike the table-driven one under test. */
export function crc32(bytes: Uint8Array): number {
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
export function pages(ogg: Buffer): Page[] {
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
export function pageBytes(p: Page): Buffer {
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
export function packets(list: Page[]): { data: Buffer; page: number }[] {
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
export function assertWellFormed(ogg: Buffer): Buffer[] {
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

/** Two seconds of stereo sines (440 Hz left, 660 Hz right), as wasm-media-encoders writes them. */
export async function encodeSines(): Promise<Buffer> {
	const encoder = await createOggEncoder();
	encoder.configure({ channels: 2, sampleRate: RATE, vbrQuality: 3 });
	const left = Float32Array.from({ length: FRAMES }, (_, i) => 0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
	const right = Float32Array.from({ length: FRAMES }, (_, i) => 0.4 * Math.sin(2 * Math.PI * 660 * i / RATE));
	const parts: Buffer[] = [];
	for (let i = 0; i < FRAMES; i += 4096) {
		parts.push(Buffer.from(encoder.encode([left.subarray(i, i + 4096), right.subarray(i, i + 4096)])));
	}
	parts.push(Buffer.from(encoder.finalize()));
	return Buffer.concat(parts);
}

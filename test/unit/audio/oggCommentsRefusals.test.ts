/** readVorbisComments and setVorbisComments refusing what they cannot rewrite, and loopComments. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loopComments, readVorbisComments, setVorbisComments } from '../../../src/audio/oggComments';
import { assertWellFormed, encodeSines, pageBytes, pages, packets } from './oggPages';

describe('Ogg Vorbis comments', () => {
	let original: Buffer = Buffer.alloc(0);

	before(async () => {
		original = await encodeSines();
		assertWellFormed(original);
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

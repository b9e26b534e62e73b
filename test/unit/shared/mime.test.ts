import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIME_TYPES, mimeTypeOf, OCTET_STREAM } from '../../../src/shared/mime';

describe('the MIME table', () => {
	it('maps every extension the extension reads or writes', () => {
		assert.deepEqual(
			{ ...MIME_TYPES },
			{
				wav: 'audio/wav',
				mp3: 'audio/mpeg',
				ogg: 'audio/ogg',
				opus: 'audio/ogg; codecs=opus',
				flac: 'audio/flac',
				m4a: 'audio/mp4',
				aac: 'audio/aac',
				pcm: 'audio/L16',
				mp4: 'video/mp4',
				webm: 'video/webm',
				mov: 'video/quicktime',
				png: 'image/png',
				jpg: 'image/jpeg',
				jpeg: 'image/jpeg',
				webp: 'image/webp',
				gif: 'image/gif',
			},
		);
		assert.equal(OCTET_STREAM, 'application/octet-stream');
	});

	it('reads file names, paths and bare extensions, in any case', () => {
		assert.equal(mimeTypeOf('voice.wav'), 'audio/wav');
		assert.equal(mimeTypeOf('/home/u/clips/Take 2.MP3'), 'audio/mpeg');
		assert.equal(mimeTypeOf('C:\\clips\\a.Flac'), 'audio/flac');
		assert.equal(mimeTypeOf('Mára – ü.m4a'), 'audio/mp4');
		assert.equal(mimeTypeOf('a.PNG'), 'image/png');
		assert.equal(mimeTypeOf('.pcm'), 'audio/L16');
		assert.equal(mimeTypeOf('opus'), 'audio/ogg; codecs=opus');
		assert.equal(mimeTypeOf('JPG'), 'image/jpeg');
	});

	it('knows nothing of other names', () => {
		for (const name of ['noext', 'notes.txt', 'archive.tar.gz', '/tmp/a.wav/file', '', '.', 'wav.', 'toString', 'a.constructor', '__proto__']) {
			assert.equal(mimeTypeOf(name), undefined, name);
		}
	});

	it('says audio/… for a container with audio only, video/… for an Ogg with video', () => {
		assert.equal(mimeTypeOf('mp4', 'audio'), 'audio/mp4');
		assert.equal(mimeTypeOf('mp4', 'video'), 'video/mp4');
		assert.equal(mimeTypeOf('clip.webm', 'audio'), 'audio/webm');
		assert.equal(mimeTypeOf('clip.webm', 'video'), 'video/webm');
		assert.equal(mimeTypeOf('ogg', 'audio'), 'audio/ogg');
		assert.equal(mimeTypeOf('ogg', 'video'), 'video/ogg');
		assert.equal(mimeTypeOf('mp3', 'video'), 'audio/mpeg');
		assert.equal(mimeTypeOf('mov', 'video'), 'video/quicktime');
	});
});

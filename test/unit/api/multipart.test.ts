import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { ClientKey } from '../../../src/api/keys';
import { ProviderError } from '../../../src/api/errors';
import { guessMimeType, multipartBody, safeFieldValue } from '../../../src/api/multipart';

describe('multipart', () => {
	it('guesses MIME types from extensions', () => {
		assert.equal(guessMimeType('a.PNG'), 'image/png');
		assert.equal(guessMimeType('voice.wav'), 'audio/wav');
		assert.equal(guessMimeType('clip.mp3'), 'audio/mpeg');
		assert.equal(guessMimeType('noext'), 'application/octet-stream');
	});

	it('keeps header parameters safe', () => {
		assert.equal(safeFieldValue('my "file"\r\n.png'), 'my__file___.png');
		assert.equal(safeFieldValue('声音.wav'), '__.wav');
	});

	it('builds a fresh, exactly sized body for every attempt', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'evolink-mp-'));
		try {
			const path = join(dir, 'a.png');
			await writeFile(path, 'PNGDATA');
			const make = multipartBody({ path, size: 7, fileName: 'a.png', mimeType: 'image/png' }, { file_name: 'a.png' });
			for (let i = 0; i < 2; i++) {
				const src = make();
				const body = await text(src.body as Readable);
				assert.equal(Buffer.byteLength(body), src.contentLength);
				const boundary = /boundary=(.+)$/.exec(src.contentType)?.[1];
				assert.ok(boundary && body.startsWith(`--${boundary}\r\n`) && body.endsWith(`--${boundary}--\r\n`));
				assert.match(body, /Content-Type: image\/png\r\n\r\nPNGDATA\r\n/);
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

describe('ClientKey', () => {
	it('builds the bearer header and remembers the key for redaction', async () => {
		const keys = new ClientKey('evolink', async () => '  evo-key-123456  ', 'EvoLink: Set API Key', 'EvoLink');
		assert.deepEqual(await keys.authHeaders(), { authorization: 'Bearer evo-key-123456' });
		assert.deepEqual(keys.secrets(), ['evo-key-123456']);
	});

	it('turns a keychain failure into an actionable error', async () => {
		const keys = new ClientKey('sounds', async () => {
			throw new Error('no keyring');
		}, 'EvoLink: Set Suno Sounds API Key', 'Suno Sounds');
		await assert.rejects(keys.authHeaders(), (err: unknown) => err instanceof ProviderError && err.code === 'api_key_unreadable' && /Set Suno Sounds API Key/.test(err.action));
	});
});

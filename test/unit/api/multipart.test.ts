/**
 * The files-API upload's multipart body (undici's FormData, the file streamed by `openAsBlob`),
 * checked as a server sees it: a loopback server parses every body with a real parser
 * (`Response.formData()`), and the fake files API parses it with its own.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ClientKey } from '../../../src/api/keys';
import { ProviderError } from '../../../src/api/errors';
import { EvolinkClient } from '../../../src/api/evolink/client';
import { HttpClient, type BodySource, type HttpResponse } from '../../../src/api/http';
import { startFakeEvolink, type FakeServer } from '../../fakes';
import { recordingSleep, sendJson, startLoopback, type Loopback, type Receipt } from './loopback';

const KEY = 'evo-unit-test-key-multipart-1';
const NAME = 'Mára – ü.wav';

/** What the real parser found in one upload body. */
interface Parsed {
	fields: Record<string, string>;
	file?: { name: string; type: string; bytes: Buffer };
}

/** Parses a multipart body as a server would, with the platform's own parser. */
async function parseForm(body: Buffer, contentType: string): Promise<Parsed> {
	const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
	const parsed: Parsed = { fields: {} };
	for (const [name, value] of form) {
		if (typeof value === 'string') {
			parsed.fields[name] = value;
		} else {
			assert.equal(name, 'file');
			parsed.file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
		}
	}
	return parsed;
}

/** Every byte value, several times over: CR, LF, dashes and NULs must pass untouched. */
function binary(size: number): Buffer {
	return Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + (i >> 8)) % 256));
}

let lb: Loopback;
let http: HttpClient;
let dir: string;
const parsed: Parsed[] = [];

before(async () => {
	dir = await mkdtemp(join(tmpdir(), 'evolink-upload-'));
	lb = await startLoopback(async (req, res, body) => {
		const form = await parseForm(body, String(req.headers['content-type']));
		parsed.push(form);
		sendJson(res, 200, { success: true, code: 200, msg: 'File uploaded successfully', data: { file_id: 'file_1', file_url: `${lb.url}/files/1`, mime_type: form.file?.type } });
	});
	http = new HttpClient({ sleep: recordingSleep().sleep, headersTimeoutMs: 5000 });
});

after(async () => {
	await http.close();
	await lb.close();
	await rm(dir, { recursive: true, force: true });
});

function client(baseUrl = lb.url, key = KEY, via: HttpClient = http): EvolinkClient {
	return new EvolinkClient({ baseUrl, filesBaseUrl: baseUrl, getApiKey: async () => key, http: via });
}

/** Uploads `bytes` as `name` and returns what went over the wire and what the parser made of it. */
async function upload(name: string, bytes: Buffer, opts: { fileName?: string; mimeType?: string } = {}): Promise<{ receipt: Receipt; form: Parsed }> {
	const path = join(dir, name);
	await writeFile(path, bytes);
	const before = lb.receipts.length;
	await client().uploadFile(path, opts);
	assert.equal(lb.receipts.length, before + 1, 'one request');
	return { receipt: lb.receipts[before], form: parsed[parsed.length - 1] };
}

describe('EvolinkClient.uploadFile: the multipart body', () => {
	it('keeps a non-ASCII file name (UTF-8) in the file part and the file_name field', async () => {
		const bytes = binary(3000);
		const { receipt, form } = await upload(NAME, bytes);
		assert.equal(receipt.url, '/api/v1/files/upload/stream');
		assert.equal(receipt.headers.authorization, `Bearer ${KEY}`);
		assert.deepEqual(form.fields, { file_name: NAME });
		assert.equal(form.file?.name, NAME);
		assert.equal(form.file?.type, 'audio/wav', 'the MIME type comes from the shared table');
		assert.deepEqual(form.file?.bytes, bytes);
		assert.ok(receipt.body.includes(Buffer.from(`filename="${NAME}"`, 'utf8')), 'the name is sent as UTF-8, not replaced');
	});

	it('frames the body with one random boundary and sends its exact length', async () => {
		const { receipt } = await upload('photo.png', binary(70_000));
		const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(String(receipt.headers['content-type']))?.[1];
		assert.ok(boundary && boundary.length >= 27, `boundary: ${boundary}`);
		assert.equal(Number(receipt.headers['content-length']), receipt.body.length);
		assert.equal(receipt.headers['transfer-encoding'], undefined, 'not chunked');
		const text = receipt.body.toString('latin1');
		assert.ok(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="file_name"\r\n\r\nphoto.png\r\n`));
		assert.ok(text.endsWith(`\r\n--${boundary}--\r\n`));
		assert.equal(text.split(`--${boundary}`).length - 1, 3, 'two parts and the close');
		assert.match(text, /name="file"; filename="photo.png"\r\nContent-Type: image\/png\r\n\r\n/);
	});

	it('escapes quotes and line breaks in the file name, so the header cannot be broken', async () => {
		const { receipt, form } = await upload('a.png', binary(10), { fileName: 'my "take"\r\n2.png' });
		const text = receipt.body.toString('latin1');
		assert.match(text, /; filename="my %22take%22%0D%0A2\.png"\r\nContent-Type: image\/png\r\n/);
		assert.equal(form.fields.file_name, 'my "take"\r\n2.png', 'a field value may hold them: it is the body of its part');
		assert.equal(form.file?.name, 'my "take"\r\n2.png', 'a parser that follows the HTML spec decodes the escapes');
		assert.deepEqual(form.file?.bytes, binary(10));
	});

	it('sends an empty file, a large one, and types from the table or the caller', async () => {
		const empty = await upload('empty.m4a', Buffer.alloc(0));
		assert.equal(Number(empty.receipt.headers['content-length']), empty.receipt.body.length);
		assert.equal(empty.form.file?.type, 'audio/mp4');
		assert.equal(empty.form.file?.bytes.length, 0);
		const large = binary(3 * 1024 * 1024 + 17);
		const big = await upload('clip.flac', large);
		assert.equal(Number(big.receipt.headers['content-length']), big.receipt.body.length);
		assert.equal(big.form.file?.type, 'audio/flac');
		assert.ok(big.form.file?.bytes.equals(large));
		assert.equal((await upload('notes.xyz', binary(5))).form.file?.type, 'application/octet-stream');
		assert.equal((await upload('take.ogg', binary(5), { mimeType: 'audio/ogg; codecs=opus' })).form.file?.type, 'audio/ogg; codecs=opus');
	});

	it('builds a fresh, exactly sized body for every attempt', async () => {
		const path = join(dir, 'retry.png');
		await writeFile(path, binary(1000));
		const bodies: Buffer[] = [];
		const types = new Set<string>();
		// Stands in for HttpClient.postBody, which calls the factory again for each attempt.
		const twice = {
			postBody: async (_url: string, make: () => BodySource): Promise<HttpResponse> => {
				for (let i = 0; i < 2; i++) {
					const src = make();
					const body = await buffer(src.body as Readable);
					assert.equal(body.length, src.contentLength);
					types.add(src.contentType);
					const form = await parseForm(body, src.contentType);
					assert.deepEqual(form.file?.bytes, binary(1000));
					bodies.push(body);
				}
				const json = { success: true, code: 200, data: { file_url: `${lb.url}/files/2` } };
				return { status: 200, headers: {}, text: JSON.stringify(json), json, attempts: 2 };
			},
		} as unknown as HttpClient;
		const up = await client(lb.url, KEY, twice).uploadFile(path);
		assert.equal(up.fileUrl, `${lb.url}/files/2`);
		assert.equal(bodies.length, 2);
		assert.equal(types.size, 2, 'each attempt has its own boundary');
	});
});

describe('EvolinkClient.uploadFile against the fake files API', () => {
	let evo: FakeServer;
	before(async () => {
		evo = await startFakeEvolink();
	});
	after(() => evo.close());

	it(`accepts '${NAME}' and keeps its name`, async () => {
		const path = join(dir, NAME);
		const wav = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(28)]);
		await writeFile(path, wav);
		const up = await client(evo.baseUrl, evo.apiKey).uploadFile(path);
		assert.equal(up.mimeType, 'audio/wav');
		assert.match(up.fileUrl, /\/media\//);
		const r = evo.received.find((x) => x.path === '/api/v1/files/upload/stream');
		assert.deepEqual(r?.body, { fields: { file_name: NAME }, files: [{ field: 'file', filename: NAME, contentType: 'audio/wav', size: wav.length }] });
	});
});

describe('ClientKey', () => {
	it('builds the bearer header and remembers the key for redaction', async () => {
		const keys = new ClientKey('evolink', async () => '  evo-key-123456  ', 'EvoLink: Set API Key', 'EvoLink');
		assert.deepEqual(await keys.authHeaders(), { authorization: 'Bearer evo-key-123456' });
		assert.deepEqual(keys.secrets(), ['evo-key-123456']);
	});

	it('turns a keychain failure into an actionable error', async () => {
		const keys = new ClientKey(
			'sounds',
			async () => {
				throw new Error('no keyring');
			},
			'EvoLink: Set Suno Sounds API Key',
			'Suno Sounds',
		);
		await assert.rejects(keys.authHeaders(), (err: unknown) => err instanceof ProviderError && err.code === 'api_key_unreadable' && /Set Suno Sounds API Key/.test(err.action));
	});
});

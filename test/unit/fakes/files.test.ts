import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeEvolink } from '../../fakes';
import { boundaryOf, parseMultipart } from '../../fakes/multipart';
import { callJson, download, type Json } from './helpers';

let evo: FakeServer;

before(async () => {
	evo = await startFakeEvolink();
});
after(() => evo.close());

// A real 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const WAV = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(28)]);

async function upload(form: FormData, fake = evo): Promise<{ status: number; json: Json }> {
	const res = await fetch(`${fake.baseUrl}/api/v1/files/upload/stream`, { method: 'POST', headers: { Authorization: `Bearer ${fake.apiKey}` }, body: form });
	return { status: res.status, json: await res.json() };
}

test('fake provider (test double): multipart parser: fields, files, quoted boundary, binary content', () => {
	const boundary = 'XyZ--123';
	assert.equal(boundaryOf(`multipart/form-data; boundary="${boundary}"`), boundary);
	assert.equal(boundaryOf('multipart/form-data; boundary=abc; charset=utf-8'), 'abc');
	assert.equal(boundaryOf('application/json'), undefined);
	const binary = Buffer.from([0, 13, 10, 45, 45, 255]);
	const body = Buffer.concat([
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload_path"\r\n\r\nphotos\r\n`),
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\".png"\r\nContent-Type: image/png\r\n\r\n`),
		binary,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	]);
	const parts = parseMultipart(body, boundary);
	assert.equal(parts.length, 2);
	assert.equal(parts[0].name, 'upload_path');
	assert.equal(parts[0].data.toString(), 'photos');
	assert.equal(parts[1].filename, 'a "b".png');
	assert.equal(parts[1].contentType, 'image/png');
	assert.deepEqual(parts[1].data, binary);
	assert.throws(() => parseMultipart(Buffer.from('garbage'), boundary), /boundary/);
});

test('fake provider (test double): stream upload (multipart) of a PNG: §4.3 envelope, file served back byte for byte', async () => {
	const form = new FormData();
	form.append('file', new Blob([PNG], { type: 'image/png' }), 'pixel.png');
	form.append('uploadPath', 'photos');
	form.append('fileName', 'renamed.png');
	const { status, json } = await upload(form);
	assert.equal(status, 200);
	assert.equal(json.success, true);
	assert.equal(json.code, 200);
	assert.equal(json.msg, 'File uploaded successfully');
	const d = json.data;
	assert.match(d.file_id, /^file_[a-z0-9]{12}$/);
	assert.equal(d.file_name, 'renamed.png');
	assert.equal(d.original_name, 'pixel.png');
	assert.equal(d.file_size, PNG.length);
	assert.equal(d.mime_type, 'image/png');
	assert.equal(d.upload_path, 'photos');
	assert.ok(d.file_url.startsWith(`${evo.baseUrl}/media/`));
	assert.equal(Date.parse(d.expires_at) - Date.parse(d.upload_time), 72 * 3600 * 1000);
	const served = await download(d.file_url);
	assert.equal(served.status, 200);
	assert.equal(served.headers.get('content-type'), 'image/png');
	assert.deepEqual(served.bytes, PNG);
	const viaDownload = await download(d.download_url);
	assert.deepEqual(viaDownload.bytes, PNG);
	// The receipt summarises the multipart body.
	const r = evo.received.find((x) => x.path === '/api/v1/files/upload/stream');
	assert.deepEqual(r?.body, {
		fields: { uploadPath: 'photos', fileName: 'renamed.png' },
		files: [{ field: 'file', filename: 'pixel.png', contentType: 'image/png', size: PNG.length }],
	});
});

test('fake provider (test double): base64 upload accepts a data URL and bare base64 (type sniffed)', async () => {
	const a = await callJson(evo, '/api/v1/files/upload/base64', {
		body: { base64_data: `data:image/png;base64,${PNG.toString('base64')}`, file_name: 'a.png', upload_path: 'x' },
	});
	assert.equal(a.status, 200);
	assert.equal(a.json.data.mime_type, 'image/png');
	assert.equal(a.json.data.file_name, 'a.png');
	const b = await callJson(evo, '/api/v1/files/upload/base64', { body: { base64_data: PNG.toString('base64') } });
	assert.equal(b.json.data.mime_type, 'image/png');
	assert.deepEqual((await download(b.json.data.file_url)).bytes, PNG);
	const missing = await callJson(evo, '/api/v1/files/upload/base64', { body: {} });
	assert.equal(missing.status, 400);
	assert.deepEqual(missing.json, { success: false, code: 400, msg: 'Missing required parameter: base64_data' });
	const garbage = await callJson(evo, '/api/v1/files/upload/base64', { body: { base64_data: '!!!not base64' } });
	assert.equal(garbage.status, 400);
	assert.equal(garbage.json.success, false);
});

test('fake provider (test double): unsupported types are refused with HTTP 400; audio depends on acceptAudioUploads', async () => {
	const text = new FormData();
	text.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
	const refused = await upload(text);
	assert.equal(refused.status, 400);
	assert.equal(refused.json.success, false);
	assert.equal(refused.json.code, 400);
	assert.match(refused.json.msg, /^Unsupported file type/);

	const wav = (): FormData => {
		const f = new FormData();
		f.append('file', new Blob([WAV], { type: 'audio/wav' }), 'voice.wav');
		return f;
	};
	const accepted = await upload(wav());
	assert.equal(accepted.status, 200);
	assert.equal(accepted.json.data.mime_type, 'audio/wav');

	const strict = await startFakeEvolink({ acceptAudioUploads: false });
	try {
		const res = await upload(wav(), strict);
		assert.equal(res.status, 400);
		assert.match(res.json.msg, /Unsupported file type: audio\/wav/);
	} finally {
		await strict.close();
	}
});

test('fake provider (test double): stream upload without a file part or without multipart is a 400', async () => {
	const form = new FormData();
	form.append('upload_path', 'x');
	assert.equal((await upload(form)).status, 400);
	const notMultipart = await callJson(evo, '/api/v1/files/upload/stream', { body: { file: 'x' } });
	assert.equal(notMultipart.status, 400);
	assert.match(notMultipart.json.msg, /multipart/);
});

test('fake provider (test double): quota counts uploads', async () => {
	const q1 = (await callJson(evo, '/api/v1/files/quota')).json;
	assert.equal(q1.success, true);
	assert.equal(q1.data.max_files, 2000);
	assert.equal(q1.data.user_group, 'default');
	assert.equal(q1.data.remain_files, q1.data.max_files - q1.data.used_files);
	await callJson(evo, '/api/v1/files/upload/base64', { body: { base64_data: PNG.toString('base64') } });
	const q2 = (await callJson(evo, '/api/v1/files/quota')).json;
	assert.equal(q2.data.used_files, q1.data.used_files + 1);
});

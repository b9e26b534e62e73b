import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { providerError, TASK, useGateway } from './evolinkGateway';

const g = useGateway();

describe('EvolinkClient.createTask', () => {
	it('validates, POSTs the body with defaults to the audio route and reads the creation answer', async () => {
		const c = g.makeClient();
		const before = g.lb.receipts.length;
		const state = await c.createTask('doubao-seed-audio-1-0', { prompt: 'Hello' });
		assert.deepEqual(state, {
			id: TASK,
			status: 'pending',
			rawStatus: 'pending',
			progress: 0,
			results: [],
			resultData: {},
			estimatedTimeSec: 15,
			canCancel: false,
			creditsReserved: 9.6,
		});
		const sent = g.lb.receipts.slice(before);
		assert.equal(sent.length, 1);
		assert.equal(sent[0].url, '/v1/audios/generations');
		assert.equal(sent[0].headers['content-type'], 'application/json');
		assert.deepEqual(JSON.parse(sent[0].body.toString()), {
			model: 'doubao-seed-audio-1-0',
			prompt: 'Hello',
			format: 'wav',
			sample_rate: 24000,
			speech_rate: 1,
			loudness_rate: 1,
			pitch_rate: 0,
		});
	});

	it('sends video models to the video route', async () => {
		const before = g.lb.receipts.length;
		await g.makeClient().createTask('doubao-seedance-1.0-pro-fast', { prompt: 'A cat' });
		assert.equal(g.lb.receipts[before].url, '/v1/videos/generations');
	});
});

describe('EvolinkClient.getTask / getBalance', () => {
	it('reads a task', async () => {
		const t = await g.makeClient().getTask(TASK);
		assert.equal(t.status, 'completed');
		assert.deepEqual(t.results, [{ index: 0, url: `${g.lb.url}/media/a.wav`, resultId: 'r1', title: 'Take' }]);
	});

	it('retries a task GET on 503 and maps 404 task_not_found', async () => {
		const c = g.makeClient();
		let n = 0;
		g.script = (url) => (url.startsWith('/v1/tasks/') && ++n < 3 ? { status: 503, body: { error: { code: 'service_unavailable' } } } : undefined);
		assert.equal((await c.getTask(TASK)).status, 'completed');
		assert.equal(n, 3);
		g.script = () => ({ status: 404, body: { error: { code: 'task_not_found', message: 'The requested task could not be found', type: 'invalid_request_error' } } });
		await assert.rejects(c.getTask(TASK), providerError((e) => assert.deepEqual([e.code, e.retryable], ['task_not_found', false])));
	});

	it('refuses malformed ids locally and flags unreadable answers', async () => {
		const c = g.makeClient();
		await assert.rejects(c.getTask('../credits'), providerError((e) => assert.equal(e.kind, 'validation')));
		g.script = () => ({ status: 200, body: { nope: 1 } });
		await assert.rejects(c.getTask(TASK), providerError((e) => assert.equal(e.kind, 'invalid-response')));
	});

	it('reads the balance and the key limit', async () => {
		assert.deepEqual(await g.makeClient().getBalance(), { credits: 1095.4, detail: 'This key may spend 50 more credits.' });
	});
});

describe('EvolinkClient.uploadFile', () => {
	it('uploads an image as multipart and returns its link', async () => {
		const path = join(g.dir, 'photo.png');
		await writeFile(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
		const before = g.lb.receipts.length;
		const up = await g.makeClient().uploadFile(path);
		assert.deepEqual(up, { fileId: 'file_1', fileUrl: `${g.lb.url}/files/photo.png`, mimeType: 'image/png' });
		const r = g.lb.receipts[before];
		assert.match(String(r.headers['content-type']), /^multipart\/form-data; boundary=/);
		assert.equal(Number(r.headers['content-length']), r.body.length);
		const text = r.body.toString('latin1');
		assert.match(text, /name="file"; filename="photo.png"\r\nContent-Type: image\/png\r\n\r\n\x89PNG/);
		assert.match(text, /name="file_name"\r\n\r\nphoto.png\r\n/);
	});

	it('turns a refused audio upload into advice to use a public https URL', async () => {
		const path = join(g.dir, 'voice.wav');
		await writeFile(path, Buffer.alloc(100));
		await assert.rejects(
			g.makeClient().uploadFile(path),
			providerError((e) => {
				assert.match(e.message, /refused the audio upload/);
				assert.match(e.message, /Only image files are allowed/);
				assert.match(e.action, /public https URL of the clip/);
				assert.equal(e.retryable, false);
			}),
		);
	});

	it('refuses missing files without sending', async () => {
		const before = g.lb.receipts.length;
		await assert.rejects(g.makeClient().uploadFile(join(g.dir, 'nope.png')), providerError((e) => assert.equal(e.kind, 'validation')));
		assert.equal(g.lb.receipts.length, before);
	});
});

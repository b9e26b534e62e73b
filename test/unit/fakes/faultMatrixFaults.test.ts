/**
 * The fault options the fault matrix (test/host/suite/faultMatrix.ts) added to the fakes: a status
 * word clients do not know, faults narrowed by query string, a replaced error message, Retry-After
 * as an HTTP-date, and 413.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeEvolink, startFakeSounds } from '../../fakes';
import { callJson, createTask } from './helpers';

let evo: FakeServer;
let sounds: FakeServer;

before(async () => {
	evo = await startFakeEvolink({ taskDurationMs: 60_000 });
	sounds = await startFakeSounds({ taskDurationMs: 60_000 });
});
after(async () => {
	await Promise.all([evo.close(), sounds.close()]);
});

const CREATE = 'POST /v1/audios/generations';
const speech = { model: 'doubao-seed-audio-1-0', prompt: 'fault test' };

test('fake provider (test double): statusWord replaces the task status word, EvoLink and Suno Sounds, then stops', async () => {
	const task = await createTask(evo, speech);
	evo.inject({ route: 'GET /v1/tasks/*', kind: 'statusWord', word: 'under_review', times: 1 });
	const first = await callJson(evo, `/v1/tasks/${task.id}`);
	assert.equal(first.status, 200);
	assert.equal(first.json.status, 'under_review');
	assert.equal(first.json.id, task.id, 'the rest of the answer is the real one');
	assert.equal((await callJson(evo, `/v1/tasks/${task.id}`)).json.status, 'pending');

	const created = await callJson(sounds, '/api/v1/generate/sounds', { body: { prompt: 'a blip', model: 'V5' } });
	const taskId = created.json.data.taskId as string;
	sounds.inject({ route: 'GET /api/v1/generate/record-info', kind: 'statusWord', times: 1 });
	const info = await callJson(sounds, `/api/v1/generate/record-info?taskId=${taskId}`);
	assert.equal(info.json.code, 200);
	assert.equal(info.json.data.status, 'under_review', 'the default word');
	assert.equal(info.json.data.taskId, taskId);
});

test('fake provider (test double): a fault with query strikes only requests whose query string holds it', async () => {
	const created = await callJson(sounds, '/api/v1/generate/sounds', { body: { prompt: 'a blip', model: 'V5' } });
	const taskId = created.json.data.taskId as string;
	sounds.inject({ route: 'GET /api/v1/generate/record-info', kind: 'status', status: 455, query: `taskId=${taskId}`, times: 1 });
	assert.equal((await callJson(sounds, '/api/v1/generate/record-info?taskId=someone-else')).json.code, 400, 'another task is not struck');
	assert.equal((await callJson(sounds, `/api/v1/generate/record-info?taskId=${taskId}`)).json.code, 455);
	assert.equal((await callJson(sounds, `/api/v1/generate/record-info?taskId=${taskId}`)).json.code, 200, 'times: 1');
});

test('fake provider (test double): status with message replaces the documented text in both envelopes', async () => {
	evo.inject({ route: CREATE, kind: 'status', status: 401, message: 'Incorrect API key provided: sk-x', times: 1 });
	const current = await callJson(evo, '/v1/audios/generations', { body: speech });
	assert.deepEqual(current.json.error, { code: 'unauthorized', message: 'Incorrect API key provided: sk-x', type: 'authentication_error' });
	evo.inject({ route: CREATE, kind: 'status', status: 401, message: 'Bad key', envelope: 'legacy', times: 1 });
	assert.equal((await callJson(evo, '/v1/audios/generations', { body: speech })).json.error.message, 'Bad key');
	sounds.inject({ route: 'POST /api/v1/generate/sounds', kind: 'status', status: 455, message: 'Back at noon', times: 1 });
	assert.deepEqual((await callJson(sounds, '/api/v1/generate/sounds', { body: { prompt: 'a blip', model: 'V5' } })).json, { code: 455, msg: 'Back at noon', data: null });
});

test('fake provider (test double): Retry-After given as a string is sent verbatim (an HTTP-date)', async () => {
	const date = new Date(Date.now() + 120_000).toUTCString();
	evo.inject({ route: CREATE, kind: 'status', status: 429, retryAfter: date, envelope: 'legacy', times: 1 });
	const r = await callJson(evo, '/v1/audios/generations', { body: speech });
	assert.equal(r.headers.get('retry-after'), date);
	assert.equal(r.json.error.fallback_suggestion, `retry after ${date}`);
	sounds.inject({ route: 'POST /api/v1/generate/sounds', kind: 'status', status: 430, retryAfter: date, times: 1 });
	const s = await callJson(sounds, '/api/v1/generate/sounds', { body: { prompt: 'a blip', model: 'V5' } });
	assert.equal(s.headers.get('retry-after'), date);
	assert.equal(s.json.code, 430);
});

test('fake provider (test double): 413 on create answers request_too_large (legacy: request_too_large_error)', async () => {
	evo.inject({ route: CREATE, kind: 'status', status: 413, times: 1 });
	const current = await callJson(evo, '/v1/audios/generations', { body: speech });
	assert.equal(current.status, 413);
	assert.deepEqual(current.json.error, { code: 'request_too_large', message: 'Request entity too large', type: 'request_too_large_error' });
	evo.inject({ route: CREATE, kind: 'status', status: 413, envelope: 'legacy', times: 1 });
	const legacy = await callJson(evo, '/v1/audios/generations', { body: speech });
	assert.equal(legacy.json.error.code, 413);
	assert.equal(legacy.json.error.type, 'request_too_large_error');
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeEvolink, startFakeSounds } from '../../fakes';
import { call, callJson, createTask, type Json, pollTask } from './helpers';

let evo: FakeServer;
let sounds: FakeServer;

before(async () => {
	evo = await startFakeEvolink({ taskDurationMs: 0 });
	sounds = await startFakeSounds({ taskDurationMs: 0 });
});
after(async () => {
	await Promise.all([evo.close(), sounds.close()]);
});

const UNAUTHORIZED = { error: { code: 'unauthorized', message: 'Invalid or expired token', type: 'authentication_error' } };

test('fake provider (test double): EvoLink defaults: documented key format, 127.0.0.1 base URL', () => {
	assert.equal(evo.apiKey, 'sk-evo-test-0123456789abcdef');
	assert.equal(sounds.apiKey, 'suno-test-0123456789abcdef');
	assert.match(evo.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('fake provider (test double): EvoLink rejects a missing or wrong bearer key with 401 and the documented body', async () => {
	for (const auth of [false, 'sk-evo-wrong'] as const) {
		const { status, json } = await callJson(evo, '/v1/audios/generations', { auth, body: { model: 'doubao-seed-audio-1-0', prompt: 'hi' } });
		assert.equal(status, 401);
		assert.deepEqual(json, UNAUTHORIZED);
	}
	const q = await callJson(evo, '/v1/tasks/task-unified-1-abcdefgh', { auth: 'nope' });
	assert.equal(q.status, 401);
	assert.deepEqual(q.json, UNAUTHORIZED);
	// Nothing was created by the refused calls.
	assert.equal((await callJson(evo, '/v1/credits')).json.data.token.used_credits, 583.5571);
});

test('fake provider (test double): EvoLink accepts the key case-insensitively in the scheme and reports credits (§4.2 shape)', async () => {
	const res = await call(evo, '/v1/credits', { auth: false, headers: { Authorization: `bearer ${evo.apiKey}` } });
	assert.equal(res.status, 200);
	const json: Json = await res.json();
	assert.equal(json.success, true);
	assert.equal(json.message, '');
	assert.equal(typeof json.data.token.remaining_credits, 'number');
	assert.equal(json.data.token.unlimited_credits, false);
	assert.equal(typeof json.data.user.used_credits, 'number');
});

test('fake provider (test double): files API answers 401 in its own envelope', async () => {
	const { status, json } = await callJson(evo, '/api/v1/files/quota', { auth: 'bad' });
	assert.equal(status, 401);
	assert.deepEqual(json, { success: false, code: 401, msg: 'Invalid or expired token' });
});

test('fake provider (test double): Suno Sounds puts 401 in the body with HTTP 200', async () => {
	const { status, json } = await callJson(sounds, '/api/v1/generate/credit', { auth: 'bad' });
	assert.equal(status, 200);
	assert.equal(json.code, 401);
	assert.equal(typeof json.msg, 'string');
	const ok = await callJson(sounds, '/api/v1/generate/credit');
	assert.deepEqual(ok.json, { code: 200, msg: 'success', data: 500 });
});

test('fake provider (test double): media links need no auth and the receipt shows no Authorization header was sent', async () => {
	const task = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'no auth on media' });
	const done = (await pollTask(evo, task.id)).at(-1);
	const res = await fetch(done.results[0]);
	assert.equal(res.status, 200);
	await res.arrayBuffer();
	const receipt = evo.received.filter((r) => r.path.startsWith('/media/')).at(-1);
	assert.ok(receipt);
	assert.equal(receipt.headers.authorization, undefined);
	// The API calls before it did carry the key.
	const apiReceipt = evo.received.find((r) => r.path === `/v1/tasks/${task.id}`);
	assert.equal(apiReceipt?.headers.authorization, `Bearer ${evo.apiKey}`);
});

test('fake provider (test double): a custom apiKey option replaces the default', async () => {
	const custom = await startFakeEvolink({ apiKey: 'sk-evo-custom' });
	try {
		assert.equal(custom.apiKey, 'sk-evo-custom');
		assert.equal((await call(custom, '/v1/credits')).status, 200);
		assert.equal((await call(custom, '/v1/credits', { auth: 'sk-evo-test-0123456789abcdef' })).status, 401);
	} finally {
		await custom.close();
	}
});

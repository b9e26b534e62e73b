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

const CREATE = 'POST /v1/audios/generations';
const speech = { model: 'doubao-seed-audio-1-0', prompt: 'fault test' };
const used = async (): Promise<number> => (await callJson(evo, '/v1/credits')).json.data.token.used_credits;

test('fake provider (test double): delay holds the answer for ms, once per times', async () => {
	evo.inject({ route: 'GET /v1/credits', kind: 'delay', ms: 300, times: 1 });
	let t = Date.now();
	assert.equal((await call(evo, '/v1/credits')).status, 200);
	assert.ok(Date.now() - t >= 280);
	t = Date.now();
	await call(evo, '/v1/credits');
	assert.ok(Date.now() - t < 250, 'second request should not be delayed');
});

test('fake provider (test double): stallHeaders: no response at all, the request still counts', async () => {
	evo.inject({ route: CREATE, kind: 'stallHeaders', times: 1 });
	const before = evo.count(CREATE);
	const res = fetch(`${evo.baseUrl}/v1/audios/generations`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${evo.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(speech),
		signal: AbortSignal.timeout(250),
	});
	await assert.rejects(res, (e: Error) => e.name === 'TimeoutError');
	assert.equal(evo.count(CREATE), before + 1);
});

test('fake provider (test double): stallBody: headers arrive, the body never finishes', async () => {
	const task = await createTask(evo, speech);
	const url = (await pollTask(evo, task.id)).at(-1).results[0];
	evo.inject({ route: 'GET /media/*', kind: 'stallBody', times: 1 });
	const res = await fetch(url, { signal: AbortSignal.timeout(400) });
	assert.equal(res.status, 200);
	assert.ok(Number(res.headers.get('content-length')) > 0);
	await assert.rejects(res.arrayBuffer(), (e: Error) => e.name === 'TimeoutError' || e.name === 'AbortError');
});

test('fake provider (test double): reset: socket destroyed before the body is read; recorded, no task created', async () => {
	const before = evo.count(CREATE);
	const credits = await used();
	evo.inject({ route: CREATE, kind: 'reset', times: 1 });
	await assert.rejects(call(evo, '/v1/audios/generations', { body: speech }), TypeError);
	assert.equal(evo.count(CREATE), before + 1);
	assert.equal(await used(), credits);
});

test('fake provider (test double): resetAfterBody: full body received and counted, task created, answer lost', async () => {
	const before = evo.count(CREATE);
	const credits = await used();
	evo.inject({ route: CREATE, kind: 'resetAfterBody', times: 1 });
	await assert.rejects(call(evo, '/v1/audios/generations', { body: { ...speech, prompt: 'reset after body' } }), TypeError);
	assert.equal(evo.count(CREATE), before + 1);
	assert.deepEqual(evo.received.filter((r) => `${r.method} ${r.path}` === CREATE).at(-1)?.body, { ...speech, prompt: 'reset after body' });
	assert.ok((await used()) > credits, 'the lost request still reserved credits');
});

test('fake provider (test double): status on creation: current envelope with Retry-After; handler not run', async () => {
	const credits = await used();
	evo.inject({ route: CREATE, kind: 'status', status: 503, retryAfter: 2, times: 1 });
	const r = await callJson(evo, '/v1/audios/generations', { body: speech });
	assert.equal(r.status, 503);
	assert.equal(r.headers.get('retry-after'), '2');
	assert.deepEqual(r.json, { error: { code: 'service_unavailable', message: 'No available channel for the requested model', type: 'api_error' } });
	const expected: Array<[number, string, string]> = [
		[402, 'insufficient_quota', 'insufficient_quota'],
		[403, 'model_access_denied', 'invalid_request_error'],
		[429, 'rate_limit_exceeded', 'rate_limit_error'],
		[500, 'internal_error', 'api_error'],
		[502, 'upstream_error', 'api_error'],
	];
	for (const [status, code, type] of expected) {
		evo.inject({ route: CREATE, kind: 'status', status, times: 1 });
		const res = await callJson(evo, '/v1/audios/generations', { body: speech });
		assert.equal(res.status, status);
		assert.equal(res.json.error.code, code);
		assert.equal(res.json.error.type, type);
		assert.equal(res.headers.get('retry-after'), null);
	}
	evo.inject({ route: CREATE, kind: 'status', status: 403, times: 1 });
	assert.equal((await callJson(evo, '/v1/audios/generations', { body: speech })).json.error.message, 'Token does not have access to model: doubao-seed-audio-1-0');
	assert.equal(await used(), credits, 'refused requests must not create tasks');
});

test('fake provider (test double): status with the legacy envelope: integer code, param, fallback_suggestion', async () => {
	evo.inject({ route: CREATE, kind: 'status', status: 429, retryAfter: 60, envelope: 'legacy', times: 1 });
	const r = await callJson(evo, '/v1/audios/generations', { body: speech });
	assert.equal(r.status, 429);
	assert.equal(r.headers.get('retry-after'), '60');
	assert.deepEqual(r.json, {
		error: { code: 429, message: 'Too many requests, please try again later', type: 'rate_limit_error', param: 'model', fallback_suggestion: 'retry after 60 seconds' },
	});
});

test('fake provider (test double): status on the task query and files routes uses their own documented bodies', async () => {
	evo.inject({ route: 'GET /v1/tasks/*', kind: 'status', status: 429, times: 1 });
	const q = await callJson(evo, '/v1/tasks/task-unified-1700000000-abcdefgh');
	assert.equal(q.status, 429);
	assert.deepEqual(q.json.error, { code: 'rate_limit_exceeded', message: 'Rate limit exceeded', type: 'evo_api_error' });
	evo.inject({ route: 'GET /v1/tasks/*', kind: 'status', status: 402, times: 1 });
	assert.equal((await callJson(evo, '/v1/tasks/task-unified-1700000000-abcdefgh')).json.error.code, 'quota_exceeded');
	evo.inject({ route: 'GET /api/v1/files/quota', kind: 'status', status: 500, times: 1 });
	const f = await callJson(evo, '/api/v1/files/quota');
	assert.equal(f.status, 500);
	assert.equal(f.json.success, false);
	assert.equal(f.json.code, 500);
});

test('fake provider (test double): Suno Sounds status faults: HTTP 200 with the body code', async () => {
	for (const code of [405, 429, 430, 455, 500]) {
		sounds.inject({ route: 'POST /api/v1/generate/sounds', kind: 'status', status: code, times: 1 });
		const r = await callJson(sounds, '/api/v1/generate/sounds', { body: { prompt: 'rain', model: 'V5' } });
		assert.equal(r.status, 200);
		assert.equal(r.json.code, code);
		assert.equal(r.json.data, null);
	}
	sounds.inject({ route: '*', kind: 'status', status: 429, times: 1 });
	assert.equal((await callJson(sounds, '/api/v1/generate/credit')).json.msg, 'Insufficient credits');
});

test('fake provider (test double): malformedJson: 200 with a body that does not parse', async () => {
	evo.inject({ route: 'GET /v1/credits', kind: 'malformedJson', times: 1 });
	const res = await call(evo, '/v1/credits');
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type') ?? '', /json/);
	await assert.rejects(res.json(), SyntaxError);
});

test('fake provider (test double): truncate: Content-Length promises more than is sent, then the connection closes', async () => {
	evo.inject({ route: 'GET /v1/credits', kind: 'truncate', times: 1 });
	const res = await call(evo, '/v1/credits');
	assert.equal(res.status, 200);
	await assert.rejects(res.arrayBuffer());
	sounds.inject({ route: 'GET /api/v1/generate/credit', kind: 'truncate', times: 1 });
	await assert.rejects(async () => (await call(sounds, '/api/v1/generate/credit')).text());
});

test('fake provider (test double): times, wildcard routes and clearFaults', async () => {
	evo.inject({ route: '*', kind: 'status', status: 500, times: 2 });
	assert.equal((await call(evo, '/v1/credits')).status, 500);
	assert.equal((await call(evo, '/api/v1/files/quota')).status, 500);
	assert.equal((await call(evo, '/v1/credits')).status, 200);
	evo.inject({ route: 'GET /v1/credits', kind: 'status', status: 502 });
	for (let i = 0; i < 3; i++) {
		assert.equal((await call(evo, '/v1/credits')).status, 502);
	}
	evo.clearFaults();
	assert.equal((await call(evo, '/v1/credits')).status, 200);
	assert.throws(() => evo.inject({ route: '*', kind: 'reset', times: 0 }), /times/);
});

test('fake provider (test double): close() destroys stalled sockets promptly', async () => {
	const fake = await startFakeEvolink();
	fake.inject({ route: '*', kind: 'stallHeaders' });
	const pending = fetch(`${fake.baseUrl}/v1/credits`, { headers: { Authorization: `Bearer ${fake.apiKey}` } }).then(
		() => 'answered',
		(e: Json) => e.name as string,
	);
	while (fake.count('GET /v1/credits') === 0) {
		await new Promise((r) => setTimeout(r, 10));
	}
	const t = Date.now();
	await fake.close();
	assert.ok(Date.now() - t < 1000);
	assert.equal(await pending, 'TypeError');
	// Closing twice is harmless.
	await fake.close();
});

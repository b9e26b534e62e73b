import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeSounds } from '../../fakes';
import { callJson, download, type Json, pollUntil } from './helpers';

let sounds: FakeServer;

before(async () => {
	sounds = await startFakeSounds({ taskDurationMs: 0 });
});
after(() => sounds.close());

const GEN = '/api/v1/generate/sounds';
const FINAL = ['SUCCESS', 'CREATE_TASK_FAILED', 'GENERATE_AUDIO_FAILED', 'CALLBACK_EXCEPTION', 'SENSITIVE_WORD_ERROR'];

async function create(body: Record<string, unknown>): Promise<string> {
	const { status, json } = await callJson(sounds, GEN, { body });
	assert.equal(status, 200);
	assert.equal(json.code, 200, JSON.stringify(json));
	assert.equal(json.msg, 'success');
	assert.match(json.data.taskId, /^[0-9a-f]{32}$/);
	return json.data.taskId;
}

function info(taskId: string): Promise<Json> {
	return callJson(sounds, `/api/v1/generate/record-info?taskId=${taskId}`).then((r) => {
		assert.equal(r.status, 200);
		return r.json;
	});
}

test('fake provider (test double): validation errors come back as HTTP 200 with the documented body code', async () => {
	const cases: Array<[Record<string, unknown>, number]> = [
		[{ model: 'V5' }, 400],
		[{ prompt: 'x'.repeat(501), model: 'V5' }, 413],
		[{ prompt: 'rain', model: 'V4' }, 400],
		[{ prompt: 'rain' }, 400],
		[{ prompt: 'rain', model: 'V5', soundTempo: 0 }, 400],
		[{ prompt: 'rain', model: 'V5', soundTempo: 301 }, 400],
		[{ prompt: 'rain', model: 'V5', soundTempo: 90.5 }, 400],
		[{ prompt: 'rain', model: 'V5', soundKey: 'H' }, 400],
		[{ prompt: 'rain', model: 'V5', soundLoop: 'yes' }, 400],
		[{ prompt: 'rain', model: 'V5', callBackUrl: 'ftp://example.com' }, 400],
	];
	for (const [body, code] of cases) {
		const { status, json } = await callJson(sounds, GEN, { body });
		assert.equal(status, 200, JSON.stringify(body));
		assert.equal(json.code, code, JSON.stringify(body));
		assert.equal(typeof json.msg, 'string');
	}
	// The limits themselves are accepted.
	await create({ prompt: 'x'.repeat(500), model: 'V5_5', soundLoop: true, soundTempo: 300, soundKey: 'C#m', grabLyrics: false, callBackUrl: 'https://example.com/cb' });
	await create({ prompt: 'wind', model: 'V5', soundTempo: 1, soundKey: 'Any' });
});

test('fake provider (test double): record-info walks PENDING → TEXT_SUCCESS → FIRST_SUCCESS → SUCCESS with two variants', async () => {
	sounds.setTaskDuration(700);
	try {
		const request = { prompt: 'gentle rain on a tin roof', model: 'V5', soundLoop: true, soundTempo: 90, soundKey: 'Am' };
		const taskId = await create(request);
		const seen = await pollUntil(() => info(taskId), (j) => FINAL.includes(j.data.status), 15);
		const order = ['PENDING', 'TEXT_SUCCESS', 'FIRST_SUCCESS', 'SUCCESS'];
		const statuses = [...new Set(seen.map((j) => j.data.status as string))];
		assert.deepEqual(statuses, order);
		assert.equal(seen[0].data.response, null);
		const text = seen.find((j) => j.data.status === 'TEXT_SUCCESS');
		assert.ok(text.data.response.sunoData.every((s: Json) => s.audioUrl === '' && s.streamAudioUrl !== ''));
		const stream = await download(text.data.response.sunoData[0].streamAudioUrl);
		assert.equal(stream.status, 200);
		assert.equal(stream.headers.get('content-type'), 'audio/mpeg');
		const first = seen.find((j) => j.data.status === 'FIRST_SUCCESS');
		assert.notEqual(first.data.response.sunoData[0].audioUrl, '');
		assert.equal(first.data.response.sunoData[1].audioUrl, '');

		const done = seen.at(-1);
		assert.equal(done.code, 200);
		assert.equal(done.msg, 'success');
		assert.equal(done.data.taskId, taskId);
		assert.deepEqual(JSON.parse(done.data.param), request);
		assert.equal(done.data.errorCode, null);
		assert.equal(done.data.errorMessage, null);
		assert.equal(done.data.response.taskId, taskId);
		const items = done.data.response.sunoData;
		assert.equal(items.length, 2);
		assert.notEqual(items[0].id, items[1].id);
		for (const s of items) {
			assert.match(s.id, /^[0-9a-f-]{36}$/);
			assert.match(s.audioUrl, /\.mp3\?/);
			assert.match(s.streamAudioUrl, /\.mp3\?/);
			assert.match(s.imageUrl, /\.jpg\?/);
			assert.equal(typeof s.title, 'string');
			assert.match(s.tags, /loop, 90 bpm, Am/);
			assert.equal(typeof s.duration, 'number');
			const media = await download(s.audioUrl);
			assert.equal(media.status, 200);
		}
		assert.notEqual(items[0].audioUrl, items[1].audioUrl);
	} finally {
		sounds.setTaskDuration(0);
	}
});

test('fake provider (test double): failPrompts end as SENSITIVE_WORD_ERROR; finishTask failed / cancelled map to failure statuses', async () => {
	const bad = await create({ prompt: 'thunder [[fail]]', model: 'V5' });
	const j = await info(bad);
	assert.equal(j.data.status, 'SENSITIVE_WORD_ERROR');
	assert.equal(typeof j.data.errorMessage, 'string');
	assert.equal(j.data.response, null);

	sounds.setTaskDuration(60_000);
	try {
		const a = await create({ prompt: 'birds', model: 'V5' });
		sounds.finishTask(a, 'failed');
		assert.equal((await info(a)).data.status, 'GENERATE_AUDIO_FAILED');
		const b = await create({ prompt: 'waves', model: 'V5' });
		sounds.finishTask(b, 'cancelled');
		assert.equal((await info(b)).data.status, 'CREATE_TASK_FAILED');
		const c = await create({ prompt: 'fire', model: 'V5' });
		assert.equal((await info(c)).data.status, 'PENDING');
		sounds.finishTask(c, 'completed');
		assert.equal((await info(c)).data.status, 'SUCCESS');
	} finally {
		sounds.setTaskDuration(0);
	}
});

test('fake provider (test double): record-info without or with an unknown taskId, and unknown routes', async () => {
	assert.equal((await callJson(sounds, '/api/v1/generate/record-info')).json.code, 400);
	assert.equal((await info('0'.repeat(32))).code, 400);
	const res = await callJson(sounds, '/api/v1/nope');
	assert.equal(res.status, 404);
	assert.equal(res.json.code, 404);
});

test('fake provider (test double): request bodies are recorded as received', async () => {
	const before = sounds.count('POST /api/v1/generate/sounds');
	await create({ prompt: 'recorded', model: 'V5' });
	assert.equal(sounds.count('POST /api/v1/generate/sounds'), before + 1);
	const r = sounds.received.at(-1);
	assert.ok(r);
	assert.deepEqual(r.body, { prompt: 'recorded', model: 'V5' });
	assert.equal(r.query, '');
	assert.ok(sounds.count('GET /api/v1/generate/*') > 0);
});

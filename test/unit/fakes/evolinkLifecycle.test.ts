import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeEvolink } from '../../fakes';
import { callJson, createTask, type Json, pollTask } from './helpers';

let evo: FakeServer;
// Long enough that 20 ms polling sees the pending and processing phases even on a loaded machine.
const DURATION = 600;

before(async () => {
	evo = await startFakeEvolink({ taskDurationMs: DURATION });
});
after(() => evo.close());

/** Creation response exactly as §2. */
function assertCreation(c: Json, model: string, kind: 'audio' | 'video'): void {
	assert.match(c.id, /^task-unified-\d{10}-[a-z0-9]{8}$/);
	assert.equal(c.id.split('-')[2], String(c.created));
	assert.ok(Math.abs(c.created - Date.now() / 1000) < 5);
	assert.equal(c.model, model);
	assert.equal(c.object, `${kind}.generation.task`);
	assert.equal(c.type, kind);
	assert.equal(c.progress, 0);
	assert.equal(c.status, 'pending');
	assert.equal(typeof c.task_info.can_cancel, 'boolean');
	assert.equal(c.task_info.estimated_time, 1);
	assert.equal(typeof c.usage.credits_reserved, 'number');
	assert.ok(['per_call', 'per_second', 'per_token'].includes(c.usage.billing_rule));
	assert.equal(c.usage.user_group, 'default');
}

/** Snapshots move pending → processing → completed with progress that never falls. */
function assertRising(snaps: Json[]): Json {
	const order = ['pending', 'processing', 'completed'];
	for (let i = 1; i < snaps.length; i++) {
		assert.ok(order.indexOf(snaps[i].status) >= order.indexOf(snaps[i - 1].status), `status went back: ${snaps.map((s) => s.status)}`);
		assert.ok(snaps[i].progress >= snaps[i - 1].progress, `progress fell: ${snaps.map((s) => s.progress)}`);
	}
	assert.ok(snaps.some((s) => s.status === 'processing' && s.progress > 0 && s.progress < 100), 'no intermediate progress seen');
	const last = snaps.at(-1);
	assert.equal(last.status, 'completed');
	assert.equal(last.progress, 100);
	assert.equal(last.task_info.can_cancel, false);
	assert.equal(last.error, undefined);
	return last;
}

test('fake provider (test double): doubao-seed-audio-1-0: creation, rising progress, one result URL, no result_data', async () => {
	const c = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'x'.repeat(150) });
	assertCreation(c, 'doubao-seed-audio-1-0', 'audio');
	assert.equal(c.task_info.audio_type, 'audio_generation');
	assert.equal(c.usage.credits_reserved, 9.6);
	const done = assertRising(await pollTask(evo, c.id));
	assert.deepEqual(Object.keys(done).sort(), ['created', 'id', 'model', 'object', 'progress', 'results', 'status', 'task_info', 'type']);
	assert.equal(done.results.length, 1);
	assert.match(done.results[0], /\/media\/.+\.wav\?expires=\d+&sig=[0-9a-f]+$/);
});

test('fake provider (test double): seed-audio credits scale with prompt length', async () => {
	const short = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'x'.repeat(20) });
	const long = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'x'.repeat(1000) });
	assert.ok(long.usage.credits_reserved > short.usage.credits_reserved);
});

test('fake provider (test double): qwen-voice-design then qwen3-tts-vd with the designed voice', async () => {
	const c = await createTask(evo, {
		model: 'qwen-voice-design',
		voice_prompt: 'calm male announcer',
		preview_text: 'Hello there',
		preferred_name: 'announcer',
		response_format: 'mp3',
	});
	assertCreation(c, 'qwen-voice-design', 'audio');
	assert.equal(c.task_info.audio_type, 'voice_design');
	assert.equal(c.usage.credits_reserved, 2);
	// The voice cannot be used before the design task completes.
	const early = await callJson(evo, '/v1/audios/generations', { body: { model: 'qwen3-tts-vd', prompt: 'Hi', voice: 'qwen-tts-vd-announcer-voice-20260101-abcd' } });
	assert.equal(early.status, 400);
	const done = assertRising(await pollTask(evo, c.id));
	const ymd = new Date().toISOString().slice(0, 10).replace(/-/g, '');
	assert.match(done.result_data.voice, new RegExp(`^qwen-tts-vd-announcer-voice-${ymd}-[a-z0-9]{4}$`));
	assert.equal(done.results.length, 1);
	assert.match(done.results[0], /\.mp3\?/);

	const tts = await createTask(evo, { model: 'qwen3-tts-vd', prompt: 'Welcome to the show', voice: done.result_data.voice });
	assertCreation(tts, 'qwen3-tts-vd', 'audio');
	assert.equal(tts.task_info.audio_type, 'tts');
	assert.equal(tts.usage.credits_reserved, 0.32);
	const spoken = assertRising(await pollTask(evo, tts.id));
	assert.match(spoken.results[0], /\.wav\?/);
	// `input` is accepted as an alias of `prompt`.
	await createTask(evo, { model: 'qwen3-tts-vd', input: 'Alias text', voice: done.result_data.voice });
});

test('fake provider (test double): Suno music: cancellable while running, two variants in result_data.songs', async () => {
	const c = await createTask(evo, { model: 'suno-v5-beta', prompt: 'a calm piano piece' });
	assertCreation(c, 'suno-v5-beta', 'audio');
	assert.equal(c.task_info.can_cancel, true);
	assert.equal(c.usage.credits_reserved, 10);
	assert.equal(c.usage.billing_rule, 'per_call');
	const snaps = await pollTask(evo, c.id);
	assert.ok(snaps.some((s) => s.status === 'processing' && s.task_info.can_cancel === true));
	const done = assertRising(snaps);
	assert.equal(done.results.length, 2);
	assert.notEqual(done.results[0], done.results[1]);
	const songs = done.result_data.songs;
	assert.equal(songs.length, 2);
	for (const [i, s] of songs.entries()) {
		assert.match(s.result_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		assert.equal(s.audio_url, done.results[i]);
		assert.match(s.image_url, /\.jpg\?/);
		assert.equal(typeof s.title, 'string');
		assert.equal(typeof s.tags, 'string');
		assert.equal(typeof s.duration, 'number');
	}
});

test('fake provider (test double): Suno legacy model names map to the -beta names', async () => {
	const c = await createTask(evo, { model: 'suno-v4.5', custom_mode: true, instrumental: true, style: 'jazz', title: 'Night' });
	assert.equal(c.model, 'suno-v4.5-beta');
});

test('fake provider (test double): sunoResultShape switches result_data between {songs}, array and single object', async () => {
	for (const shape of ['array', 'object'] as const) {
		const fake = await startFakeEvolink({ taskDurationMs: 0, sunoResultShape: shape });
		try {
			const c = await createTask(fake, { model: 'suno-v5.5-beta', prompt: 'shape test' });
			const done = (await pollTask(fake, c.id)).at(-1);
			assert.equal(done.results.length, 2);
			if (shape === 'array') {
				assert.ok(Array.isArray(done.result_data));
				assert.equal(done.result_data.length, 2);
				assert.equal(done.result_data[1].audio_url, done.results[1]);
			} else {
				assert.ok(!Array.isArray(done.result_data));
				assert.equal(done.result_data.songs, undefined);
				assert.equal(done.result_data.audio_url, done.results[0]);
			}
		} finally {
			await fake.close();
		}
	}
});

test('fake provider (test double): suno-persona from a completed song yields a 32-hex persona_id', async () => {
	const music = await createTask(evo, { model: 'suno-v5-beta', prompt: 'persona source' });
	const song = (await pollTask(evo, music.id)).at(-1).result_data.songs[1];
	const c = await createTask(evo, {
		model: 'suno-persona',
		model_params: { source_task_id: music.id, result_id: song.result_id, name: 'Jazz Vocalist', description: 'Smooth', vocal_start: 15, vocal_end: 35 },
	});
	assertCreation(c, 'suno-persona', 'audio');
	assert.equal(c.task_info.can_cancel, false);
	assert.equal(c.usage.credits_reserved, 1);
	const done = assertRising(await pollTask(evo, c.id));
	assert.match(done.result_data.persona_id, /^[0-9a-f]{32}$/);
	assert.deepEqual(done.results, []);
});

test('fake provider (test double): doubao-seedance-1.0-pro-fast: video task, credits by duration, mp4 result', async () => {
	const c = await createTask(evo, { model: 'doubao-seedance-1.0-pro-fast', prompt: 'a cat', duration: 5, quality: '480p' }, '/v1/videos/generations');
	assertCreation(c, 'doubao-seedance-1.0-pro-fast', 'video');
	assert.equal(c.task_info.video_duration, 5);
	assert.equal(c.usage.credits_reserved, 8);
	const longer = await createTask(evo, { model: 'doubao-seedance-1.0-pro-fast', prompt: 'a cat', duration: 10 }, '/v1/videos/generations');
	assert.equal(longer.usage.credits_reserved, 16);
	const done = assertRising(await pollTask(evo, c.id));
	assert.match(done.results[0], /\.mp4\?/);
});

test('fake provider (test double): estimated_time follows the configured duration (seconds, at least 1)', async () => {
	evo.setTaskDuration(2500);
	try {
		const c = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'eta' });
		assert.equal(c.task_info.estimated_time, 3);
	} finally {
		evo.setTaskDuration(DURATION);
	}
});

test('fake provider (test double): a prompt matching failPrompts ends failed with a content-policy task_error', async () => {
	const c = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'please [[fail]] now' });
	const last = (await pollTask(evo, c.id)).at(-1);
	assert.equal(last.status, 'failed');
	assert.equal(last.error.code, 'content_policy_violation');
	assert.equal(last.error.type, 'task_error');
	assert.ok(last.error.message.length > 0);
	assert.equal(last.results, undefined);
});

test('fake provider (test double): custom failPrompts with the g flag fails every matching task (no lastIndex drift)', async () => {
	const fake = await startFakeEvolink({ taskDurationMs: 0, failPrompts: /forbidden/g });
	try {
		for (let i = 0; i < 3; i++) {
			const c = await createTask(fake, { model: 'doubao-seedance-1.0-pro-fast', prompt: 'forbidden scene' }, '/v1/videos/generations');
			assert.equal((await pollTask(fake, c.id)).at(-1).status, 'failed');
		}
	} finally {
		await fake.close();
	}
});

test('fake provider (test double): finishTask forces cancelled / completed; unknown ids throw', async () => {
	evo.setTaskDuration(60_000);
	try {
		const a = await createTask(evo, { model: 'suno-v5-beta', prompt: 'to cancel' });
		evo.finishTask(a.id, 'cancelled');
		const cancelled = (await callJson(evo, `/v1/tasks/${a.id}`)).json;
		assert.equal(cancelled.status, 'cancelled');
		assert.equal(cancelled.error.code, 'request_cancelled');
		assert.equal(cancelled.error.type, 'task_error');
		assert.equal(cancelled.task_info.can_cancel, false);
		const b = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'finish early' });
		evo.finishTask(b.id, 'completed');
		const completed = (await callJson(evo, `/v1/tasks/${b.id}`)).json;
		assert.equal(completed.status, 'completed');
		assert.equal(completed.results.length, 1);
		const c = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'fail early' });
		evo.finishTask(c.id, 'failed');
		assert.equal((await callJson(evo, `/v1/tasks/${c.id}`)).json.status, 'failed');
		assert.throws(() => evo.finishTask('task-unified-1-nosuchid', 'completed'), /unknown task/);
	} finally {
		evo.setTaskDuration(DURATION);
	}
});

test('fake provider (test double): task query errors: malformed id 400 invalid_task_id, unknown id 404 task_not_found', async () => {
	const badId = await callJson(evo, '/v1/tasks/12345');
	assert.equal(badId.status, 400);
	assert.deepEqual(badId.json.error, {
		code: 'invalid_task_id',
		message: "Invalid task ID format, must start with 'task-unified-'",
		type: 'invalid_request_error',
		param: 'task_id',
	});
	const missing = await callJson(evo, '/v1/tasks/task-unified-1700000000-zzzzzzzz');
	assert.equal(missing.status, 404);
	assert.equal(missing.json.error.code, 'task_not_found');
});

test('fake provider (test double): credits drop by what creations reserved', async () => {
	const before = (await callJson(evo, '/v1/credits')).json.data.token.remaining_credits;
	await createTask(evo, { model: 'suno-v5-beta', prompt: 'billing' });
	const afterwards = (await callJson(evo, '/v1/credits')).json.data.token.remaining_credits;
	assert.equal(Math.round((before - afterwards) * 100) / 100, 10);
});

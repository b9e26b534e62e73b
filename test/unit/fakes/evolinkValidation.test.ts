import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeEvolink } from '../../fakes';
import { callJson, createTask, pollTask } from './helpers';

let evo: FakeServer;

before(async () => {
	evo = await startFakeEvolink({ taskDurationMs: 0 });
});
after(() => evo.close());

const AUDIO = '/v1/audios/generations';
const VIDEO = '/v1/videos/generations';

async function expectError(body: unknown, status: number, code: string, message?: RegExp | string, endpoint = AUDIO): Promise<void> {
	const res = await callJson(evo, endpoint, { body });
	assert.equal(res.status, status, JSON.stringify(res.json));
	assert.deepEqual(Object.keys(res.json), ['error']);
	assert.equal(res.json.error.code, code);
	assert.equal(res.json.error.type, 'invalid_request_error');
	if (typeof message === 'string') {
		assert.equal(res.json.error.message, message);
	} else if (message) {
		assert.match(res.json.error.message, message);
	}
}

test('fake provider (test double): body and model checks: bad JSON, missing model, unknown model → 403', async () => {
	const raw = await fetch(`${evo.baseUrl}${AUDIO}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${evo.apiKey}`, 'Content-Type': 'application/json' },
		body: '{not json',
	});
	assert.equal(raw.status, 400);
	assert.equal(((await raw.json()) as { error: { code: string } }).error.code, 'invalid_request');
	await expectError({ prompt: 'x' }, 400, 'invalid_request', 'Missing required parameter: model');
	await expectError({ model: 'gpt-9', prompt: 'x' }, 403, 'model_access_denied', 'Token does not have access to model: gpt-9');
	// A video model is not an audio model.
	await expectError({ model: 'doubao-seedance-1.0-pro-fast', prompt: 'x' }, 403, 'model_access_denied');
});

test('fake provider (test double): Seed-Audio rules (§6.1)', async () => {
	const m = 'doubao-seed-audio-1-0';
	await expectError({ model: m }, 400, 'missing_text', 'Missing required parameter: prompt');
	await expectError({ model: m, prompt: 'x'.repeat(1501) }, 400, 'invalid_request', /1500/);
	await expectError({ model: m, prompt: 'x', format: 'flac' }, 400, 'invalid_request', /format/);
	await expectError({ model: m, prompt: 'x', sample_rate: 22050 }, 400, 'invalid_request', /sample_rate/);
	await expectError({ model: m, prompt: 'x', pitch_rate: 1.5 }, 400, 'invalid_request', /pitch_rate/);
	await expectError({ model: m, prompt: 'x', speech_rate: 2.5 }, 400, 'invalid_request', /speech_rate/);
	await expectError({ model: m, prompt: 'x', audio_references: ['a', 'b', 'c', 'd'] }, 400, 'invalid_request', /at most 3/);
	await expectError({ model: m, prompt: 'x', audio_references: ['v'], image_urls: ['https://e.com/a.png'] }, 400, 'invalid_request', /cannot be combined/);
	await expectError({ model: m, prompt: 'x', callback_url: 'http://example.com/cb' }, 400, 'invalid_request', /HTTPS/);
	await expectError({ model: m, prompt: 'x', callback_url: 'https://192.168.1.4/cb' }, 400, 'invalid_request', /private/);
	await createTask(evo, { model: m, prompt: 'x', callback_url: 'https://hooks.example.com/cb', format: 'pcm', sample_rate: 8000, pitch_rate: -12 });
});

test('fake provider (test double): Qwen voice design and TTS rules (§6.2, §6.3)', async () => {
	const vd = 'qwen-voice-design';
	const missing = 'Missing required parameter: voice_prompt or preview_text';
	await expectError({ model: vd, preview_text: 'hi', preferred_name: 'a' }, 400, 'invalid_parameter', missing);
	await expectError({ model: vd, voice_prompt: 'calm', preferred_name: 'a' }, 400, 'invalid_parameter', missing);
	await expectError({ model: vd, voice_prompt: 'calm', preview_text: 'hi', preferred_name: 'bad-name' }, 400, 'invalid_parameter');
	await expectError({ model: vd, voice_prompt: 'calm', preview_text: 'hi', preferred_name: 'a'.repeat(17) }, 400, 'invalid_parameter');
	await expectError({ model: vd, voice_prompt: 'calm', preview_text: 'hi', preferred_name: 'a', sample_rate: 44100 }, 400, 'invalid_parameter');
	await expectError({ model: 'qwen3-tts-vd', voice: 'x' }, 400, 'missing_text', 'Missing required parameter: prompt or input');
	await expectError({ model: 'qwen3-tts-vd', prompt: 'x'.repeat(601), voice: 'x' }, 400, 'missing_text', /600/);
	// System voices (or anything not designed here) are refused.
	await expectError({ model: 'qwen3-tts-vd', prompt: 'hello', voice: 'Cherry' }, 400, 'invalid_request', /Voice not found/);
});

test('fake provider (test double): Suno music rules (§6.4)', async () => {
	await expectError({ model: 'suno-v5-beta' }, 400, 'invalid_request', /prompt/);
	await expectError({ model: 'suno-v5-beta', prompt: 'x'.repeat(501) }, 400, 'invalid_request', /500/);
	await expectError({ model: 'suno-v5-beta', custom_mode: true, title: 't', prompt: 'la' }, 400, 'invalid_request', /style/);
	await expectError({ model: 'suno-v5-beta', custom_mode: true, style: 's', prompt: 'la' }, 400, 'invalid_request', /title/);
	await expectError({ model: 'suno-v5-beta', custom_mode: true, style: 's', title: 't' }, 400, 'invalid_request', /lyrics/);
	await expectError({ model: 'suno-v4-beta', custom_mode: true, style: 'x'.repeat(201), title: 't', instrumental: true }, 400, 'invalid_request', /200/);
	await expectError({ model: 'suno-v5-beta', custom_mode: true, style: 's', title: 't', instrumental: true, style_weight: 1.2 }, 400, 'invalid_request', /style_weight/);
	await expectError({ model: 'suno-v4.5-beta', custom_mode: true, style: 's', title: 't', instrumental: true, persona_id: 'a'.repeat(32) }, 400, 'invalid_request', /persona_id/);
	await expectError({ model: 'suno-v5-beta', custom_mode: true, style: 's', title: 't', instrumental: true, duration: 60 }, 400, 'invalid_request', /duration/);
	await expectError({ model: 'suno-v5.5-beta', custom_mode: true, style: 's', title: 't', instrumental: true, duration: 400 }, 400, 'invalid_request', /duration/);
	await createTask(evo, {
		model: 'suno-v5.5-beta',
		custom_mode: true,
		style: 's',
		title: 't',
		instrumental: true,
		duration: 120,
		persona_id: 'a'.repeat(32),
		persona_model: 'voice_persona',
	});
});

test('fake provider (test double): Suno persona rules (§6.5)', async () => {
	const persona = (params: Record<string, unknown> | undefined) => ({ model: 'suno-persona', ...(params ? { model_params: params } : {}) });
	await expectError(persona(undefined), 400, 'invalid_request', /model_params/);
	await expectError(persona({ result_id: 'r', name: 'n', description: 'd' }), 400, 'invalid_request', 'model_params.source_task_id is required');
	const ghost = 'task-unified-1700000000-ghost000';
	await expectError(
		persona({ source_task_id: ghost, result_id: 'r', name: 'n', description: 'd' }),
		400,
		'invalid_request',
		`Source task does not exist or does not belong to the current user: ${ghost}`,
	);
	// A task that is not Suno music cannot be a source.
	const speech = await createTask(evo, { model: 'doubao-seed-audio-1-0', prompt: 'not music' });
	await expectError(persona({ source_task_id: speech.id, result_id: 'r', name: 'n', description: 'd' }), 400, 'invalid_request', /does not exist or does not belong/);

	evo.setTaskDuration(60_000);
	const running = await createTask(evo, { model: 'suno-v5-beta', prompt: 'still running' });
	evo.setTaskDuration(0);
	await expectError(persona({ source_task_id: running.id, result_id: 'r', name: 'n', description: 'd' }), 400, 'invalid_request', /not completed/);

	const music = await createTask(evo, { model: 'suno-v5-beta', prompt: 'persona source' });
	const [first, second] = (await pollTask(evo, music.id)).at(-1).result_data.songs;
	const base = { source_task_id: music.id, name: 'n', description: 'd' };
	await expectError(persona({ ...base, result_id: '00000000-0000-4000-8000-000000000000' }), 400, 'invalid_request', /result_id/);
	await expectError(persona({ ...base, result_id: first.result_id, vocal_start: 10 }), 400, 'invalid_request', /together/);
	const window = 'vocal_end - vocal_start must be between 10 and 30 seconds';
	await expectError(persona({ ...base, result_id: first.result_id, vocal_start: 10, vocal_end: 15 }), 400, 'invalid_request', window);
	await expectError(persona({ ...base, result_id: first.result_id, vocal_start: 0, vocal_end: 31 }), 400, 'invalid_request', window);
	await createTask(evo, persona({ ...base, result_id: first.result_id, vocal_start: 0, vocal_end: 30 }));
	// One persona per result_id; the other song is still free.
	await expectError(persona({ ...base, result_id: first.result_id }), 400, 'invalid_request', /already/);
	await createTask(evo, persona({ ...base, result_id: second.result_id }));
});

test('fake provider (test double): Seedance rules (§6.6)', async () => {
	const m = 'doubao-seedance-1.0-pro-fast';
	await expectError({ model: m }, 400, 'invalid_request', /prompt/, VIDEO);
	await expectError({ model: m, prompt: 'x'.repeat(2001) }, 400, 'invalid_request', /2000/, VIDEO);
	await expectError({ model: m, prompt: 'x', duration: 13 }, 400, 'invalid_request', /duration/, VIDEO);
	await expectError({ model: m, prompt: 'x', duration: 4.5 }, 400, 'invalid_request', /duration/, VIDEO);
	await expectError({ model: m, prompt: 'x', quality: '4k' }, 400, 'invalid_request', /quality/, VIDEO);
	await expectError({ model: m, prompt: 'x', aspect_ratio: 'keep_ratio' }, 400, 'invalid_request', /aspect_ratio/, VIDEO);
	await expectError({ model: m, prompt: 'x', image_urls: ['https://e.com/a.png', 'https://e.com/b.png'] }, 400, 'invalid_request', /at most 1/, VIDEO);
	await createTask(evo, { model: m, prompt: 'x', aspect_ratio: 'keep_ratio', image_urls: ['https://e.com/a.png'] }, VIDEO);
	await expectError({ model: 'suno-v5-beta', prompt: 'x' }, 403, 'model_access_denied', /suno-v5-beta/, VIDEO);
});

test('fake provider (test double): unknown routes answer 404 in the EvoLink envelope', async () => {
	const res = await callJson(evo, '/v1/nope');
	assert.equal(res.status, 404);
	assert.equal(res.json.error.code, 'not_found');
});

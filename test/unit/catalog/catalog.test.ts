import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRequest } from '../../../src/api/evolink/requests';
import { getModel, MODELS, shortPrompt } from '../../../src/catalog';
import voices from '../../../src/catalog/seedAudioVoices.json';

/** Each catalog model's options turn into a request its provider schema accepts. */
const samples: Record<string, Record<string, unknown>> = {
	'doubao-seed-audio-1-0': { prompt: 'Hello', voice: 'ICL_uranus_en_female_charlie_tob', format: 'mp3', sample_rate: 24000, speech_rate: 1.2 },
	'qwen3-tts-vd': { prompt: 'Hello', voice: 'qwen-tts-vd-narrator-voice-20260402-a1b2', language_type: 'English' },
	'qwen-voice-design': { voice_prompt: 'A calm narrator', preview_text: 'Hi there', preferred_name: 'narrator', language: 'en', response_format: 'mp3' },
	'suno-music': { prompt: 'a chiptune theme', custom_mode: false, instrumental: false, model: 'suno-v5-beta' },
	'suno-persona': { source_task_id: 'task-unified-1774169216-ocqaqde7', result_id: '4fcc4507-a7ae-4441-ad8a-465c2f61d5bb', name: 'Jazz', description: 'Smooth jazz vocal' },
	'doubao-seedance-1.0-pro-fast': { prompt: 'A boat', duration: 5, quality: '720p', aspect_ratio: '16:9' },
};

for (const spec of MODELS.filter((m) => m.provider === 'evolink')) {
	test(`${spec.id}: toRequest gives a body the ${spec.apiModel(samples[spec.id])} schema accepts`, () => {
		const options = samples[spec.id];
		assert.ok(options, `a sample for ${spec.id}`);
		const result = validateRequest(spec.apiModel(options), spec.toRequest(options));
		assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
	});
}

test('Seed-Audio: a preset voice and a reference clip both become audio_references; pcm saves as wav at the rate', () => {
	const spec = getModel('doubao-seed-audio-1-0')!;
	assert.deepEqual(spec.toRequest({ prompt: 'x', voice: 'zh_female_vv_uranus_bigtts' }).audio_references, ['zh_female_vv_uranus_bigtts']);
	assert.deepEqual(spec.toRequest({ prompt: 'x', referenceAudio: 'https://example.com/a.mp3' }).audio_references, ['https://example.com/a.mp3']);
	assert.equal(spec.fileExtension({ format: 'pcm' }), 'wav');
	assert.equal(spec.pcmSampleRate?.({ format: 'pcm', sample_rate: 16000 }), 16000);
	assert.equal(spec.fileExtension({ format: 'ogg_opus' }), 'ogg');
});

test('Suno music picks its version from the options; legacy ids resolve to the music model', () => {
	const spec = getModel('suno-music')!;
	assert.equal(spec.apiModel({ model: 'suno-v5.5-beta' }), 'suno-v5.5-beta');
	assert.equal(spec.apiModel({}), 'suno-v5-beta');
	assert.equal(getModel('suno-v4-beta')?.id, 'suno-music');
	assert.equal(spec.linkTtlMs, 72 * 3_600_000);
});

test('persona options are sent under model_params', () => {
	const body = getModel('suno-persona')!.toRequest(samples['suno-persona']);
	assert.deepEqual(Object.keys(body), ['model_params']);
});

test('Suno Sounds maps loop, tempo and key', () => {
	const spec = getModel('suno-sounds')!;
	assert.deepEqual(spec.toRequest({ prompt: 'rain', soundLoop: true, soundTempo: 90, soundKey: 'Am', model: 'V5' }), {
		prompt: 'rain',
		soundLoop: true,
		soundTempo: 90,
		soundKey: 'Am',
	});
	assert.equal(spec.apiModel({ model: 'V5_5' }), 'V5_5');
});

test('the shipped voice list has 288 unique, well-formed ids, and the default voice is one of them', () => {
	const ids = (voices as { id: string }[]).map((v) => v.id);
	assert.equal(ids.length, 288);
	assert.equal(new Set(ids).size, 288);
	for (const id of ids) { assert.match(id, /^(zh_|ICL_|en_|multi_|[a-z]{2}_)[A-Za-z0-9_]+$/, id); }
	assert.ok(ids.includes('ICL_uranus_en_female_charlie_tob'));
});

test('shortPrompt keeps one line and marks a cut', () => {
	assert.equal(shortPrompt('a\n  b   c'), 'a b c');
	assert.equal(shortPrompt('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
});

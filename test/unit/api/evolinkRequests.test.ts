import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endpointFor, validateRequest } from '../../../src/api/evolink/requests';
import { formatIssues } from '../../../src/api/validation';

/** Asserts validation fails and that an issue names `field` (in both `field` and the message). */
function fails(model: string, input: unknown, field: string, pattern?: RegExp): void {
	const r = validateRequest(model, input);
	assert.equal(r.ok, false, `${model} ${JSON.stringify(input).slice(0, 200)} should fail`);
	if (r.ok) {
		return;
	}
	const issue = r.issues.find((i) => i.field === field);
	assert.ok(issue, `no issue for ${field}: ${JSON.stringify(r.issues)}`);
	const leaf = field.split('.').pop() ?? field;
	assert.ok(issue.message.includes(leaf), `message does not name ${leaf}: ${issue.message}`);
	if (pattern) {
		assert.match(issue.message, pattern);
	}
}

function passes(model: string, input: unknown): Record<string, unknown> {
	const r = validateRequest(model, input);
	assert.ok(r.ok, `should pass: ${r.ok ? '' : formatIssues(r.issues)}`);
	return r.value;
}

describe('validateRequest: general', () => {
	it('rejects unknown models and non-object input', () => {
		fails('suno-v9-ultra', { prompt: 'x' }, 'model', /not supported/);
		assert.equal(validateRequest('doubao-seed-audio-1-0', 'text').ok, false);
		assert.equal(validateRequest('doubao-seed-audio-1-0', null).ok, false);
	});
	it('rejects a mismatching model inside the input', () => {
		fails('doubao-seed-audio-1-0', { model: 'qwen3-tts-vd', prompt: 'x' }, 'model', /does not match/);
	});
	it('names unknown fields', () => {
		fails('doubao-seed-audio-1-0', { prompt: 'x', sampleRate: 24000 }, 'sampleRate', /not a supported field/);
	});
	it('routes video models to the video endpoint', () => {
		assert.equal(endpointFor('doubao-seedance-1.0-pro-fast'), '/v1/videos/generations');
		assert.equal(endpointFor('suno-v5-beta'), '/v1/audios/generations');
		assert.equal(endpointFor('qwen3-tts-vd'), '/v1/audios/generations');
	});
	it('formats issues as one line', () => {
		assert.equal(formatIssues([{ field: 'a', message: 'a is bad' }, { field: 'b', message: 'b is bad' }]), 'a is bad; b is bad');
	});
});

describe('doubao-seed-audio-1-0', () => {
	const M = 'doubao-seed-audio-1-0';
	it('accepts a minimal request and applies documented defaults', () => {
		assert.deepEqual(passes(M, { prompt: 'Hello there' }), {
			model: M,
			prompt: 'Hello there',
			format: 'wav',
			sample_rate: 24000,
			speech_rate: 1,
			loudness_rate: 1,
			pitch_rate: 0,
		});
	});
	it('accepts references (preset voices and URLs) with matching @audioN markers', () => {
		const v = passes(M, {
			prompt: '@audio1 says hi to @audio2',
			audio_references: ['zh_female_vv_uranus_bigtts', 'https://x.example/clip.wav'],
			format: 'mp3',
			sample_rate: 48000,
			speech_rate: 1.25,
			loudness_rate: 0.5,
			pitch_rate: -12,
		});
		assert.equal(v.format, 'mp3');
	});
	it('accepts an image without references', () => {
		passes(M, { prompt: 'Read this', image_urls: ['https://x.example/a.png'] });
	});
	it('enforces the prompt', () => {
		fails(M, {}, 'prompt', /required/);
		fails(M, { prompt: '' }, 'prompt', /empty/);
		fails(M, { prompt: '   ' }, 'prompt', /blank/);
		fails(M, { prompt: 'x'.repeat(1501) }, 'prompt', /at most 1500 characters \(got 1501\)/);
		fails(M, { prompt: 42 }, 'prompt', /must be text/);
	});
	it('limits audio_references to 3 valid items', () => {
		fails(M, { prompt: 'x', audio_references: ['a_b_c', 'd_e_f', 'g_h_i', 'j_k_l'] }, 'audio_references', /at most 3 items \(got 4\)/);
		fails(M, { prompt: 'x', audio_references: ['not a voice!'] }, 'audio_references.0', /preset voice id/);
		fails(M, { prompt: 'x', audio_references: ['ftp://x/y.wav'] }, 'audio_references.0');
	});
	it('refuses references together with image_urls', () => {
		fails(M, { prompt: 'x', audio_references: ['zh_female_vv_uranus_bigtts'], image_urls: ['https://x.example/a.png'] }, 'audio_references', /image_urls/);
	});
	it('checks @audioN markers against the number of references', () => {
		fails(M, { prompt: '@audio2 speaks', audio_references: ['zh_female_vv_uranus_bigtts'] }, 'prompt', /@audio2 but only 1/);
		fails(M, { prompt: '@audio1 speaks' }, 'prompt', /no audio_references/);
		fails(M, { prompt: '@audio0 speaks', audio_references: ['zh_female_vv_uranus_bigtts'] }, 'prompt', /@audio0/);
	});
	it('limits image_urls to one http(s) URL', () => {
		fails(M, { prompt: 'x', image_urls: ['https://a.example/1.png', 'https://a.example/2.png'] }, 'image_urls', /at most 1 item/);
		fails(M, { prompt: 'x', image_urls: ['file:///tmp/a.png'] }, 'image_urls.0', /http\(s\) URL/);
	});
	it('checks format, sample_rate and the rates', () => {
		fails(M, { prompt: 'x', format: 'flac' }, 'format', /one of: wav, mp3, pcm, ogg_opus/);
		fails(M, { prompt: 'x', sample_rate: 22050 }, 'sample_rate', /one of/);
		fails(M, { prompt: 'x', speech_rate: 2.5 }, 'speech_rate', /at most 2/);
		fails(M, { prompt: 'x', loudness_rate: 0.4 }, 'loudness_rate', /at least 0.5/);
		fails(M, { prompt: 'x', speech_rate: 1.234 }, 'speech_rate', /two decimals/);
		fails(M, { prompt: 'x', pitch_rate: 13 }, 'pitch_rate', /at most 12/);
		fails(M, { prompt: 'x', pitch_rate: -13 }, 'pitch_rate', /at least -12/);
		fails(M, { prompt: 'x', pitch_rate: 1.5 }, 'pitch_rate', /whole number/);
	});
	it('requires an https, public callback_url', () => {
		passes(M, { prompt: 'x', callback_url: 'https://hooks.example.com/cb' });
		fails(M, { prompt: 'x', callback_url: 'http://hooks.example.com/cb' }, 'callback_url', /https/);
		fails(M, { prompt: 'x', callback_url: 'https://127.0.0.1/cb' }, 'callback_url');
		fails(M, { prompt: 'x', callback_url: 'https://192.168.0.2/cb' }, 'callback_url');
	});
});

describe('qwen3-tts-vd', () => {
	const M = 'qwen3-tts-vd';
	const voice = 'qwen-tts-vd-announcer-voice-20260402-a1b2';
	it('accepts a designed voice and a language', () => {
		assert.deepEqual(passes(M, { prompt: 'Hi', voice, language_type: 'English' }), { model: M, prompt: 'Hi', voice, language_type: 'English' });
	});
	it('requires a designed voice, not a system voice', () => {
		fails(M, { prompt: 'Hi' }, 'voice', /required/);
		fails(M, { prompt: 'Hi', voice: 'Cherry' }, 'voice', /designed voice/);
	});
	it('limits the prompt to 600 characters and checks language_type', () => {
		fails(M, { prompt: 'x'.repeat(601), voice }, 'prompt', /at most 600/);
		fails(M, { prompt: 'Hi', voice, language_type: 'Klingon' }, 'language_type', /one of: Auto/);
	});
});

describe('qwen-voice-design', () => {
	const M = 'qwen-voice-design';
	const ok = { voice_prompt: 'A calm male announcer', preview_text: 'Good evening.', preferred_name: 'announcer_1' };
	it('accepts the required fields and applies defaults', () => {
		assert.deepEqual(passes(M, ok), { model: M, ...ok, language: 'zh', sample_rate: 24000, response_format: 'wav', target_model: 'qwen3-tts-vd-2026-01-26' });
	});
	it('enforces each field', () => {
		fails(M, { ...ok, voice_prompt: undefined }, 'voice_prompt', /required/);
		fails(M, { ...ok, voice_prompt: 'x'.repeat(2049) }, 'voice_prompt', /at most 2048/);
		fails(M, { ...ok, preview_text: 'x'.repeat(1025) }, 'preview_text', /at most 1024/);
		fails(M, { ...ok, preferred_name: 'bad-name' }, 'preferred_name', /letters, digits and underscores/);
		fails(M, { ...ok, preferred_name: 'a'.repeat(17) }, 'preferred_name', /at most 16/);
		fails(M, { ...ok, language: 'xx' }, 'language', /one of/);
		fails(M, { ...ok, sample_rate: 44100 }, 'sample_rate', /one of/);
		fails(M, { ...ok, response_format: 'flac' }, 'response_format', /one of/);
		fails(M, { ...ok, target_model: 'qwen3-tts-vd' }, 'target_model', /one of/);
	});
});

describe('Suno music', () => {
	it('accepts simple mode with a short prompt, and legacy model names', () => {
		assert.equal(passes('suno-v5-beta', { prompt: 'a happy song' }).custom_mode, false);
		assert.equal(passes('suno-v4.5', { prompt: 'a happy song' }).model, 'suno-v4.5-beta');
	});
	it('limits the simple-mode prompt to 500 and refuses custom-only fields there', () => {
		fails('suno-v5-beta', { prompt: 'x'.repeat(501) }, 'prompt', /at most 500 characters in simple mode/);
		fails('suno-v5-beta', {}, 'prompt', /required in simple mode/);
		fails('suno-v5-beta', { prompt: 'x', title: 'T' }, 'title', /custom mode/);
		fails('suno-v5.5-beta', { prompt: 'x', duration: 30 }, 'duration', /custom mode/);
	});
	it('requires style, title and lyrics in custom mode unless instrumental', () => {
		fails('suno-v5-beta', { custom_mode: true, title: 'T', prompt: 'la' }, 'style', /required in custom mode/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', prompt: 'la' }, 'title', /required in custom mode/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T' }, 'prompt', /lyrics/);
		passes('suno-v5-beta', { custom_mode: true, instrumental: true, style: 'rock', title: 'T' });
	});
	it('applies per-version limits', () => {
		passes('suno-v4.5-beta', { custom_mode: true, style: 's'.repeat(1000), title: 'T', prompt: 'x'.repeat(5000) });
		fails('suno-v4-beta', { custom_mode: true, style: 's'.repeat(201), title: 'T', prompt: 'la' }, 'style', /at most 200 characters for suno-v4-beta/);
		fails('suno-v4-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'x'.repeat(3001) }, 'prompt', /at most 3000/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T'.repeat(81), prompt: 'la' }, 'title', /at most 80/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', negative_tags: 'n'.repeat(201) }, 'negative_tags', /at most 200/);
	});
	it('checks weights and vocal_gender', () => {
		passes('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', style_weight: 0.65, weirdness_constraint: 0, audio_weight: 1, vocal_gender: 'f' });
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', style_weight: 1.5 }, 'style_weight', /at most 1/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', audio_weight: 0.555 }, 'audio_weight', /two decimals/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', vocal_gender: 'x' }, 'vocal_gender', /one of: m, f/);
	});
	it('allows personas only on the V5 family, with persona_id', () => {
		passes('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', persona_id: '5c57d49ef834110496fae5aa14fec441', persona_model: 'voice_persona' });
		fails('suno-v4.5plus-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', persona_id: 'abc' }, 'persona_id', /suno-v5-beta/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', persona_model: 'style_persona' }, 'persona_model', /needs persona_id/);
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', persona_id: 'p', persona_model: 'other' }, 'persona_model', /one of/);
	});
	it('allows duration 10–360 only on suno-v5.5-beta custom mode', () => {
		passes('suno-v5.5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', duration: 120 });
		fails('suno-v5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', duration: 120 }, 'duration', /suno-v5.5-beta/);
		fails('suno-v5.5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', duration: 9 }, 'duration', /at least 10/);
		fails('suno-v5.5-beta', { custom_mode: true, style: 'rock', title: 'T', prompt: 'la', duration: 361 }, 'duration', /at most 360/);
	});
});

describe('suno-persona', () => {
	const M = 'suno-persona';
	const params = {
		source_task_id: 'task-unified-1774169216-ocqaqde7',
		result_id: '4fcc4507-a7ae-4441-ad8a-465c2f61d5bb',
		name: 'Jazz Vocalist',
		description: 'Smooth jazz vocal',
	};
	it('accepts the documented example with and without the vocal window', () => {
		passes(M, { model_params: params });
		passes(M, { model_params: { ...params, vocal_start: 15, vocal_end: 35, style: 'jazz' } });
	});
	it('requires model_params and its required fields', () => {
		fails(M, {}, 'model_params', /required/);
		fails(M, { model_params: { ...params, source_task_id: undefined } }, 'model_params.source_task_id', /required/);
		fails(M, { model_params: { ...params, source_task_id: 'abc' } }, 'model_params.source_task_id', /task-unified/);
		fails(M, { model_params: { ...params, result_id: 'has space' } }, 'model_params.result_id');
		fails(M, { model_params: { ...params, name: '' } }, 'model_params.name', /empty/);
		fails(M, { model_params: { ...params, description: undefined } }, 'model_params.description', /required/);
		fails(M, { model_params: { ...params, extra: 1 } }, 'model_params.extra', /not a supported field/);
	});
	it('needs vocal_start and vocal_end together, 10–30 s apart', () => {
		fails(M, { model_params: { ...params, vocal_start: 5 } }, 'model_params.vocal_end', /send both/);
		fails(M, { model_params: { ...params, vocal_end: 40 } }, 'model_params.vocal_start', /send both/);
		fails(M, { model_params: { ...params, vocal_start: 20, vocal_end: 10 } }, 'model_params.vocal_end', /after vocal_start/);
		fails(M, { model_params: { ...params, vocal_start: 0, vocal_end: 9 } }, 'model_params.vocal_end', /between 10 and 30 seconds \(got 9\)/);
		fails(M, { model_params: { ...params, vocal_start: 0, vocal_end: 31 } }, 'model_params.vocal_end', /between 10 and 30/);
		fails(M, { model_params: { ...params, vocal_start: -1, vocal_end: 15 } }, 'model_params.vocal_start', /at least 0/);
	});
});

describe('doubao-seedance-1.0-pro-fast', () => {
	const M = 'doubao-seedance-1.0-pro-fast';
	it('accepts text-to-video with defaults', () => {
		assert.deepEqual(passes(M, { prompt: 'A cat' }), { model: M, prompt: 'A cat', duration: 5, quality: '1080p' });
	});
	it('accepts image-to-video with keep_ratio/adaptive', () => {
		passes(M, { prompt: 'Move', image_urls: ['https://a.example/x.png'], aspect_ratio: 'keep_ratio', quality: '480p', duration: 12 });
	});
	it('enforces prompt, duration, quality, aspect_ratio and image_urls', () => {
		fails(M, { prompt: 'x'.repeat(2001) }, 'prompt', /at most 2000/);
		fails(M, { prompt: 'x', duration: 1 }, 'duration', /at least 2/);
		fails(M, { prompt: 'x', duration: 13 }, 'duration', /at most 12/);
		fails(M, { prompt: 'x', duration: 5.5 }, 'duration', /whole number/);
		fails(M, { prompt: 'x', quality: '4k' }, 'quality', /one of: 480p, 720p, 1080p/);
		fails(M, { prompt: 'x', aspect_ratio: '2:1' }, 'aspect_ratio', /one of/);
		fails(M, { prompt: 'x', aspect_ratio: 'adaptive' }, 'aspect_ratio', /only works with an image/);
		fails(M, { prompt: 'x', image_urls: ['https://a.example/1.png', 'https://a.example/2.png'] }, 'image_urls', /at most 1/);
	});
});

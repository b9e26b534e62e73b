/**
 * Validation and result planning for the EvoLink speech models: Seed-Audio (§6.1),
 * Qwen Voice Design (§6.2) and Qwen3 TTS VD (§6.3).
 */
import type { AudioFormat } from '../media/render';
import { alnum } from '../tasks';
import { bad, type Body, callbackUrl, num, oneOf, str, strList } from './check';
import { credits, type Lookup, type Plan } from './plan';

/** Real length of generated speech; kept short so tests stay fast (the API allows up to 120 s). */
export const SPEECH_SECONDS = 3;
/** Real length of a voice-design preview. */
export const PREVIEW_SECONDS = 2;
/** qwen3-tts-vd output is wav at this rate (the format is undocumented; DashScope's VD model emits wav). */
export const QWEN_TTS_RATE = 24000;

const SEED_FORMATS = ['wav', 'mp3', 'pcm', 'ogg_opus'] as const;
const SEED_RATES = [8000, 16000, 24000, 32000, 44100, 48000] as const;
const LANGS = ['zh', 'en', 'ja', 'ko', 'de', 'fr', 'it', 'ru', 'pt', 'es'] as const;
const TARGET_MODELS = ['qwen3-tts-vd-2026-01-26', 'qwen3-tts-vd-realtime-2026-01-15', 'qwen3-tts-vd-realtime-2025-12-16'] as const;
const LANGUAGE_TYPES = ['Auto', 'Chinese', 'English', 'Japanese', 'Korean', 'French', 'German', 'Spanish', 'Italian', 'Russian', 'Portuguese'] as const;

/** doubao-seed-audio-1-0: text, reference-audio or reference-image speech. */
export function seedAudio(body: Body, model: string): Plan {
	const prompt = str(body, 'prompt', 1500, bad('Missing required parameter: prompt', 'missing_text'))!;
	const refs = strList(body, 'audio_references', 3);
	const images = strList(body, 'image_urls', 1);
	if (refs.length > 0 && images.length > 0) {
		throw bad('audio_references cannot be combined with image_urls');
	}
	const format = oneOf(body, 'format', SEED_FORMATS, 'wav');
	const sampleRate = oneOf(body, 'sample_rate', SEED_RATES, 24000);
	const speech = num(body, 'speech_rate', 0.5, 2, 1);
	const loudness = num(body, 'loudness_rate', 0.5, 2, 1);
	const pitch = num(body, 'pitch_rate', -12, 12, 0, true);
	callbackUrl(body);
	return {
		model,
		family: 'seed-audio',
		type: 'audio',
		policyText: prompt,
		// Reserved for the maximum duration, so it scales with the text (example: 9.6).
		credits: credits(Math.max(0.6, prompt.length * 0.064)),
		billingRule: 'per_second',
		canCancel: false,
		taskInfo: { audio_type: 'audio_generation' },
		outputs: [
			{
				kind: 'audio',
				style: 'speech',
				seed: { model, prompt, refs, images, speech, loudness, pitch },
				format: format as AudioFormat,
				sampleRate,
				seconds: SPEECH_SECONDS,
			},
		],
	};
}

function yyyymmdd(d: Date): string {
	return d.toISOString().slice(0, 10).replace(/-/g, '');
}

/** qwen-voice-design: designs a voice and renders a preview of it. */
export function voiceDesign(body: Body, model: string): Plan {
	const missing = bad('Missing required parameter: voice_prompt or preview_text', 'invalid_parameter');
	const voicePrompt = str(body, 'voice_prompt', 2048, missing, 'invalid_parameter')!;
	const previewText = str(body, 'preview_text', 1024, missing, 'invalid_parameter')!;
	const name = str(body, 'preferred_name', 16, bad('Missing required parameter: preferred_name', 'invalid_parameter'), 'invalid_parameter')!;
	if (!/^[a-zA-Z0-9_]+$/.test(name)) {
		throw bad('preferred_name may contain only letters, digits and underscores', 'invalid_parameter');
	}
	const language = oneOf(body, 'language', LANGS, 'zh', 'invalid_parameter');
	const sampleRate = oneOf(body, 'sample_rate', [8000, 16000, 24000, 48000] as const, 24000, 'invalid_parameter');
	const format = oneOf(body, 'response_format', ['pcm', 'wav', 'mp3', 'opus'] as const, 'wav', 'invalid_parameter');
	oneOf(body, 'target_model', TARGET_MODELS, TARGET_MODELS[0], 'invalid_parameter');
	callbackUrl(body);
	return {
		model,
		family: 'voice-design',
		type: 'audio',
		policyText: `${voicePrompt}\n${previewText}`,
		credits: 2,
		billingRule: 'per_call',
		canCancel: false,
		taskInfo: { audio_type: 'voice_design' },
		voice: `qwen-tts-vd-${name}-voice-${yyyymmdd(new Date())}-${alnum(4)}`,
		outputs: [{ kind: 'audio', style: 'speech', seed: { model, voicePrompt, previewText, language }, format, sampleRate, seconds: PREVIEW_SECONDS }],
	};
}

/** qwen3-tts-vd: speaks text with a voice from a completed voice-design task. */
export function qwenTts(body: Body, model: string, lookup: Lookup): Plan {
	const missing = bad('Missing required parameter: prompt or input', 'missing_text');
	// `input` is accepted as an alias of `prompt`, as the documented error message suggests.
	const prompt = str(body, 'prompt', 600, undefined, 'missing_text') ?? str(body, 'input', 600, missing, 'missing_text')!;
	const voice = str(body, 'voice', 200, bad('Missing required parameter: voice'))!;
	if (!lookup.voiceReady(voice)) {
		throw bad(`Voice not found: ${voice}. Use result_data.voice of a completed qwen-voice-design task; system voices are not supported`);
	}
	const languageType = oneOf(body, 'language_type', LANGUAGE_TYPES, 'Auto');
	callbackUrl(body);
	return {
		model,
		family: 'qwen-tts',
		type: 'audio',
		policyText: prompt,
		credits: 0.32,
		billingRule: 'per_token',
		canCancel: false,
		taskInfo: { audio_type: 'tts' },
		outputs: [{ kind: 'audio', style: 'speech', seed: { model, prompt, voice, languageType }, format: 'wav', sampleRate: QWEN_TTS_RATE, seconds: SPEECH_SECONDS }],
	};
}

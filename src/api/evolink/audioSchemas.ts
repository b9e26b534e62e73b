/**
 * Request schemas for EvoLink's speech models, with the documented limits (api-reference §6.1–§6.3).
 * Cross-field rules live in `superRefine`, so they run once each field is valid on its own.
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import { QWEN_TTS_MAX_PROMPT, SEED_AUDIO_MAX_PROMPT } from './limits';
import { callbackUrl, fetchableUrl, hundredths, requiredText } from '../validation';

export const SEED_AUDIO_MODEL = 'doubao-seed-audio-1-0';
const SEED_AUDIO_FORMATS = ['wav', 'mp3', 'pcm', 'ogg_opus'] as const;
const SEED_AUDIO_SAMPLE_RATES = [8000, 16000, 24000, 32000, 44100, 48000] as const;
const SEED_AUDIO_MAX_REFERENCES = 3;

/** Preset voice ids look like `zh_female_vv_uranus_bigtts` or `ICL_uranus_en_male_ethan_tob`. */
const PRESET_VOICE = /^[A-Za-z][A-Za-z0-9_]{2,127}$/;
const AUDIO_MARKER = /@audio(\d+)/g;

function isHttpUrl(value: string): boolean {
	try {
		const u = new URL(value);
		return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
	} catch {
		return false;
	}
}

const audioReference = z.string().max(2048).refine((v) => PRESET_VOICE.test(v) || isHttpUrl(v), {
	message: 'must be a preset voice id (e.g. zh_female_vv_uranus_bigtts) or an http(s) URL of a clip',
});

/** `doubao-seed-audio-1-0`: text to speech, voice cloning from references, or speech from an image. */
export const seedAudioRequest = z.strictObject({
	model: z.literal(SEED_AUDIO_MODEL),
	prompt: requiredText(SEED_AUDIO_MAX_PROMPT),
	audio_references: z.array(audioReference).max(SEED_AUDIO_MAX_REFERENCES).optional(),
	image_urls: z.array(fetchableUrl()).max(1).optional(),
	format: z.enum(SEED_AUDIO_FORMATS).default('wav'),
	sample_rate: z.literal(SEED_AUDIO_SAMPLE_RATES).default(24000),
	speech_rate: hundredths(0.5, 2).default(1),
	loudness_rate: hundredths(0.5, 2).default(1),
	pitch_rate: z.number().int().min(-12).max(12).default(0),
	callback_url: callbackUrl().optional(),
}).superRefine((v, ctx) => {
	const refs = v.audio_references?.length ?? 0;
	if (refs > 0 && (v.image_urls?.length ?? 0) > 0) {
		ctx.addIssue({ code: 'custom', path: ['audio_references'], message: 'cannot be combined with image_urls; use one or the other' });
	}
	// `@audioN` points at the Nth reference (1-based); a marker past the list is a server error later.
	for (const match of v.prompt.matchAll(AUDIO_MARKER)) {
		const n = Number(match[1]);
		if (n < 1 || n > refs) {
			ctx.addIssue({
				code: 'custom',
				path: ['prompt'],
				message: refs === 0
					? `prompt refers to @audio${n} but no audio_references are given`
					: `prompt refers to @audio${n} but only ${refs} audio_references ${refs === 1 ? 'is' : 'are'} given`,
			});
			break;
		}
	}
});

export const QWEN_TTS_MODEL = 'qwen3-tts-vd';
const QWEN_TTS_LANGUAGES = ['Auto', 'Chinese', 'English', 'Japanese', 'Korean', 'French', 'German', 'Spanish', 'Italian', 'Russian', 'Portuguese'] as const;
/** Designed voices are named `qwen-tts-vd-{preferred_name}-voice-{timestamp}`; system voices are rejected. */
const DESIGNED_VOICE = /^qwen-tts-vd-[A-Za-z0-9_-]+$/;

/** `qwen3-tts-vd`: speaks text with a voice made by `qwen-voice-design`. */
export const qwenTtsRequest = z.strictObject({
	model: z.literal(QWEN_TTS_MODEL),
	prompt: requiredText(QWEN_TTS_MAX_PROMPT),
	voice: z.string().max(256).regex(DESIGNED_VOICE, {
		message: 'must be a designed voice (qwen-tts-vd-…) from a qwen-voice-design task; system voices are not accepted',
	}),
	language_type: z.enum(QWEN_TTS_LANGUAGES).optional(),
	callback_url: callbackUrl().optional(),
});

export const QWEN_VOICE_DESIGN_MODEL = 'qwen-voice-design';
const QWEN_VD_LANGUAGES = ['zh', 'en', 'ja', 'ko', 'de', 'fr', 'it', 'ru', 'pt', 'es'] as const;
const QWEN_VD_SAMPLE_RATES = [8000, 16000, 24000, 48000] as const;
const QWEN_VD_FORMATS = ['pcm', 'wav', 'mp3', 'opus'] as const;
const QWEN_VD_TARGET_MODELS = ['qwen3-tts-vd-2026-01-26', 'qwen3-tts-vd-realtime-2026-01-15', 'qwen3-tts-vd-realtime-2025-12-16'] as const;

/** `qwen-voice-design`: designs a voice from a description and returns its name plus a preview clip. */
export const qwenVoiceDesignRequest = z.strictObject({
	model: z.literal(QWEN_VOICE_DESIGN_MODEL),
	voice_prompt: requiredText(2048),
	preview_text: requiredText(1024),
	preferred_name: z.string().min(1).max(16).regex(/^[a-zA-Z0-9_]+$/, {
		message: 'must contain only letters, digits and underscores',
	}),
	language: z.enum(QWEN_VD_LANGUAGES).default('zh'),
	sample_rate: z.literal(QWEN_VD_SAMPLE_RATES).default(24000),
	response_format: z.enum(QWEN_VD_FORMATS).default('wav'),
	target_model: z.enum(QWEN_VD_TARGET_MODELS).default('qwen3-tts-vd-2026-01-26'),
	callback_url: callbackUrl().optional(),
});

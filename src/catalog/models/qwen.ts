import { QWEN_TTS_MAX_PROMPT } from '../../api/evolink/limits';
import { HOUR, type ModelSpec } from '../types';

/** Qwen TTS: speech in a voice designed with `qwen-voice-design`. */
export const qwenTts: ModelSpec = {
	id: 'qwen3-tts-vd',
	provider: 'evolink',
	kind: 'speech',
	label: 'Qwen TTS (designed voice)',
	detail: 'Up to 600 characters in a voice you designed',
	promptField: 'prompt',
	maxPromptChars: QWEN_TTS_MAX_PROMPT,
	questions: [
		{ field: 'voice', kind: 'designedVoice', title: 'Designed voice' },
		{
			field: 'language_type',
			kind: 'pick',
			title: 'Language',
			advanced: true,
			default: 'Auto',
			items: ['Auto', 'Chinese', 'English', 'Japanese', 'Korean', 'French', 'German', 'Spanish', 'Italian', 'Russian', 'Portuguese'].map((l) => ({ value: l, label: l })),
		},
	],
	apiModel: () => 'qwen3-tts-vd',
	toRequest: (o) => pick(o, ['prompt', 'voice', 'language_type']),
	// The docs leave the output format open; DashScope's VD model answers wav.
	fileExtension: () => 'wav',
	linkTtlMs: 24 * HOUR,
};

/** Qwen voice design: a new voice from a description, with a preview clip. */
export const qwenVoiceDesign: ModelSpec = {
	id: 'qwen-voice-design',
	provider: 'evolink',
	kind: 'voice',
	label: 'Design a voice (Qwen)',
	detail: 'Describe a voice; it becomes selectable for Qwen TTS',
	promptField: 'voice_prompt',
	questions: [
		{ field: 'preview_text', kind: 'text', title: 'Preview sentence the new voice reads', default: 'Hello! This is how my new voice sounds.' },
		{
			field: 'preferred_name',
			kind: 'text',
			title: 'Name (letters, digits, _; up to 16)',
			pattern: /^[a-zA-Z0-9_]{1,16}$/,
			patternHint: 'Use 1–16 letters, digits or underscores.',
		},
		{
			field: 'language',
			kind: 'pick',
			title: 'Language of the preview',
			default: 'en',
			items: ['en', 'zh', 'ja', 'ko', 'de', 'fr', 'it', 'ru', 'pt', 'es'].map((l) => ({ value: l, label: l })),
		},
		{
			field: 'response_format',
			kind: 'pick',
			title: 'Preview format',
			advanced: true,
			default: 'mp3',
			items: ['mp3', 'wav', 'pcm', 'opus'].map((f) => ({ value: f, label: f })),
		},
	],
	apiModel: () => 'qwen-voice-design',
	toRequest: (o) => pick(o, ['voice_prompt', 'preview_text', 'preferred_name', 'language', 'sample_rate', 'response_format', 'target_model']),
	fileExtension: (r) => ({ mp3: 'mp3', opus: 'ogg', pcm: 'wav' } as Record<string, string>)[String(r.response_format)] ?? 'wav',
	pcmSampleRate: (r) => r.response_format === 'pcm' ? Number(r.sample_rate ?? 24000) : undefined,
	linkTtlMs: 24 * HOUR,
	follows: { voice: true },
};

/** The listed keys of `o` that are set. */
export function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const k of keys) { if (o[k] !== undefined && o[k] !== '') { out[k] = o[k]; } }
	return out;
}

import { SEED_AUDIO_MAX_PROMPT } from '../../api/evolink/limits';
import { HOUR, type ModelSpec } from '../types';

/** Seed-Audio: speech from text with a preset voice, a cloned voice (reference audio), or matched to an image. */
export const seedAudio: ModelSpec = {
	id: 'doubao-seed-audio-1-0',
	provider: 'evolink',
	kind: 'speech',
	label: 'Seed-Audio speech',
	detail: 'Up to 1500 characters; 288 preset voices or a cloned voice; wav, mp3, pcm or ogg_opus',
	promptField: 'prompt',
	maxPromptChars: SEED_AUDIO_MAX_PROMPT,
	questions: [
		// A clone (reference audio) or an image replaces the preset voice; the docs forbid references with images.
		{ field: 'voice', kind: 'voice', title: 'Voice', setting: 'speech.voice', when: (a) => !a.referenceAudio && !a.audio_references && !a.image && !a.image_urls },
		{
			field: 'format',
			kind: 'pick',
			title: 'Audio format',
			advanced: true,
			setting: 'speech.format',
			default: 'mp3',
			items: [
				{ value: 'mp3', label: 'MP3', description: 'plays in VS Code' },
				{ value: 'wav', label: 'WAV', description: 'plays in VS Code' },
				{ value: 'pcm', label: 'PCM', description: 'wrapped into WAV on download' },
				{ value: 'ogg_opus', label: 'Ogg Opus', description: 'does not play in desktop VS Code' },
			],
		},
		{
			field: 'sample_rate',
			kind: 'pick',
			title: 'Sample rate',
			advanced: true,
			setting: 'speech.sampleRate',
			default: 24000,
			items: [8000, 16000, 24000, 32000, 44100, 48000].map((r) => ({ value: r, label: `${r} Hz` })),
		},
		{ field: 'speech_rate', kind: 'number', title: 'Speed (0.5–2.0)', min: 0.5, max: 2, default: 1, advanced: true, setting: 'speech.speed' },
		{ field: 'loudness_rate', kind: 'number', title: 'Loudness (0.5–2.0)', min: 0.5, max: 2, default: 1, advanced: true },
		{ field: 'pitch_rate', kind: 'number', title: 'Pitch in semitones (−12…12)', min: -12, max: 12, integer: true, default: 0, advanced: true },
	],
	apiModel: () => 'doubao-seed-audio-1-0',
	toRequest(o) {
		const refs = [o.voice, o.referenceAudio].filter((v): v is string => typeof v === 'string' && v.length > 0);
		const request: Record<string, unknown> = { prompt: o.prompt };
		if (Array.isArray(o.audio_references)) { request.audio_references = o.audio_references; }
		else if (refs.length) { request.audio_references = refs; }
		for (const key of ['image_urls', 'format', 'sample_rate', 'speech_rate', 'loudness_rate', 'pitch_rate']) {
			if (o[key] !== undefined) { request[key] = o[key]; }
		}
		return request;
	},
	fileExtension: (r) => ({ mp3: 'mp3', pcm: 'wav', ogg_opus: 'ogg' } as Record<string, string>)[String(r.format)] ?? 'wav',
	pcmSampleRate: (r) => r.format === 'pcm' ? Number(r.sample_rate ?? 24000) : undefined,
	linkTtlMs: 24 * HOUR,
	uploads: [{ field: 'referenceAudio', target: 'audio_references' }, { field: 'image', target: 'image_urls' }],
};

import { HOUR, type ModelSpec } from '../types';
import { pick } from './qwen';

const SUNO_VERSIONS = ['suno-v5-beta', 'suno-v5.5-beta', 'suno-v4.5plus-beta', 'suno-v4.5all-beta', 'suno-v4.5-beta', 'suno-v4-beta'];
const custom = (a: Record<string, unknown>) => a.custom_mode === true;

/** Suno music on EvoLink: simple mode (a description) or custom mode (lyrics, style, title). Several variants per task. */
export const sunoMusic: ModelSpec = {
	id: 'suno-music',
	provider: 'evolink',
	kind: 'music',
	label: 'Suno song',
	detail: 'A song from a description, or from your lyrics with style and title; two variants',
	promptField: 'prompt',
	questions: [
		{ field: 'model', kind: 'pick', title: 'Suno version', default: 'suno-v5-beta', advanced: true, items: SUNO_VERSIONS.map((v) => ({ value: v, label: v })) },
		{ field: 'custom_mode', kind: 'pick', title: 'Mode', default: false, items: [
			{ value: false, label: 'Simple', description: 'the text describes the song (up to 500 characters)' },
			{ value: true, label: 'Custom', description: 'the text is the lyrics; you give a style and a title' },
		] },
		{ field: 'instrumental', kind: 'pick', title: 'Vocals', default: false, items: [
			{ value: false, label: 'With vocals' }, { value: true, label: 'Instrumental' },
		] },
		{ field: 'style', kind: 'text', title: 'Style (e.g. "lo-fi hip hop, mellow piano")', when: custom },
		{ field: 'title', kind: 'text', title: 'Title (up to 80 characters)', when: custom },
	],
	apiModel: (o) => typeof o.model === 'string' ? o.model : 'suno-v5-beta',
	toRequest: (o) => pick(o, ['prompt', 'custom_mode', 'instrumental', 'style', 'title', 'negative_tags', 'vocal_gender',
		'style_weight', 'weirdness_constraint', 'audio_weight', 'persona_id', 'persona_model', 'duration']),
	fileExtension: () => 'mp3',
	linkTtlMs: 72 * HOUR,
};

/** A reusable singer from one variant of a finished Suno music task. */
export const sunoPersona: ModelSpec = {
	id: 'suno-persona',
	provider: 'evolink',
	kind: 'persona',
	label: 'Suno persona',
	detail: 'A reusable singer made from a finished Suno song',
	promptField: 'description',
	questions: [
		{ field: 'name', kind: 'text', title: 'Persona name' },
	],
	apiModel: () => 'suno-persona',
	toRequest: (o) => ({ model_params: pick(o, ['source_task_id', 'result_id', 'name', 'description', 'vocal_start', 'vocal_end', 'style']) }),
	fileExtension: () => 'mp3',
	linkTtlMs: 72 * HOUR,
};

const KEYS = ['Any', 'C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B', 'Cm', 'C#m', 'Dm', 'D#m', 'Em', 'Fm', 'F#m', 'Gm', 'G#m', 'Am', 'A#m', 'Bm'];

/** Suno Sounds (sunoapi.org): loops and effects with loop, BPM and key. */
export const sunoSounds: ModelSpec = {
	id: 'suno-sounds',
	provider: 'sounds',
	kind: 'sound',
	label: 'Suno sound / loop',
	detail: 'A sound effect or a seamless loop, with BPM and key (Suno Sounds key)',
	promptField: 'prompt',
	variations: true,
	questions: [
		{ field: 'soundLoop', kind: 'pick', title: 'Loop', default: true, setting: 'sounds.loop', items: [
			{ value: true, label: 'Loop', description: 'seamless, for music beds and ambiences' },
			{ value: false, label: 'One-shot', description: 'an effect that plays once' },
		] },
		{ field: 'soundTempo', kind: 'number', title: 'Tempo in BPM (1–300; empty for auto)', min: 1, max: 300, integer: true, optional: true },
		{ field: 'soundKey', kind: 'pick', title: 'Key', default: 'Any', items: KEYS.map((k) => ({ value: k, label: k })) },
		{ field: 'model', kind: 'pick', title: 'Model', default: 'V5', advanced: true, items: [{ value: 'V5', label: 'V5' }, { value: 'V5_5', label: 'V5.5' }] },
	],
	apiModel: (o) => typeof o.model === 'string' ? o.model : 'V5',
	toRequest: (o) => pick(o, ['prompt', 'soundLoop', 'soundTempo', 'soundKey', 'grabLyrics']),
	assetTags: (p) => ({
		loop: p.soundLoop === true,
		...(typeof p.soundTempo === 'number' ? { bpm: p.soundTempo } : {}),
		...(typeof p.soundKey === 'string' && p.soundKey !== 'Any' ? { key: p.soundKey } : {}),
	}),
	fileExtension: () => 'mp3',
	linkTtlMs: 72 * HOUR,
};

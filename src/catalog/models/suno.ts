import { SUNO_MODEL_ALIASES, SUNO_MUSIC_MODELS, SUNO_V5_FAMILY } from '../../api/evolink/sunoModels';
import { HOUR, type ModelSpec, type ModelVersions } from '../types';
import { pick } from './qwen';

const custom = (a: Record<string, unknown>) => a.custom_mode === true;

/** The Suno music versions (named once, in the zod-free api module); the default is offered first. */
const MUSIC_VERSIONS: ModelVersions = {
	field: 'model',
	default: 'suno-v5-beta',
	ids: ['suno-v5-beta', ...SUNO_MUSIC_MODELS.filter((v) => v !== 'suno-v5-beta')],
	aliases: Object.keys(SUNO_MODEL_ALIASES),
	// `suno-v5-beta` → `Suno V5`, `suno-v4.5plus-beta` → `Suno V4.5plus`.
	label: (id) => id.replace(/^suno-v/, 'Suno V').replace(/-beta$/, ''),
};
const versionOf = (o: Record<string, unknown>): string => typeof o.model === 'string' ? o.model : MUSIC_VERSIONS.default;

/** Suno music on EvoLink: simple mode (a description) or custom mode (lyrics, style, title). Several variants per task. */
export const sunoMusic: ModelSpec = {
	id: 'suno-music',
	provider: 'evolink',
	kind: 'music',
	label: 'Suno song',
	detail: 'A song from a description, or from your lyrics with style and title; two variants',
	promptField: 'prompt',
	questions: [
		{ field: 'model', kind: 'pick', title: 'Suno version', default: MUSIC_VERSIONS.default, advanced: true, items: MUSIC_VERSIONS.ids.map((v) => ({ value: v, label: v })) },
		{
			field: 'custom_mode',
			kind: 'pick',
			title: 'Mode',
			default: false,
			items: [
				{ value: false, label: 'Simple', description: 'the text describes the song (up to 500 characters)' },
				{ value: true, label: 'Custom', description: 'the text is the lyrics; you give a style and a title' },
			],
		},
		{
			field: 'instrumental',
			kind: 'pick',
			title: 'Vocals',
			default: false,
			items: [
				{ value: false, label: 'With vocals' },
				{ value: true, label: 'Instrumental' },
			],
		},
		{ field: 'style', kind: 'text', title: 'Style (e.g. "lo-fi hip hop, mellow piano")', when: custom },
		{ field: 'title', kind: 'text', title: 'Title (up to 80 characters)', when: custom },
	],
	apiModel: versionOf,
	toRequest: (o) =>
		pick(o, [
			'prompt',
			'custom_mode',
			'instrumental',
			'style',
			'title',
			'negative_tags',
			'vocal_gender',
			'style_weight',
			'weirdness_constraint',
			'audio_weight',
			'persona_id',
			'persona_model',
			'duration',
		]),
	fileExtension: () => 'mp3',
	linkTtlMs: 72 * HOUR,
	versions: MUSIC_VERSIONS,
	// Songs take minutes: no need to ask every few seconds near the end.
	poll: { capMs: 45_000 },
	follows: { persona: 'suno-persona' },
	singsWithPersona: {
		// Custom mode on a V5-family version, with no persona chosen yet (the schema refuses the rest).
		offer: (o) => custom(o) && o.persona_id === undefined && (SUNO_V5_FAMILY as readonly string[]).includes(versionOf(o)),
		fields: (personaId) => ({ persona_id: personaId, persona_model: 'voice_persona' }),
	},
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

/** Suno Sounds versions (sunoapi.org's `model`; `api/sounds/requests.ts` validates the same list). */
const soundsVersion = (v: string): string => v.replace('_', '.');
const SOUNDS_VERSIONS: ModelVersions = { field: 'model', default: 'V5', ids: ['V5', 'V5_5'], label: (v) => `Suno Sounds ${soundsVersion(v)}` };

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
		{
			field: 'soundLoop',
			kind: 'pick',
			title: 'Loop',
			default: true,
			setting: 'sounds.loop',
			items: [
				{ value: true, label: 'Loop', description: 'seamless, for music beds and ambiences' },
				{ value: false, label: 'One-shot', description: 'an effect that plays once' },
			],
		},
		{ field: 'soundTempo', kind: 'number', title: 'Tempo in BPM (1–300; empty for auto)', min: 1, max: 300, integer: true, optional: true },
		{ field: 'soundKey', kind: 'pick', title: 'Key', default: 'Any', items: KEYS.map((k) => ({ value: k, label: k })) },
		{
			field: 'model',
			kind: 'pick',
			title: 'Model',
			default: SOUNDS_VERSIONS.default,
			advanced: true,
			items: SOUNDS_VERSIONS.ids.map((v) => ({ value: v, label: soundsVersion(v) })),
		},
	],
	apiModel: (o) => typeof o.model === 'string' ? o.model : SOUNDS_VERSIONS.default,
	toRequest: (o) => pick(o, ['prompt', 'soundLoop', 'soundTempo', 'soundKey', 'grabLyrics']),
	assetTags: (p) => ({
		loop: p.soundLoop === true,
		...(typeof p.soundTempo === 'number' ? { bpm: p.soundTempo } : {}),
		...(typeof p.soundKey === 'string' && p.soundKey !== 'Any' ? { key: p.soundKey } : {}),
	}),
	fileExtension: () => 'mp3',
	linkTtlMs: 72 * HOUR,
	versions: SOUNDS_VERSIONS,
};

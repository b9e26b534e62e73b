import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { SUNO_MUSIC_MODELS, SUNO_V5_FAMILY } from '../../../src/api/evolink/sunoSchemas';
import {
	addModels,
	canMakePersona,
	defaultModelOf,
	getModel,
	loopOf,
	makesVoice,
	MODELS,
	modelLabel,
	modelsOfKind,
	personaMakerOf,
	pollPolicyOf,
	presetKindOf,
	quickGenerateModels,
	speechModels,
	withExtraModels,
	type ModelSpec,
} from '../../../src/catalog';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { modelLabel as taskModelLabel, taskContextValue } from '../../../src/views/taskLabels';

/** Issue 9: a model is data. A model added only to the catalog shows up in every flow that lists or treats models. */

const base: Omit<ModelSpec, 'id' | 'kind' | 'label' | 'detail'> = {
	provider: 'evolink',
	promptField: 'prompt',
	questions: [],
	apiModel: () => 'x',
	toRequest: (o) => o,
	fileExtension: () => 'mp3',
	linkTtlMs: 1000,
};

/** A sound model with versions, loops, a slow poll, and results that can become a persona. */
const chirp: ModelSpec = {
	...base,
	id: 'test-chirp',
	kind: 'sound',
	label: 'Test chirp',
	detail: 'A chirp for tests',
	versions: { field: 'model', ids: ['chirp-v1', 'chirp-v2'], default: 'chirp-v1', label: (v) => `Chirp ${v.slice(-2).toUpperCase()}` },
	assetTags: (p) => ({ loop: p.chirpLoop === true, ...(typeof p.chirpBpm === 'number' ? { bpm: p.chirpBpm } : {}) }),
	poll: { capMs: 20_000 },
	follows: { persona: 'test-chirp-persona' },
	singsWithPersona: { offer: (o) => o.persona === undefined, fields: (id) => ({ persona: id }) },
};
const chirpPersona: ModelSpec = { ...base, id: 'test-chirp-persona', kind: 'persona', label: 'Chirp persona', detail: 'A singer from a chirp' };
const whisper: ModelSpec = {
	...base,
	id: 'test-whisper',
	kind: 'speech',
	label: 'Test whisper',
	detail: 'Speech in a made voice',
	questions: [{ field: 'voice', kind: 'designedVoice', title: 'Voice' }],
};
const voiceMaker: ModelSpec = { ...base, id: 'test-voice-maker', kind: 'voice', label: 'Make a whisper voice', detail: 'A voice for tests', follows: { voice: true } };
const extra = [chirp, chirpPersona, whisper, voiceMaker];

const task = (model: string): TaskSnapshot => ({
	id: 't1',
	provider: 'evolink',
	model,
	prompt: 'a chirp',
	params: {},
	status: 'completed',
	progress: 100,
	rawStatus: 'completed',
	createdAt: 0,
	updatedAt: 0,
	results: [],
	resultData: {},
});

test('an extra model appears in every list and lookup while it is registered, and nowhere after', () => {
	withExtraModels(extra, () => {
		assert.ok(MODELS.includes(chirp));
		assert.equal(getModel('test-chirp'), chirp);
		assert.equal(getModel('chirp-v2'), chirp, 'found by a version id');
		// Quick Generate lists what a prompt alone can start: not the persona made from a result.
		const quick = quickGenerateModels().map((m) => m.id);
		assert.ok(quick.includes('test-chirp') && quick.includes('test-whisper') && quick.includes('test-voice-maker'));
		assert.ok(!quick.includes('test-chirp-persona'));
		assert.ok(modelsOfKind('sound').includes(chirp));
		assert.ok(modelsOfKind('persona').includes(chirpPersona));
		// Built-in models stay the defaults of their kinds (added models come after them).
		assert.equal(defaultModelOf('sound').id, 'suno-sounds');
		assert.equal(modelLabel('test-chirp'), 'Test chirp');
		assert.equal(modelLabel('chirp-v2'), 'Chirp V2');
		assert.equal(presetKindOf('test-chirp', { chirpLoop: true }), 'loop');
		assert.equal(presetKindOf('test-chirp', {}), 'sound');
		assert.equal(presetKindOf('test-whisper', {}), 'speech');
		assert.deepEqual(pollPolicyOf('test-chirp'), { capMs: 20_000 });
		assert.equal(pollPolicyOf('test-whisper'), undefined);
		assert.equal(canMakePersona('test-chirp'), true);
		assert.equal(canMakePersona('chirp-v1'), true);
		assert.equal(personaMakerOf('test-chirp'), 'test-chirp-persona');
		assert.equal(canMakePersona('test-chirp-persona'), false);
		assert.deepEqual(chirp.singsWithPersona?.fields('p1'), { persona: 'p1' });
		// Loops: the model's own tags, snake_case tolerated.
		assert.deepEqual(loopOf('test-chirp', { chirp_loop: true, chirp_bpm: 120 }), { isLoop: true, bpm: 120 });
		assert.deepEqual(loopOf('test-whisper', { loop: true, bpm: 120 }), { isLoop: false });
		// Speech: a model needing a made voice is offered once the user has one.
		assert.ok(!speechModels(false).includes(whisper));
		assert.ok(speechModels(true).includes(whisper));
		assert.equal(makesVoice('test-voice-maker'), true);
		// The tree's labels and menu flags.
		assert.equal(taskModelLabel(task('test-chirp')), 'Test chirp');
		assert.match(taskContextValue(task('test-chirp')), /:music/);
		assert.doesNotMatch(taskContextValue(task('test-whisper')), /:music/);
	});
	assert.equal(getModel('test-chirp'), undefined);
	assert.equal(getModel('chirp-v2'), undefined);
	assert.ok(!quickGenerateModels().some((m) => m.id.startsWith('test-')));
	assert.equal(modelLabel('test-chirp'), 'test-chirp');
	assert.equal(pollPolicyOf('test-chirp'), undefined);
	assert.equal(canMakePersona('test-chirp'), false);
	assert.equal(loopOf('test-chirp', { chirpLoop: true }).isLoop, false);
});

test('withExtraModels removes the models after an async body settles, and when it throws', async () => {
	await withExtraModels([chirp], async () => {
		await Promise.resolve();
		assert.equal(getModel('test-chirp'), chirp);
	});
	assert.equal(getModel('test-chirp'), undefined);
	assert.throws(() =>
		withExtraModels([chirp], () => {
			throw new Error('boom');
		}), /boom/);
	assert.equal(getModel('test-chirp'), undefined);
	await assert.rejects(
		withExtraModels([chirp], async () => {
			throw new Error('later');
		}),
		/later/,
	);
	assert.equal(getModel('test-chirp'), undefined);
});

test('addModels refuses an id the catalog already has; its remover takes out only what it added', () => {
	assert.throws(() => addModels([{ ...chirp, id: 'suno-music' }]), /already has a model "suno-music"/);
	const before = MODELS.length;
	const remove = addModels([chirp]);
	assert.equal(MODELS.length, before + 1);
	remove();
	remove();
	assert.equal(MODELS.length, before);
});

test('built-in models: what used to be hard-coded outside the catalog is their data', () => {
	// Poll caps (were in tasks/engine.ts).
	assert.deepEqual(pollPolicyOf('doubao-seedance-1.0-pro-fast'), { capMs: 45_000 });
	assert.deepEqual(pollPolicyOf('suno-music'), { capMs: 45_000 });
	assert.equal(pollPolicyOf('doubao-seed-audio-1-0'), undefined);
	assert.equal(pollPolicyOf('suno-sounds'), undefined);
	// Persona eligibility (was in commands/taskActions.ts, views and preview).
	for (const id of ['suno-music', 'suno-v5-beta', 'suno-v4-beta', 'suno-v5']) { assert.equal(canMakePersona(id), true, id); }
	for (const id of ['suno-sounds', 'suno-persona', 'doubao-seed-audio-1-0', 'nope']) { assert.equal(canMakePersona(id), false, id); }
	assert.equal(personaMakerOf('suno-music'), 'suno-persona');
	// Every persona maker a model names is a persona model of the catalog.
	for (const m of MODELS) {
		if (m.follows?.persona) { assert.equal(getModel(m.follows.persona)?.kind, 'persona', m.id); }
	}
	// Singing with a persona (was the V5 list in commands/generationCommands.ts).
	const music = getModel('suno-music')!;
	const offer = (o: Record<string, unknown>) => music.singsWithPersona!.offer(o);
	for (const v of SUNO_V5_FAMILY) { assert.equal(offer({ custom_mode: true, model: v }), true, v); }
	assert.equal(offer({ custom_mode: true }), true, 'the default version');
	assert.equal(offer({ custom_mode: true, model: 'suno-v4.5-beta' }), false);
	assert.equal(offer({ custom_mode: false, model: 'suno-v5-beta' }), false);
	assert.equal(offer({ custom_mode: true, model: 'suno-v5-beta', persona_id: 'p' }), false);
	assert.deepEqual(music.singsWithPersona!.fields('p1'), { persona_id: 'p1', persona_model: 'voice_persona' });
	// The version list is the schema's, default first.
	assert.deepEqual([...music.versions!.ids].sort(), [...SUNO_MUSIC_MODELS].sort());
	assert.equal(music.versions!.ids[0], music.versions!.default);
	// Labels (were MODEL_LABELS and the Suno version regex in preview/previewModel.ts).
	assert.equal(modelLabel('suno-v5-beta'), 'Suno V5');
	assert.equal(modelLabel('suno-v5.5-beta'), 'Suno V5.5');
	assert.equal(modelLabel('suno-music'), 'Suno song');
	assert.equal(modelLabel('V5_5'), 'Suno Sounds V5.5');
	assert.equal(modelLabel('doubao-seed-audio-1-0'), 'Seed-Audio speech');
	assert.equal(modelLabel('something-else'), 'something-else');
	// Loops (were previewModel.ts's loopInfo).
	assert.deepEqual(loopOf('suno-sounds', { soundLoop: true, soundTempo: 90, soundKey: 'Am' }), { isLoop: true, bpm: 90, key: 'Am' });
	assert.deepEqual(loopOf('suno-sounds', { sound_loop: true, sound_tempo: 100, sound_key: 'any' }), { isLoop: true, bpm: 100 });
	assert.deepEqual(loopOf('suno-sounds', { loop: true, tempo: 80, key: 'C' }), { isLoop: true, bpm: 80, key: 'C' });
	assert.deepEqual(loopOf('suno-sounds', { soundLoop: false }), { isLoop: false });
	assert.deepEqual(loopOf('suno-music', { loop: true, bpm: 90 }), { isLoop: false });
	// Voices (was the designed-voice check in commands/generationCommands.ts).
	assert.equal(makesVoice('qwen-voice-design'), true);
	assert.deepEqual(speechModels(false).map((m) => m.id), ['doubao-seed-audio-1-0']);
	assert.deepEqual(speechModels(true).map((m) => m.id), ['doubao-seed-audio-1-0', 'qwen3-tts-vd']);
	// The commands' models (were literals in commands/generationCommands.ts).
	assert.deepEqual((['speech', 'sound', 'music', 'video', 'voice'] as const).map((k) => defaultModelOf(k).id), [
		'doubao-seed-audio-1-0',
		'suno-sounds',
		'suno-music',
		'doubao-seedance-1.0-pro-fast',
		'qwen-voice-design',
	]);
	assert.deepEqual(quickGenerateModels().map((m) => m.id), MODELS.filter((m) => m.kind !== 'persona').map((m) => m.id));
});

/**
 * The model catalog: every model the extension can run, as data. Adding a model is adding
 * one module under ./models and listing it here; nothing outside the catalog names a model.
 * Pure: no `vscode` import.
 */
import { qwenTts, qwenVoiceDesign } from './models/qwen';
import { seedance } from './models/seedance';
import { seedAudio } from './models/seedAudio';
import { sunoMusic, sunoPersona, sunoSounds } from './models/suno';
import type { ModelKind, ModelSpec } from './types';

export type { ModelKind, ModelSpec, ModelVersions, PickItem, Question } from './types';

/** The models, in the order the UI lists them; the first of a kind is that kind's default. */
const registry: ModelSpec[] = [seedAudio, qwenTts, qwenVoiceDesign, sunoSounds, sunoMusic, sunoPersona, seedance];

/** Every model (live: `addModels` changes it in place). */
export const MODELS: readonly ModelSpec[] = registry;

/**
 * Adds models to the catalog, after the built-in ones; the returned function removes them
 * again. For tests, and for extensions that bring their own models.
 */
export function addModels(models: readonly ModelSpec[]): () => void {
	for (const m of models) {
		if (registry.some((r) => r.id === m.id)) { throw new Error(`The catalog already has a model "${m.id}".`); }
	}
	registry.push(...models);
	return () => {
		for (const m of models) {
			const i = registry.indexOf(m);
			if (i >= 0) { registry.splice(i, 1); }
		}
	};
}

/** Runs `fn` with `models` added to the catalog, and removes them when it returns or settles. For tests. */
export function withExtraModels<T>(models: readonly ModelSpec[], fn: () => T): T {
	const remove = addModels(models);
	let out: T;
	try {
		out = fn();
	} catch (err) {
		remove();
		throw err;
	}
	if (out instanceof Promise) { return out.finally(remove) as T; }
	remove();
	return out;
}

/** The model with this catalog id; also accepts a provider model id or alias of its versions (e.g. `suno-v5-beta`). */
export function getModel(id: string): ModelSpec | undefined {
	return registry.find((m) => m.id === id)
		?? registry.find((m) => m.versions && (m.versions.ids.includes(id) || m.versions.aliases?.includes(id)));
}

/** Models of one kind. */
export function modelsOfKind(kind: ModelKind): ModelSpec[] {
	return registry.filter((m) => m.kind === kind);
}

/** The model a kind's command uses unless told otherwise: the first of that kind. */
export function defaultModelOf(kind: ModelKind): ModelSpec {
	const spec = registry.find((m) => m.kind === kind);
	if (!spec) { throw new Error(`The catalog has no ${kind} model.`); }
	return spec;
}

/** What Quick Generate offers: every model a prompt alone can start (not those made from another task's result). */
export function quickGenerateModels(): ModelSpec[] {
	const madeFromResults = new Set(registry.map((m) => m.follows?.persona).filter((id) => id !== undefined));
	return registry.filter((m) => m.kind !== 'persona' && !madeFromResults.has(m.id));
}

/** Whether a speech model speaks only in a voice made by another task (a `designedVoice` question). */
export function needsDesignedVoice(spec: ModelSpec): boolean {
	return spec.questions.some((q) => q.kind === 'designedVoice');
}

/** The speech models to choose from: those that need a designed voice only when the user has one. */
export function speechModels(hasDesignedVoice: boolean): ModelSpec[] {
	return modelsOfKind('speech').filter((m) => hasDesignedVoice || !needsDesignedVoice(m));
}

/** A readable model name: the catalog's label, a version's name (`Suno V5` for `suno-v5-beta`), or the id itself. */
export function modelLabel(id: string): string {
	const spec = getModel(id);
	if (!spec) { return id; }
	return spec.id === id || !spec.versions ? spec.label : spec.versions.label(id);
}

/** Whether a finished task of this model can turn a result into a persona. */
export function canMakePersona(id: string): boolean {
	return personaMakerOf(id) !== undefined;
}

/** The catalog id of the model that makes a persona from a result of this model, if any. */
export function personaMakerOf(id: string): string | undefined {
	return getModel(id)?.follows?.persona;
}

/** Whether a finished task of this model made a voice (`resultData.voice`) that speech models can use. */
export function makesVoice(id: string): boolean {
	return getModel(id)?.follows?.voice === true;
}

/** How a model's tasks are polled beyond the scheduler's defaults (a longer cap for slow models); undefined for the defaults. */
export function pollPolicyOf(model: string): { capMs?: number } | undefined {
	const poll = getModel(model)?.poll;
	return poll ? { ...poll } : undefined;
}

export interface LoopInfo {
	isLoop: boolean;
	bpm?: number;
	key?: string;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const camel = (key: string): string => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Loop, tempo and key of a task's request, for models that tag their results (`assetTags`);
 * `{ isLoop: false }` for the rest. The wire is camelCase; snake_case (`sound_loop`) and the
 * plain `loop`, `bpm`/`tempo` and `key` are tolerated, and a key of "Any" is no key.
 */
export function loopOf(model: string, params: Record<string, unknown> = {}): LoopInfo {
	const assetTags = getModel(model)?.assetTags;
	if (!assetTags) { return { isLoop: false }; }
	const camelCased: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(params)) { camelCased[camel(k)] = v; }
	const tags = assetTags({ ...camelCased, ...params });
	const isLoop = tags.loop === true || params.loop === true;
	const bpm = [tags.bpm, params.bpm, params.tempo].find(isNum);
	const rawKey = [tags.key, params.key].find(isStr);
	// "Any" is the provider's "no key chosen", not a key.
	const key = rawKey && rawKey.toLowerCase() !== 'any' ? rawKey : undefined;
	return { isLoop, ...(bpm !== undefined ? { bpm } : {}), ...(key !== undefined ? { key } : {}) };
}

/** Which export preset (`evolink.export.presets`) a task's results use; undefined for video. */
export type PresetKind = 'sound' | 'loop' | 'music' | 'speech';
export function presetKindOf(model: string, params: Record<string, unknown>): PresetKind | undefined {
	const spec = getModel(model);
	if (!spec || spec.kind === 'video') { return undefined; }
	if (spec.kind === 'speech' || spec.kind === 'music') { return spec.kind; }
	return loopOf(model, params).isLoop ? 'loop' : 'sound';
}

/** The text the tree shows for a task's prompt: one line, at most `max` characters. */
export function shortPrompt(prompt: string, max = 60): string {
	const line = prompt.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The model catalog: every model the extension can run, as data. Adding a model is adding
 * one module under ./models and listing it here. Pure: no `vscode` import.
 */
import { qwenTts, qwenVoiceDesign } from './models/qwen';
import { seedance } from './models/seedance';
import { seedAudio } from './models/seedAudio';
import { sunoMusic, sunoPersona, sunoSounds } from './models/suno';
import type { ModelKind, ModelSpec } from './types';

export type { ModelKind, ModelSpec, PickItem, Question } from './types';

export const MODELS: readonly ModelSpec[] = [seedAudio, qwenTts, qwenVoiceDesign, sunoSounds, sunoMusic, sunoPersona, seedance];

/** The model with this catalog id; also accepts a provider model id (e.g. `suno-v5-beta`). */
export function getModel(id: string): ModelSpec | undefined {
	return MODELS.find((m) => m.id === id) ?? (/^suno-v/.test(id) ? sunoMusic : undefined);
}

/** Models of one kind. */
export function modelsOfKind(kind: ModelKind): ModelSpec[] {
	return MODELS.filter((m) => m.kind === kind);
}

/** Which export preset (`evolink.export.presets`) a task's results use; undefined for video. */
export type PresetKind = 'sound' | 'loop' | 'music' | 'speech';
export function presetKindOf(model: string, params: Record<string, unknown>): PresetKind | undefined {
	const spec = getModel(model);
	if (!spec || spec.kind === 'video') { return undefined; }
	if (spec.kind === 'speech' || spec.kind === 'music') { return spec.kind; }
	return spec.assetTags?.(params).loop ? 'loop' : 'sound';
}

/** The text the tree shows for a task's prompt: one line, at most `max` characters. */
export function shortPrompt(prompt: string, max = 60): string {
	const line = prompt.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

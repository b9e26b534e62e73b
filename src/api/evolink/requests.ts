/**
 * The EvoLink model registry: which schema validates a model's request and which endpoint takes it.
 * `validateRequest` runs before any POST, so a bad request costs nothing and names the field.
 * Pure: no `vscode` import.
 */
import type { z } from 'zod';
import { runSchema, type ValidationResult } from '../validation';
import { QWEN_TTS_MODEL, QWEN_VOICE_DESIGN_MODEL, qwenTtsRequest, qwenVoiceDesignRequest, SEED_AUDIO_MODEL, seedAudioRequest } from './audioSchemas';
import { SUNO_MODEL_ALIASES, SUNO_MUSIC_MODELS, type SunoMusicModel } from './sunoModels';
import { SUNO_PERSONA_MODEL, sunoMusicRequest, sunoPersonaRequest } from './sunoSchemas';
import { SEEDANCE_MODEL, seedanceRequest } from './videoSchemas';

const EVOLINK_MODELS = [
	SEED_AUDIO_MODEL,
	QWEN_TTS_MODEL,
	QWEN_VOICE_DESIGN_MODEL,
	...SUNO_MUSIC_MODELS,
	SUNO_PERSONA_MODEL,
	SEEDANCE_MODEL,
] as const;

const AUDIO_ENDPOINT = '/v1/audios/generations';
const VIDEO_ENDPOINT = '/v1/videos/generations';

/** Maps legacy Suno names to current ones; other names pass through. */
function canonicalModel(model: string): string {
	return SUNO_MODEL_ALIASES[model] ?? model;
}

const schemas = new Map<string, z.ZodType<Record<string, unknown>>>([
	[SEED_AUDIO_MODEL, seedAudioRequest],
	[QWEN_TTS_MODEL, qwenTtsRequest],
	[QWEN_VOICE_DESIGN_MODEL, qwenVoiceDesignRequest],
	[SUNO_PERSONA_MODEL, sunoPersonaRequest],
	[SEEDANCE_MODEL, seedanceRequest],
	...SUNO_MUSIC_MODELS.map((m: SunoMusicModel) => [m, sunoMusicRequest(m)] as const),
] as [string, z.ZodType<Record<string, unknown>>][]);

/** The creation endpoint for a model: video models post to the video route, everything else to audio. */
export function endpointFor(model: string): typeof AUDIO_ENDPOINT | typeof VIDEO_ENDPOINT {
	return canonicalModel(model) === SEEDANCE_MODEL ? VIDEO_ENDPOINT : AUDIO_ENDPOINT;
}

/**
 * Validates `input` for `model` and returns the exact body to send (defaults applied, model set),
 * or field-named issues. `input` may omit `model`; if it has one, it must match.
 */
export function validateRequest(model: string, input: unknown): ValidationResult<Record<string, unknown>> {
	const canonical = canonicalModel(model);
	const schema = schemas.get(canonical);
	if (!schema) {
		return { ok: false, issues: [{ field: 'model', message: `model ${model} is not supported (known: ${EVOLINK_MODELS.join(', ')})` }] };
	}
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return { ok: false, issues: [{ field: '', message: 'request must be an object of parameters' }] };
	}
	const given = (input as Record<string, unknown>).model;
	if (given !== undefined && (typeof given !== 'string' || canonicalModel(given) !== canonical)) {
		return { ok: false, issues: [{ field: 'model', message: `model in the parameters (${String(given)}) does not match ${model}` }] };
	}
	return runSchema(schema, { ...(input as Record<string, unknown>), model: canonical });
}

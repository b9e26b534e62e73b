/**
 * Request schema for Suno Sounds on sunoapi.org (`POST /api/v1/generate/sounds`, api-reference §7).
 * The wire format is camelCase, unlike EvoLink.
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import { requiredText, runSchema, type ValidationResult } from '../validation';

/** The catalog's id for this model; the wire `model` field is `V5` or `V5_5`. */
const SOUNDS_MODEL_ID = 'suno-sounds';
const SOUNDS_MODELS = ['V5', 'V5_5'] as const;
const SOUNDS_MAX_PROMPT = 500;
const SOUNDS_KEYS = [
	'Any',
	'Cm',
	'C#m',
	'Dm',
	'D#m',
	'Em',
	'Fm',
	'F#m',
	'Gm',
	'G#m',
	'Am',
	'A#m',
	'Bm',
	'C',
	'C#',
	'D',
	'D#',
	'E',
	'F',
	'F#',
	'G',
	'G#',
	'A',
	'A#',
	'B',
] as const;

/** Body of a sounds request. `soundTempo` omitted means "Auto". */
const soundsRequest = z.strictObject({
	prompt: requiredText(SOUNDS_MAX_PROMPT),
	// sunoapi.org documents only V5; kie.ai also takes V5_5. V5 is the safe default.
	model: z.enum(SOUNDS_MODELS).default('V5'),
	soundLoop: z.boolean().default(false),
	soundTempo: z.number().int().min(1).max(300).optional(),
	soundKey: z.enum(SOUNDS_KEYS).default('Any'),
	grabLyrics: z.boolean().default(false),
});

type SoundsRequest = z.output<typeof soundsRequest>;

/** Validates a sounds request; `model` may be the catalog id or a wire model (`V5`, `V5_5`). */
export function validateSoundsRequest(model: string, input: unknown): ValidationResult<SoundsRequest> {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return { ok: false, issues: [{ field: '', message: 'request must be an object of parameters' }] };
	}
	const body: Record<string, unknown> = { ...(input as Record<string, unknown>) };
	if ((SOUNDS_MODELS as readonly string[]).includes(model)) {
		body.model ??= model;
	} else if (model !== SOUNDS_MODEL_ID) {
		return { ok: false, issues: [{ field: 'model', message: `model ${model} is not a Suno Sounds model (use ${SOUNDS_MODEL_ID}, V5 or V5_5)` }] };
	}
	return runSchema(soundsRequest, body);
}

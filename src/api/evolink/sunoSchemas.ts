/**
 * Request schemas for Suno music and Suno persona on EvoLink (api-reference §6.4, §6.5).
 * Limits depend on the model version and on simple vs custom mode, so those checks are cross-field.
 * Fields that "have no effect" in simple mode are refused rather than silently dropped, so the user
 * is never charged for a song that ignored the style they typed.
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import { callbackUrl, hundredths, requiredText } from '../validation';
import { SUNO_V5_FAMILY, type SunoMusicModel } from './sunoModels';

// The version list lives in the zod-free `sunoModels.ts` (the catalog reads it at activation).
export { SUNO_MUSIC_MODELS, SUNO_V5_FAMILY } from './sunoModels';
const SUNO_SIMPLE_MAX_PROMPT = 500;
const SUNO_TITLE_MAX = 80;

/** Custom-mode limits: v4 is tighter than v4.5 and later. */
function sunoCustomLimits(model: SunoMusicModel): { prompt: number; style: number } {
	return model === 'suno-v4-beta' ? { prompt: 3000, style: 200 } : { prompt: 5000, style: 1000 };
}

/** Fields that only mean something in custom mode. */
const CUSTOM_ONLY = ['style', 'title', 'negative_tags', 'vocal_gender', 'style_weight', 'weirdness_constraint', 'audio_weight', 'persona_id', 'persona_model', 'duration'] as const;

/** Builds the schema for one Suno music model (limits differ per version). */
export function sunoMusicRequest(model: SunoMusicModel) {
	const limits = sunoCustomLimits(model);
	return z.strictObject({
		model: z.literal(model),
		custom_mode: z.boolean().default(false),
		instrumental: z.boolean().default(false),
		prompt: z.string().max(5000).optional(),
		style: z.string().max(1000).optional(),
		title: z.string().max(SUNO_TITLE_MAX).optional(),
		negative_tags: z.string().max(200).optional(),
		vocal_gender: z.enum(['m', 'f']).optional(),
		style_weight: hundredths(0, 1).optional(),
		weirdness_constraint: hundredths(0, 1).optional(),
		audio_weight: hundredths(0, 1).optional(),
		persona_id: z.string().min(1).max(128).optional(),
		persona_model: z.enum(['style_persona', 'voice_persona']).optional(),
		duration: z.number().int().min(10).max(360).optional(),
		callback_url: callbackUrl().optional(),
	}).superRefine((v, ctx) => {
		const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
		if (!v.custom_mode) {
			if (blank(v.prompt)) {
				ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'prompt is required in simple mode (a description of the song)' });
			} else if ((v.prompt ?? '').length > SUNO_SIMPLE_MAX_PROMPT) {
				ctx.addIssue({
					code: 'custom',
					path: ['prompt'],
					message: `prompt must be at most ${SUNO_SIMPLE_MAX_PROMPT} characters in simple mode (got ${(v.prompt ?? '').length})`,
				});
			}
			for (const field of CUSTOM_ONLY) {
				if (v[field] !== undefined) {
					ctx.addIssue({ code: 'custom', path: [field], message: `${field} only applies in custom mode (custom_mode: true)` });
				}
			}
			return;
		}
		if (blank(v.style)) {
			ctx.addIssue({ code: 'custom', path: ['style'], message: 'style is required in custom mode' });
		} else if ((v.style ?? '').length > limits.style) {
			ctx.addIssue({ code: 'custom', path: ['style'], message: `style must be at most ${limits.style} characters for ${model} (got ${(v.style ?? '').length})` });
		}
		if (blank(v.title)) {
			ctx.addIssue({ code: 'custom', path: ['title'], message: 'title is required in custom mode' });
		}
		if (!v.instrumental && blank(v.prompt)) {
			ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'prompt (the lyrics) is required in custom mode unless instrumental is true' });
		} else if ((v.prompt ?? '').length > limits.prompt) {
			ctx.addIssue({ code: 'custom', path: ['prompt'], message: `prompt must be at most ${limits.prompt} characters for ${model} (got ${(v.prompt ?? '').length})` });
		}
		if ((v.persona_id !== undefined || v.persona_model !== undefined) && !SUNO_V5_FAMILY.includes(model)) {
			const field = v.persona_id !== undefined ? 'persona_id' : 'persona_model';
			ctx.addIssue({ code: 'custom', path: [field], message: `${field} only works with suno-v5-beta and suno-v5.5-beta` });
		} else if (v.persona_model !== undefined && v.persona_id === undefined) {
			ctx.addIssue({ code: 'custom', path: ['persona_model'], message: 'persona_model needs persona_id' });
		}
		if (v.duration !== undefined && model !== 'suno-v5.5-beta') {
			ctx.addIssue({ code: 'custom', path: ['duration'], message: 'duration only works with suno-v5.5-beta in custom mode' });
		}
	});
}

export const SUNO_PERSONA_MODEL = 'suno-persona';
const PERSONA_WINDOW = { min: 10, max: 30 } as const;
/** EvoLink task ids: `task-unified-<unix-seconds>-<lowercase alnum>`. */
const EVOLINK_TASK_ID = /^task-unified-\d+-[a-z0-9]+$/;

const personaParams = z.strictObject({
	source_task_id: z.string().regex(EVOLINK_TASK_ID, { message: 'must be the id of a completed Suno music task (task-unified-…)' }),
	result_id: z.string().min(1).max(128).regex(/^\S+$/, { message: 'must be the id of one song of that task (no spaces)' }),
	name: requiredText(200),
	description: requiredText(2000),
	vocal_start: z.number().min(0).optional(),
	vocal_end: z.number().min(0).optional(),
	style: z.string().max(1000).optional(),
}).superRefine((p, ctx) => {
	const hasStart = p.vocal_start !== undefined;
	const hasEnd = p.vocal_end !== undefined;
	if (hasStart !== hasEnd) {
		const missing = hasStart ? 'vocal_end' : 'vocal_start';
		ctx.addIssue({ code: 'custom', path: [missing], message: `${missing} is required when ${hasStart ? 'vocal_start' : 'vocal_end'} is given (send both or neither)` });
		return;
	}
	if (p.vocal_start !== undefined && p.vocal_end !== undefined) {
		const window = p.vocal_end - p.vocal_start;
		if (window <= 0) {
			ctx.addIssue({ code: 'custom', path: ['vocal_end'], message: 'vocal_end must be after vocal_start' });
		} else if (window < PERSONA_WINDOW.min || window > PERSONA_WINDOW.max) {
			ctx.addIssue({
				code: 'custom',
				path: ['vocal_end'],
				message: `vocal_end - vocal_start must be between ${PERSONA_WINDOW.min} and ${PERSONA_WINDOW.max} seconds (got ${window})`,
			});
		}
	}
});

/** `suno-persona`: turns one song of a finished Suno task into a reusable persona. */
export const sunoPersonaRequest = z.strictObject({
	model: z.literal(SUNO_PERSONA_MODEL),
	model_params: personaParams,
});

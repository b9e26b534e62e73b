/**
 * Validation and result planning for Suno music generation (§6.4) and Suno persona creation (§6.5).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { bad, type Body, bool, callbackUrl, num, oneOf, str } from './check';
import type { Lookup, Plan, SongPlan } from './plan';

/** Current Suno model names. */
export const SUNO_MODELS = ['suno-v5.5-beta', 'suno-v5-beta', 'suno-v4.5plus-beta', 'suno-v4.5all-beta', 'suno-v4.5-beta', 'suno-v4-beta'] as const;

/** Old names the gateway still accepts and maps to the `-beta` names. */
export const SUNO_LEGACY: Record<string, string> = {
	'suno-v5.5': 'suno-v5.5-beta',
	'suno-v5': 'suno-v5-beta',
	'suno-v4.5plus': 'suno-v4.5plus-beta',
	'suno-v4.5all': 'suno-v4.5all-beta',
	'suno-v4.5': 'suno-v4.5-beta',
	'suno-v4': 'suno-v4-beta',
};

/** Real length of each rendered variant (the service makes minutes; tests need speed). */
export const MUSIC_SECONDS = 5;
/** Suno returns several variants per request; the fake makes two. */
export const SUNO_VARIANTS = 2;

function titleFrom(prompt: string): string {
	const words = prompt.replace(/\[[^\]]*\]/g, ' ').trim().split(/\s+/).slice(0, 4).join(' ');
	return words ? words.replace(/^./, (c) => c.toUpperCase()).slice(0, 80) : 'Untitled';
}

/** suno-v*-beta: simple mode (prompt only) or custom mode (lyrics, style, title). */
export function sunoMusic(body: Body, model: string): Plan {
	const custom = bool(body, 'custom_mode', false);
	const instrumental = bool(body, 'instrumental', false);
	const v4 = model === 'suno-v4-beta';
	const v5 = model === 'suno-v5-beta' || model === 'suno-v5.5-beta';
	let prompt: string | undefined;
	let style: string | undefined;
	let title: string | undefined;
	if (!custom) {
		prompt = str(body, 'prompt', 500, bad('prompt is required in simple mode'));
	} else {
		style = str(body, 'style', v4 ? 200 : 1000, bad('style is required in custom mode'));
		title = str(body, 'title', 80, bad('title is required in custom mode'));
		prompt = str(body, 'prompt', v4 ? 3000 : 5000, instrumental ? undefined : bad('prompt (lyrics) is required in custom mode unless instrumental is true'));
		str(body, 'negative_tags', 200);
		oneOf(body, 'vocal_gender', ['m', 'f'] as const, 'm');
		for (const k of ['style_weight', 'weirdness_constraint', 'audio_weight']) {
			num(body, k, 0, 1, 0);
		}
	}
	const personaId = str(body, 'persona_id', 64);
	if (personaId !== undefined && (!v5 || !custom)) {
		throw bad('persona_id is only supported in custom mode with suno-v5-beta or suno-v5.5-beta');
	}
	oneOf(body, 'persona_model', ['style_persona', 'voice_persona'] as const, 'style_persona');
	if (body.duration !== undefined) {
		if (model !== 'suno-v5.5-beta' || !custom) {
			throw bad('duration is only supported by suno-v5.5-beta in custom mode');
		}
		num(body, 'duration', 10, 360, 20, true);
	}
	callbackUrl(body);
	const seed = { model, prompt, style, title, instrumental, personaId };
	const songs: SongPlan[] = Array.from({ length: SUNO_VARIANTS }, (_, i) => ({
		resultId: randomUUID(),
		title: title ?? titleFrom(prompt ?? ''),
		tags: style ?? (instrumental ? 'instrumental, fake' : 'pop, vocal, fake'),
		duration: MUSIC_SECONDS,
		cover: { kind: 'image', seed: { ...seed, variant: i } },
	}));
	return {
		model,
		family: 'suno',
		type: 'audio',
		policyText: [prompt, style, title].filter(Boolean).join('\n'),
		credits: 10,
		billingRule: 'per_call',
		canCancel: true,
		taskInfo: {},
		songs,
		outputs: songs.map((_, i) => ({ kind: 'audio', style: 'music', seed, variant: i, format: 'mp3', sampleRate: 44100, seconds: MUSIC_SECONDS })),
	};
}

/** suno-persona: a persona from one song of a completed Suno music task of the same key. */
export function sunoPersona(body: Body, model: string, lookup: Lookup): Plan {
	const params = body.model_params;
	if (typeof params !== 'object' || params === null || Array.isArray(params)) {
		throw bad('model_params is required');
	}
	const p = params as Body;
	const sourceId = str(p, 'source_task_id', 200, bad('model_params.source_task_id is required'))!;
	const resultId = str(p, 'result_id', 200, bad('model_params.result_id is required'))!;
	const name = str(p, 'name', 200, bad('model_params.name is required'))!;
	const description = str(p, 'description', 5000, bad('model_params.description is required'))!;
	// Every task here belongs to the one key the fake accepts, so "exists" also means "is ours".
	const source = lookup.task(sourceId);
	if (!source || source.plan.family !== 'suno') {
		throw bad(`Source task does not exist or does not belong to the current user: ${sourceId}`);
	}
	if (source.phase !== 'completed') {
		throw bad(`Source task is not completed: ${sourceId}`);
	}
	if (!source.plan.songs?.some((s) => s.resultId === resultId)) {
		throw bad(`result_id does not belong to the source task: ${resultId}`);
	}
	if (lookup.personaTaken(resultId)) {
		throw bad(`A persona has already been created for result_id: ${resultId}`);
	}
	const hasStart = p.vocal_start !== undefined && p.vocal_start !== null;
	const hasEnd = p.vocal_end !== undefined && p.vocal_end !== null;
	if (hasStart !== hasEnd) {
		throw bad('vocal_start and vocal_end must be provided together');
	}
	if (hasStart) {
		const start = num(p, 'vocal_start', 0, Number.MAX_SAFE_INTEGER, 0);
		const end = num(p, 'vocal_end', 0, Number.MAX_SAFE_INTEGER, 0);
		if (end <= start) {
			throw bad('vocal_end must be greater than vocal_start');
		}
		if (end - start < 10 || end - start > 30) {
			throw bad('vocal_end - vocal_start must be between 10 and 30 seconds');
		}
	}
	str(p, 'style', 1000);
	return {
		model,
		family: 'persona',
		type: 'audio',
		policyText: `${name}\n${description}`,
		credits: 1,
		billingRule: 'per_call',
		canCancel: false,
		taskInfo: {},
		outputs: [],
		personaId: randomBytes(16).toString('hex'),
		persona: { sourceTaskId: sourceId, resultId },
	};
}

/**
 * Validation of sunoapi.org `POST /api/v1/generate/sounds` bodies (api-reference §7) and the plan
 * of what the task will produce.
 */
import { randomUUID } from 'node:crypto';
import type { AudioSpec, ImageSpec } from '../media/render';

/** A rejected request: sunoapi.org reports it in the body `code` with HTTP 200. */
export interface SoundsError {
	code: number;
	msg: string;
}

/** One variant of a sounds task. */
export interface SoundVariant {
	id: string;
	title: string;
	tags: string;
	duration: number;
	audio: AudioSpec;
	cover: ImageSpec;
}

/** A validated sounds request. */
export interface SoundsPlan {
	prompt: string;
	model: string;
	/** The request as received, echoed (JSON-encoded) in record-info `param`. */
	param: Record<string, unknown>;
	variants: SoundVariant[];
}

/** Documented `soundKey` values. */
export const SOUND_KEYS = ['Any', 'Cm', 'C#m', 'Dm', 'D#m', 'Em', 'Fm', 'F#m', 'Gm', 'G#m', 'Am', 'A#m', 'Bm', 'C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
/** Models this fake accepts (sunoapi.org documents V5; kie.ai adds V5_5). */
export const SOUND_MODELS = ['V5', 'V5_5'];
/** Sample rate of the rendered mp3. */
export const SOUND_RATE = 44100;
/** Target length of a sound; a loop is the whole number of bars closest to it. */
export const SOUND_SECONDS = 4;
/** Tempo used for loops when soundTempo is omitted ("Auto"). */
export const AUTO_TEMPO = 120;

/** Samples in one loop period (one 4/4 bar) and how many periods make the file. */
export function loopLayout(tempo: number): { periodSamples: number; periods: number } {
	const barSec = 240 / tempo;
	return { periodSamples: Math.round(SOUND_RATE * barSec), periods: Math.max(1, Math.round(SOUND_SECONDS / barSec)) };
}

/** Validates a body; returns the error or the plan. */
export function planSounds(body: unknown): SoundsError | SoundsPlan {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { code: 400, msg: 'Invalid parameters: request body must be a JSON object' };
	}
	const b = body as Record<string, unknown>;
	if (typeof b.prompt !== 'string' || b.prompt.trim() === '') {
		return { code: 400, msg: 'Invalid parameters: prompt is required' };
	}
	if (b.prompt.length > 500) {
		return { code: 413, msg: 'Prompt too long: the limit is 500 characters' };
	}
	if (typeof b.model !== 'string' || !SOUND_MODELS.includes(b.model)) {
		return { code: 400, msg: `Invalid parameters: model must be one of ${SOUND_MODELS.join(', ')}` };
	}
	for (const k of ['soundLoop', 'grabLyrics']) {
		if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'boolean') {
			return { code: 400, msg: `Invalid parameters: ${k} must be a boolean` };
		}
	}
	const tempo = b.soundTempo;
	if (tempo !== undefined && tempo !== null && (typeof tempo !== 'number' || !Number.isInteger(tempo) || tempo < 1 || tempo > 300)) {
		return { code: 400, msg: 'Invalid parameters: soundTempo must be an integer between 1 and 300' };
	}
	const key = b.soundKey ?? 'Any';
	if (typeof key !== 'string' || !SOUND_KEYS.includes(key)) {
		return { code: 400, msg: `Invalid parameters: soundKey must be one of ${SOUND_KEYS.join(', ')}` };
	}
	if (b.callBackUrl !== undefined && b.callBackUrl !== null) {
		try {
			if (!/^https?:$/.test(new URL(String(b.callBackUrl)).protocol)) {
				throw new Error('scheme');
			}
		} catch {
			return { code: 400, msg: 'Invalid parameters: callBackUrl must be an http(s) URL' };
		}
	}
	const loop = b.soundLoop === true;
	const bpm = typeof tempo === 'number' ? tempo : AUTO_TEMPO;
	const prompt = b.prompt;
	const title = prompt.trim().split(/\s+/).slice(0, 4).join(' ').slice(0, 80);
	const tags = [loop ? 'loop' : 'one-shot', typeof tempo === 'number' ? `${tempo} bpm` : 'auto tempo', key].join(', ');
	const variants: SoundVariant[] = [0, 1].map((i) => {
		const seed = { prompt, model: b.model, key, tempo: bpm, loop, variant: i };
		const layout = loopLayout(bpm);
		const seconds = loop ? (layout.periodSamples * layout.periods) / SOUND_RATE : SOUND_SECONDS;
		const audio: AudioSpec = loop
			? { kind: 'audio', style: 'loop', seed, format: 'mp3', sampleRate: SOUND_RATE, seconds, ...layout }
			: { kind: 'audio', style: 'music', seed, variant: i, format: 'mp3', sampleRate: SOUND_RATE, seconds };
		return { id: randomUUID(), title, tags, duration: Math.round(seconds * 1000) / 1000, audio, cover: { kind: 'image', seed } };
	});
	return { prompt, model: b.model, param: b, variants };
}

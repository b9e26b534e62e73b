/**
 * The task-query body (§3.1) for an EvoLink task at one instant.
 */
import type { MediaStore } from '../media/store';
import type { TaskRecord, TaskView } from '../tasks';
import type { Plan } from './plan';

/** How Suno songs appear in `result_data`; the docs leave it open (§3.3), so it is switchable. */
export type SunoShape = 'songs' | 'array' | 'object';

const POLICY_ERROR = {
	code: 'content_policy_violation',
	message: 'Content policy violation.\nYour request was blocked by safety filters. Please revise the prompt and try again.',
	type: 'task_error',
};
const CANCELLED_ERROR = { code: 'request_cancelled', message: 'The task was cancelled.', type: 'task_error' };

/** Media keys: outputs are `<task>-<i>`, Suno covers `<task>-c<i>`. */
export const outputKey = (id: string, i: number): string => `${id}-${i}`;
export const coverKey = (id: string, i: number): string => `${id}-c${i}`;

/**
 * `result_data` per model. For Suno the docs name `result_data.songs[]` (persona page) while older
 * docs and EvoLink's MCP use a bare array; the fake defaults to `{songs}` and can send the array
 * or a single object (first variant only, as a gateway flattening to one item would).
 */
function resultData(rec: TaskRecord<Plan>, urls: string[], media: MediaStore, shape: SunoShape): unknown {
	const plan = rec.payload;
	switch (plan.family) {
		case 'voice-design':
			return { voice: plan.voice };
		case 'persona':
			return { persona_id: plan.personaId };
		case 'suno': {
			const songs = (plan.songs ?? []).map((s, i) => ({
				result_id: s.resultId,
				title: s.title,
				tags: s.tags,
				duration: s.duration,
				audio_url: urls[i],
				image_url: media.url(coverKey(rec.id, i)),
			}));
			return shape === 'songs' ? { songs } : shape === 'array' ? songs : songs[0];
		}
		default:
			// Seed-Audio and Seedance document no result_data.
			return undefined;
	}
}

/** The JSON for `GET /v1/tasks/{id}`. */
export function taskJson(rec: TaskRecord<Plan>, view: TaskView, media: MediaStore, shape: SunoShape): Record<string, unknown> {
	const plan = rec.payload;
	const final = view.phase === 'completed' || view.phase === 'failed' || view.phase === 'cancelled';
	const body: Record<string, unknown> = {
		created: Math.floor(rec.createdMs / 1000),
		id: rec.id,
		model: plan.model,
		object: `${plan.type}.generation.task`,
		progress: view.progress,
		status: view.phase,
		task_info: { can_cancel: plan.canCancel && !final },
		type: plan.type,
	};
	if (view.phase === 'completed') {
		const urls = plan.outputs.map((_, i) => media.url(outputKey(rec.id, i)));
		body.results = urls;
		const data = resultData(rec, urls, media, shape);
		if (data !== undefined) {
			body.result_data = data;
		}
	} else if (view.phase === 'failed') {
		body.error = POLICY_ERROR;
	} else if (view.phase === 'cancelled') {
		body.error = CANCELLED_ERROR;
	}
	return body;
}

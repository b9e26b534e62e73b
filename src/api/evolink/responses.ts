/**
 * Reading EvoLink's answers with zod `safeParse`, defensively: unknown fields are ignored, an
 * unknown status word becomes `unknown` (kept in `rawStatus`), and `result_data` is accepted as an
 * array, a single object or `{songs: [...]}` (api-reference §3.3, whose shape the docs leave open).
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import type { RemoteResult, RemoteTaskState, ResultData, TaskStatus } from '../../shared/domain';
import { evolinkTaskAdvice } from '../errorTables';
import { isAllowedUrl } from '../urls';
import type { Parsed } from '../validation';

const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

const taskSchema = z.object({
	id: z.string().min(1),
	status: z.string(),
	progress: num.optional().catch(undefined),
	results: z.array(z.unknown()).nullish().catch(undefined),
	result_data: z.unknown().optional(),
	error: z.object({
		code: z.union([z.string(), z.number()]).nullish(),
		message: z.string().nullish(),
		type: z.string().nullish(),
	}).nullish().catch(undefined),
	task_info: z.object({
		can_cancel: z.boolean().optional().catch(undefined),
		estimated_time: num.optional().catch(undefined),
	}).nullish().catch(undefined),
	usage: z.object({ credits_reserved: num.optional().catch(undefined) }).nullish().catch(undefined),
});

const KNOWN_STATUSES: Record<string, TaskStatus> = {
	pending: 'pending',
	processing: 'processing',
	completed: 'completed',
	failed: 'failed',
	cancelled: 'cancelled',
	canceled: 'cancelled',
};

/** Maps EvoLink's status word; anything new becomes `unknown` rather than a crash. */
export function mapEvolinkStatus(raw: string): TaskStatus {
	return KNOWN_STATUSES[raw.trim().toLowerCase()] ?? 'unknown';
}

type Item = Record<string, unknown>;

function isItem(value: unknown): value is Item {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Flattens the three known `result_data` shapes into a list of objects. */
function resultItems(resultData: unknown): Item[] {
	if (Array.isArray(resultData)) {
		return resultData.filter(isItem);
	}
	if (isItem(resultData)) {
		if (Array.isArray(resultData.songs)) {
			const { songs, ...rest } = resultData;
			const list = (songs as unknown[]).filter(isItem);
			// Keep top-level ids (e.g. a persona_id next to songs) without making them a result.
			return Object.keys(rest).length > 0 ? [...list, rest] : list;
		}
		return [resultData];
	}
	return [];
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function allowedUrl(value: unknown): string | undefined {
	const s = str(value);
	return s !== undefined && isAllowedUrl(s) ? s : undefined;
}

/** Identifiers for later use: a designed voice, a new persona. */
function resultDataIds(items: readonly Item[]): ResultData {
	const data: ResultData = {};
	for (const item of items) {
		data.voice ??= str(item.voice) ?? str(item.voice_id);
		data.personaId ??= str(item.persona_id);
	}
	return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as ResultData;
}

/**
 * Results from `results[]` (flat URL list) merged with `result_data` items (which carry ids, titles
 * and their own `audio_url`/`video_url`). A URL in `results[i]` that no item names is attached to
 * item i when that item has no URL of its own; otherwise it becomes a result by itself.
 * URLs that break the https-only rule are dropped here; the downloader checks again.
 */
function collectResults(results: readonly unknown[], items: readonly Item[]): RemoteResult[] {
	type Entry = Omit<RemoteResult, 'index' | 'url'> & { url?: string };
	const entries: Entry[] = items.map((item) => {
		const entry: Entry = {
			url: allowedUrl(item.audio_url) ?? allowedUrl(item.video_url),
			resultId: str(item.result_id) ?? str(item.id),
			title: str(item.title),
			tags: str(item.tags),
			durationSec: typeof item.duration === 'number' && Number.isFinite(item.duration) ? item.duration : undefined,
			imageUrl: allowedUrl(item.image_url),
		};
		return entry;
	});
	const seen = new Set(entries.map((e) => e.url).filter((u): u is string => u !== undefined));
	results.forEach((value, i) => {
		const url = allowedUrl(value);
		if (url === undefined || seen.has(url)) {
			return;
		}
		seen.add(url);
		const slot = entries[i];
		if (slot !== undefined && slot.url === undefined) {
			slot.url = url;
		} else {
			entries.push({ url });
		}
	});
	return entries
		.filter((e): e is Entry & { url: string } => e.url !== undefined)
		.map((e, index) => {
			const out: RemoteResult = { index, url: e.url };
			for (const key of ['resultId', 'title', 'tags', 'durationSec', 'imageUrl'] as const) {
				if (e[key] !== undefined) {
					(out as unknown as Record<string, unknown>)[key] = e[key];
				}
			}
			return out;
		});
}

/** Parses a creation response or a `GET /v1/tasks/{id}` answer into the neutral task state. */
export function parseTask(json: unknown): Parsed<RemoteTaskState> {
	const parsed = taskSchema.safeParse(json);
	if (!parsed.success) {
		const first = parsed.error.issues[0];
		return { ok: false, problem: `task answer is missing ${first?.path.join('.') || 'fields'} (${first?.message ?? 'bad shape'})` };
	}
	const t = parsed.data;
	const status = mapEvolinkStatus(t.status);
	const items = resultItems(t.result_data);
	const progress = status === 'completed' ? 100 : Math.round(Math.min(100, Math.max(0, t.progress ?? 0)));
	const state: RemoteTaskState = {
		id: t.id,
		status,
		rawStatus: t.status,
		progress,
		results: collectResults(t.results ?? [], items),
		resultData: resultDataIds(items),
	};
	if (t.task_info?.estimated_time !== undefined) {
		state.estimatedTimeSec = t.task_info.estimated_time;
	}
	if (t.task_info?.can_cancel !== undefined) {
		state.canCancel = t.task_info.can_cancel;
	}
	if (t.usage?.credits_reserved !== undefined) {
		state.creditsReserved = t.usage.credits_reserved;
	}
	if (status === 'failed') {
		const code = t.error?.code === undefined || t.error?.code === null ? undefined : String(t.error.code);
		const advice = evolinkTaskAdvice(code);
		state.error = { message: t.error?.message?.trim() || 'The task failed without a reason.', retryable: advice.retryable, action: advice.action };
		if (code !== undefined) {
			state.error.code = code;
		}
	}
	return { ok: true, value: state };
}

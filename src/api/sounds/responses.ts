/**
 * Reading sunoapi.org answers. Every answer is `{code, msg, data}` and the real status is the body
 * `code` (HTTP 200 with code 429 means "out of credits"). Shapes confirmed against the public docs:
 * docs.sunoapi.org/suno-api/get-music-generation-details (record-info: `data.status`,
 * `data.response.sunoData[]` with camelCase `id, audioUrl, streamAudioUrl, imageUrl, title, tags,
 * duration`, plus `errorCode`/`errorMessage`) and docs.sunoapi.org/suno-api/get-remaining-credits
 * (`{code: 200, msg: 'success', data: 100}`).
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import type { RemoteResult, RemoteTaskState, TaskStatus } from '../../shared/domain';
import { soundsTaskAdvice } from '../errorTables';
import { isAllowedUrl } from '../urls';
import type { Parsed } from '../validation';

const envelope = z.object({
	code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
	msg: z.string().nullish().catch(undefined),
	data: z.unknown().optional(),
});

/** The common envelope; `code` 200 means success, whatever the HTTP status said. */
export interface SoundsEnvelope {
	code: number;
	msg?: string;
	data: unknown;
}

/** Parses `{code, msg, data}`; undefined when the body is not that envelope. */
export function parseEnvelope(json: unknown): SoundsEnvelope | undefined {
	const parsed = envelope.safeParse(json);
	if (!parsed.success) {
		return undefined;
	}
	return { code: parsed.data.code, msg: parsed.data.msg ?? undefined, data: parsed.data.data };
}

const PROCESSING = new Set(['PENDING', 'TEXT_SUCCESS', 'FIRST_SUCCESS']);
const FAILED = new Set(['CREATE_TASK_FAILED', 'GENERATE_AUDIO_FAILED', 'CALLBACK_EXCEPTION', 'SENSITIVE_WORD_ERROR']);

/** Maps a record-info status word; `*_FAILED` words we do not know yet still count as failed. */
export function mapSoundsStatus(raw: string): TaskStatus {
	const s = raw.trim().toUpperCase();
	if (PROCESSING.has(s)) {
		return 'processing';
	}
	if (s === 'SUCCESS') {
		return 'completed';
	}
	if (FAILED.has(s) || s.endsWith('_FAILED')) {
		return 'failed';
	}
	return 'unknown';
}

/** The stages have no percentage; these mark how far along the documented stages a task is. */
const STAGE_PROGRESS: Record<string, number> = { PENDING: 5, TEXT_SUCCESS: 35, FIRST_SUCCESS: 70, SUCCESS: 100 };

const creationData = z.object({ taskId: z.string().min(1) });

/** Reads the creation answer's `data.taskId`. */
export function parseCreation(data: unknown): Parsed<string> {
	const parsed = creationData.safeParse(data);
	return parsed.success ? { ok: true, value: parsed.data.taskId } : { ok: false, problem: 'the answer has no data.taskId' };
}

const item = z.object({
	id: z.string().nullish().catch(undefined),
	audioUrl: z.string().nullish().catch(undefined),
	streamAudioUrl: z.string().nullish().catch(undefined),
	imageUrl: z.string().nullish().catch(undefined),
	title: z.string().nullish().catch(undefined),
	tags: z.string().nullish().catch(undefined),
	duration: z.number().nullish().catch(undefined),
});

const recordInfo = z.object({
	taskId: z.string().nullish().catch(undefined),
	status: z.string(),
	response: z.object({ sunoData: z.array(z.unknown()).nullish().catch(undefined) }).nullish().catch(undefined),
	errorCode: z.union([z.string(), z.number()]).nullish().catch(undefined),
	errorMessage: z.string().nullish().catch(undefined),
});

function resultsFrom(raw: readonly unknown[], completed: boolean): RemoteResult[] {
	const out: RemoteResult[] = [];
	for (const entry of raw) {
		const parsed = item.safeParse(entry);
		if (!parsed.success) {
			continue;
		}
		const t = parsed.data;
		// The stream URL is a live preview, not a file; use it only if a finished task has nothing else.
		const url = [t.audioUrl, completed ? t.streamAudioUrl : undefined].find((u) => typeof u === 'string' && u !== '' && isAllowedUrl(u));
		if (!url) {
			continue;
		}
		const result: RemoteResult = { index: out.length, url };
		if (t.id) {
			result.resultId = t.id;
		}
		if (t.title) {
			result.title = t.title;
		}
		if (t.tags) {
			result.tags = t.tags;
		}
		if (typeof t.duration === 'number' && Number.isFinite(t.duration)) {
			result.durationSec = t.duration;
		}
		if (t.imageUrl && isAllowedUrl(t.imageUrl)) {
			result.imageUrl = t.imageUrl;
		}
		out.push(result);
	}
	return out;
}

/** Parses record-info `data` into the neutral task state. */
export function parseRecordInfo(id: string, data: unknown): Parsed<RemoteTaskState> {
	const parsed = recordInfo.safeParse(data);
	if (!parsed.success) {
		return { ok: false, problem: 'record-info has no data.status' };
	}
	const r = parsed.data;
	const status = mapSoundsStatus(r.status);
	const state: RemoteTaskState = {
		id: r.taskId || id,
		status,
		rawStatus: r.status,
		progress: STAGE_PROGRESS[r.status.toUpperCase()] ?? 0,
		results: resultsFrom(r.response?.sunoData ?? [], status === 'completed'),
		resultData: {},
	};
	if (status === 'failed') {
		const advice = soundsTaskAdvice(r.status.toUpperCase());
		state.error = {
			message: r.errorMessage?.trim() || `The task failed (${r.status}).`,
			retryable: advice.retryable,
			action: advice.action,
			code: r.errorCode === undefined || r.errorCode === null ? r.status : String(r.errorCode),
		};
	}
	return { ok: true, value: state };
}

/** Reads `GET /api/v1/generate/credit` data: a bare number. */
export function parseSoundsCredits(data: unknown): Parsed<number> {
	const n = typeof data === 'number' ? data : typeof data === 'string' && /^\d+(\.\d+)?$/.test(data) ? Number(data) : NaN;
	return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, problem: 'the credit answer has no numeric data' };
}

/**
 * The domain: the provider-neutral shapes every layer speaks (task snapshots, remote task
 * states, jobs). Below the API clients, the catalog and the task engine, so imports point down.
 * Both providers (EvoLink and Suno Sounds) translate their own wire formats into these.
 * Pure: no `vscode` import.
 */

export type ProviderId = 'evolink' | 'sounds';

/** `unknown` is a status word the provider sent that we do not know; it is shown as such, never crashes. */
export type TaskStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled' | 'unknown';

export const FINAL_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

export function isFinal(status: TaskStatus): boolean {
	return FINAL_STATUSES.includes(status);
}

/** The id of the job a task is a part of, if it is one (its job stands for it in lists and notifications). */
export function jobOf(task: { params: Record<string, unknown> }): string | undefined {
	return typeof task.params.jobId === 'string' ? task.params.jobId : undefined;
}

/** One output of a task (Suno returns several variants). */
export interface RemoteResult {
	/** Index among the task's results, 0-based. */
	index: number;
	/** Link to the media; expires (24 h, Suno 72 h). */
	url: string;
	/** Provider's id of this result (Suno `result_id` / `id`). */
	resultId?: string;
	title?: string;
	tags?: string;
	durationSec?: number;
	imageUrl?: string;
}

/** Identifiers a finished task can produce for later use. */
export interface ResultData {
	/** qwen-voice-design: the designed voice name. */
	voice?: string;
	/** suno-persona: the new persona id. */
	personaId?: string;
}

export interface TaskErrorInfo {
	/** Provider's business code (string, or a legacy integer turned into a string). */
	code?: string;
	message: string;
	/** Whether trying again (same parameters) could help. */
	retryable: boolean;
	/** What the user should do next, in one sentence. */
	action?: string;
	httpStatus?: number;
}

/** What a provider says about a task at one moment. */
export interface RemoteTaskState {
	id: string;
	status: TaskStatus;
	/** The provider's own status word (e.g. `TEXT_SUCCESS`), kept for display and for `unknown`. */
	rawStatus: string;
	/** 0–100. */
	progress: number;
	results: RemoteResult[];
	resultData: ResultData;
	error?: TaskErrorInfo;
	/** Seconds the provider estimates the task takes (creation response). */
	estimatedTimeSec?: number;
	creditsReserved?: number;
	canCancel?: boolean;
}

/** A locally downloaded result. */
export interface LocalResult extends RemoteResult {
	/** Absolute path in extension storage once downloaded. */
	localPath?: string;
	/** Absolute path in the workspace once saved there. */
	savedPath?: string;
	/** When the remote link stops working (ms since epoch). */
	expiresAt?: number;
	downloadError?: string;
}

/** One part of a job: the text it speaks and the task that speaks it. */
export interface JobPart {
	/** 0-based position in the job. */
	index: number;
	/** 0-based source paragraph (a paragraph never shares a part). */
	paragraph: number;
	text: string;
	/** Cache key: (model, voice, every parameter, text). */
	key: string;
	/** The speech task of this part, once submitted (or found in the cache). */
	taskId?: string;
	/** The part was already generated earlier: no request was sent for it. */
	fromCache?: boolean;
	/** Why it could not be submitted. */
	error?: string;
	/** A script's speaker, whose voice this part uses. */
	speaker?: string;
	/** The model of this part when it is not the job's (a cast mixing Seed-Audio and Qwen voices). */
	model?: string;
	/** This part's own options (its speaker's voice), over the job's. */
	options?: Record<string, unknown>;
}

/** What makes a task a job: its parts, and where each starts in the joined file. */
export interface JobInfo {
	kind: 'speech';
	parts: JobPart[];
	/** Silence between paragraphs, ms. */
	pauseMs: number;
	cachedParts: number;
	/** The model's character limit the text was split at. */
	maxChars: number;
	/** Start of each part in the joined file, seconds (once joined). */
	offsetsSec?: number[];
	/** Where the text came from, to follow along: the document and each paragraph's lines (0-based, end exclusive). */
	source?: { uri: string; paragraphLines: [number, number][] };
}

/** The plain snapshot of a task the store keeps and the public API returns. */
export interface TaskSnapshot {
	id: string;
	provider: ProviderId;
	/** Catalog model id, e.g. `doubao-seed-audio-1-0`, `suno-sounds`. */
	model: string;
	status: TaskStatus;
	rawStatus: string;
	progress: number;
	prompt: string;
	/** The request parameters as sent (for retry / regenerate / sidecars). Never holds secrets. */
	params: Record<string, unknown>;
	createdAt: number;
	updatedAt: number;
	finishedAt?: number;
	estimatedTimeSec?: number;
	creditsReserved?: number;
	canCancel?: boolean;
	results: LocalResult[];
	resultData: ResultData;
	error?: TaskErrorInfo;
	/** Set on a job (a chapter spoken in parts); its parts are tasks of their own. */
	job?: JobInfo;
	/** Where the first result goes once downloaded (a quick fix named the file in code): workspace-relative. */
	saveTo?: string;
}

/** A message and the advice after it, as one text: a full stop is added between them when the provider's message has none. */
export function withAdvice(message: string, action?: string): string {
	if (!action) { return message; }
	const m = message.trimEnd();
	return `${m}${/[.!?…:)]$/.test(m) ? '' : '.'} ${action}`;
}

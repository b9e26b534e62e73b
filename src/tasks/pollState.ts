/**
 * The schedule state of one polled task and how each outcome moves it: what the scheduler
 * remembers between polls (progress anchor, ladder, error count, Retry-After). Pure: the
 * scheduler owns timers, the queue and concurrency.
 */
import type { RemoteTaskState, TaskSnapshot } from '../shared/domain';
import { DEFAULT_POLL_POLICY, errorBackoff, firstPollDelay, nextPollDelay, pickDoneAt, progressDoneAt, type PollPolicy, type ProgressPoint } from './pollTiming';

/** Per-task schedule state. */
export interface PollState {
	task: TaskSnapshot;
	readonly policy: Readonly<PollPolicy>;
	/** When the first poll is due, from `createdAt` and the provider's estimate. */
	readonly firstDueAt: number;
	/** Earliest allowed poll after a Retry-After; a user refresh respects it too. */
	notBefore: number;
	previousBaseMs?: number;
	errorAttempt: number;
	/** Last observation at which progress changed, for the rate estimate. */
	anchor: ProgressPoint;
	/** Completion time extrapolated from the progress rate at the last change. */
	progressDoneAt?: number;
	lastChangeAt: number;
}

/** What to do after a successful poll. */
export type AfterResult =
	| { kind: 'final' }
	| { kind: 'stale' }
	| { kind: 'next'; at: number };

/** Creates the state for a newly tracked task. */
export function createPollState(
	task: TaskSnapshot,
	now: number,
	random: () => number,
	overrides?: Partial<PollPolicy>,
): PollState {
	const policy = { ...DEFAULT_POLL_POLICY, ...overrides };
	const delay = firstPollDelay({ createdAt: task.createdAt, now, estimatedTimeSec: task.estimatedTimeSec }, random, policy);
	return {
		task: structuredClone(task),
		policy,
		firstDueAt: now + delay,
		notBefore: 0,
		errorAttempt: 0,
		anchor: { at: task.updatedAt || task.createdAt, progress: task.progress },
		lastChangeAt: now,
	};
}

/**
 * Records a poll's answer: updates the task copy, the progress estimate and the change time.
 * Returns whether status or progress changed.
 */
export function observe(s: PollState, state: RemoteTaskState, now: number): boolean {
	const task = s.task;
	const changed = state.status !== task.status || state.rawStatus !== task.rawStatus || state.progress !== task.progress;
	if (state.progress !== s.anchor.progress) {
		const point = { at: now, progress: state.progress };
		s.progressDoneAt = progressDoneAt(s.anchor, point);
		s.anchor = point;
	}
	if (changed) {
		s.lastChangeAt = now;
	}
	s.task = {
		...task,
		status: state.status,
		rawStatus: state.rawStatus,
		progress: state.progress,
		estimatedTimeSec: state.estimatedTimeSec ?? task.estimatedTimeSec,
	};
	return changed;
}

/** Decides, after an observed non-failing poll, whether to stop or when to poll next. */
export function afterResult(s: PollState, changed: boolean, final: boolean, now: number, random: () => number): AfterResult {
	s.errorAttempt = 0;
	if (final) {
		return { kind: 'final' };
	}
	if (now - s.lastChangeAt >= s.policy.staleAfterMs) {
		return { kind: 'stale' };
	}
	const eta = s.task.estimatedTimeSec;
	const etaDoneAt = eta && eta > 0 ? s.task.createdAt + eta * 1000 : undefined;
	const next = nextPollDelay(
		{
			now,
			doneAt: pickDoneAt(now, [etaDoneAt, s.progressDoneAt]),
			changed,
			previousBaseMs: s.previousBaseMs,
			expectedMs: eta && eta > 0 ? eta * 1000 : s.progressDoneAt !== undefined ? s.progressDoneAt - s.task.createdAt : undefined,
		},
		random,
		s.policy,
	);
	s.previousBaseMs = next.baseMs;
	return { kind: 'next', at: Math.max(now + next.delayMs, s.notBefore) };
}

/** Records a failed poll and returns when to try again (back-off, Retry-After honoured). */
export function afterFailure(s: PollState, err: unknown, now: number, random: () => number): number {
	s.errorAttempt++;
	let delay = errorBackoff(s.errorAttempt, random, s.policy.errorCapMs, s.policy.errorBaseMs);
	const retryAfter = retryAfterOf(err);
	if (retryAfter !== undefined) {
		const wait = Math.min(retryAfter, s.policy.retryAfterCapMs);
		s.notBefore = now + wait;
		delay = Math.max(delay, wait);
	}
	// The ladder restarts after an outage: the task may have moved on meanwhile.
	s.previousBaseMs = undefined;
	return now + delay;
}

/** Reads a `retryAfterMs` property (the API client sets it from Retry-After) off an error. */
export function retryAfterOf(err: unknown): number | undefined {
	if (typeof err !== 'object' || err === null || !('retryAfterMs' in err)) {
		return undefined;
	}
	const value = (err as { retryAfterMs: unknown }).retryAfterMs;
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

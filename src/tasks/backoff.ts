/**
 * The poll-interval math, as pure functions so the schedule can be unit-tested without
 * timers. The scheduler only keeps per-task state and calls these.
 *
 * The model: a task has an expected completion time (from the provider's `estimated_time`,
 * or extrapolated from its progress). Before that time we poll at half the remaining time,
 * so polls converge on the expected end; after it (or with no estimate) we poll on a
 * ladder that starts short and grows ×1.5 while nothing changes. See reliability H8 and
 * api-reference §3.7.
 */
import { fullJitter } from '../api/retry';

/** Tunables of the poll schedule; one policy per task (video and music may use larger caps). */
export interface PollPolicy {
	/** First poll at this fraction of the provider's estimate... */
	firstFactor: number;
	/** ...but no earlier than this after creation... */
	firstMinMs: number;
	/** ...and no later than this after creation. */
	firstMaxMs: number;
	/** First poll after creation when the provider gave no estimate (docs suggest ~5 s). */
	firstDefaultMs: number;
	/** The shortest interval, used near the expected end and after a status change. */
	shortMs: number;
	/** Growth factor of the ladder while nothing changes. */
	growth: number;
	/** Upper bound of the (un-jittered) interval. */
	capMs: number;
	/** ± fraction applied to every interval so tasks created together do not poll in lockstep. */
	jitter: number;
	/** Before the expected end, wait this fraction of the remaining time. */
	approach: number;
	/** Error back-off: the first retry waits up to this long... */
	errorBaseMs: number;
	/** ...doubling per consecutive error up to this. */
	errorCapMs: number;
	/** An error's `retryAfterMs` is honoured up to this (protects against absurd values). */
	retryAfterCapMs: number;
	/** Stop polling (and report stale) when nothing has changed for this long (H8 overall cap). */
	staleAfterMs: number;
}

/** The default policy: 2.5 s → ×1.5 → 30 s, ±20 % jitter, errors up to 60 s, stale after 30 min. */
export const DEFAULT_POLL_POLICY: Readonly<PollPolicy> = Object.freeze({
	firstFactor: 0.8,
	firstMinMs: 2_000,
	firstMaxMs: 60_000,
	firstDefaultMs: 5_000,
	shortMs: 2_500,
	growth: 1.5,
	capMs: 30_000,
	jitter: 0.2,
	approach: 0.5,
	errorBaseMs: 2_000,
	errorCapMs: 60_000,
	retryAfterCapMs: 10 * 60_000,
	staleAfterMs: 30 * 60_000,
});

/** Retries after an error never come sooner than this (full jitter could otherwise give 0 ms). */
const ERROR_FLOOR_MS = 500;

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/** Spreads `ms` uniformly over [ms·(1−fraction), ms·(1+fraction)]. */
export function applyJitter(ms: number, random: () => number, fraction: number): number {
	return ms * (1 - fraction + 2 * fraction * random());
}

/**
 * Delay from `now` until a newly tracked task's first poll. Measured from `createdAt`, so a
 * task resumed long after creation (a reload) is polled at once.
 */
export function firstPollDelay(
	input: { createdAt: number; now: number; estimatedTimeSec?: number },
	random: () => number,
	policy: Readonly<PollPolicy> = DEFAULT_POLL_POLICY,
): number {
	const eta = input.estimatedTimeSec;
	const target = eta !== undefined && eta > 0
		? eta * 1000 * policy.firstFactor
		: policy.firstDefaultMs;
	const offset = clamp(applyJitter(target, random, policy.jitter), policy.firstMinMs, policy.firstMaxMs);
	return Math.max(0, input.createdAt + offset - input.now);
}

/** One progress observation. */
export interface ProgressPoint {
	at: number;
	progress: number;
}

/**
 * Extrapolates when progress reaches 100 from the rate between two observations.
 * Undefined when progress did not rise or is already complete (no usable rate).
 */
export function progressDoneAt(from: ProgressPoint, to: ProgressPoint): number | undefined {
	const dp = to.progress - from.progress;
	const dt = to.at - from.at;
	if (dp <= 0 || dt <= 0 || to.progress >= 100) {
		return undefined;
	}
	return to.at + (100 - to.progress) * (dt / dp);
}

/**
 * Chooses the expected completion time among estimates: the earliest one still ahead
 * (polling early costs a request, polling late costs the user time); if all are behind,
 * the latest one, so lateness is measured from the most recent expectation.
 */
export function pickDoneAt(now: number, estimates: readonly (number | undefined)[]): number | undefined {
	const known = estimates.filter((t): t is number => t !== undefined && Number.isFinite(t));
	if (known.length === 0) {
		return undefined;
	}
	const ahead = known.filter((t) => t > now);
	return ahead.length > 0 ? Math.min(...ahead) : Math.max(...known);
}

/** Input of `nextPollDelay`. */
export interface NextPollInput {
	now: number;
	/** Expected completion time (see `pickDoneAt`), if any estimate exists. */
	doneAt?: number;
	/** Status or progress changed at the poll that just finished. */
	changed: boolean;
	/** The previous un-jittered interval, for the ladder. */
	previousBaseMs?: number;
}

/** Result of `nextPollDelay`: the un-jittered interval (keep it for the next call) and the delay to use. */
export interface NextPoll {
	baseMs: number;
	delayMs: number;
}

/**
 * The interval after a successful, non-final poll.
 * - Ladder: short after a change (or at the start), else previous × growth, capped.
 * - Before the expected end: half the remaining time, within [short, cap]. This beats the
 *   ladder because it is better information: a 180 s task whose progress moves steadily
 *   would otherwise be polled every 2.5 s for three minutes.
 * - After the expected end: the ladder, but no longer than half the lateness, so a task
 *   that finishes just after its estimate is still seen within a few seconds.
 */
export function nextPollDelay(
	input: NextPollInput,
	random: () => number,
	policy: Readonly<PollPolicy> = DEFAULT_POLL_POLICY,
): NextPoll {
	const { shortMs, capMs } = policy;
	const ladder = input.changed || input.previousBaseMs === undefined
		? shortMs
		: clamp(input.previousBaseMs * policy.growth, shortMs, capMs);
	let baseMs = ladder;
	if (input.doneAt !== undefined) {
		const remaining = input.doneAt - input.now;
		baseMs = remaining > 0
			? clamp(remaining * policy.approach, shortMs, capMs)
			: clamp(Math.min(ladder, -remaining * policy.approach), shortMs, capMs);
	}
	return { baseMs, delayMs: applyJitter(baseMs, random, policy.jitter) };
}

/**
 * Delay before retrying after the `attempt`-th consecutive poll error (1-based): full jitter
 * (see `fullJitter`) with a 500 ms floor, so a retry is never immediate.
 */
export function errorBackoff(
	attempt: number,
	random: () => number,
	capMs: number = DEFAULT_POLL_POLICY.errorCapMs,
	baseMs: number = DEFAULT_POLL_POLICY.errorBaseMs,
): number {
	return fullJitter(attempt, random, baseMs, capMs, ERROR_FLOOR_MS);
}

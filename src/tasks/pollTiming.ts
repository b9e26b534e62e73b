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
import { fullJitter } from '../api/httpRetry';

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
	/**
	 * How late completion may be noticed, as a fraction of the expected duration, but never under
	 * `toleranceMinMs`: around the expected end, polls come this often (and at the end itself).
	 */
	toleranceFraction: number;
	toleranceMinMs: number;
	/** Interval cap while nothing estimates the end (no provider estimate, no history, no progress). */
	unknownCapMs: number;
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
	toleranceFraction: 0.05,
	toleranceMinMs: 1_000,
	unknownCapMs: 10_000,
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
	/** The expected duration of the whole task (ms), which sets the tolerance. */
	expectedMs?: number;
}

/** Result of `nextPollDelay`: the un-jittered interval (keep it for the next call) and the delay to use. */
export interface NextPoll {
	baseMs: number;
	delayMs: number;
}

/** How late completion may be noticed: max(`toleranceMinMs`, `toleranceFraction` of the expected duration). */
export function toleranceMs(expectedMs: number | undefined, policy: Readonly<PollPolicy> = DEFAULT_POLL_POLICY): number {
	return Math.max(policy.toleranceMinMs, (expectedMs ?? 0) * policy.toleranceFraction);
}

/**
 * The interval after a successful, non-final poll.
 * - Ladder: short after a change (or at the start), else previous × growth, capped (harder
 *   while nothing estimates the end, so a task without an estimate is never seen very late).
 * - Before the expected end: half the remaining time, but never less than the tolerance, and
 *   the last poll lands on the expected end itself. This beats the ladder because it is
 *   better information: a 180 s task would otherwise be polled every 2.5 s for three minutes.
 * - After the expected end: every tolerance for a while (a task that is a little late is seen
 *   within the tolerance), then the ladder, growing from the tolerance.
 * Near the end the jitter shrinks, so "within the tolerance" holds.
 */
export function nextPollDelay(
	input: NextPollInput,
	random: () => number,
	policy: Readonly<PollPolicy> = DEFAULT_POLL_POLICY,
): NextPoll {
	const { shortMs, capMs } = policy;
	if (input.doneAt === undefined) {
		const cap = Math.min(capMs, policy.unknownCapMs);
		const baseMs = input.changed || input.previousBaseMs === undefined ? Math.min(shortMs, cap) : clamp(input.previousBaseMs * policy.growth, Math.min(shortMs, cap), cap);
		return { baseMs, delayMs: applyJitter(baseMs, random, policy.jitter) };
	}
	const tolerance = Math.min(toleranceMs(input.expectedMs, policy), capMs);
	const remaining = input.doneAt - input.now;
	if (remaining > 0) {
		const halfway = remaining * policy.approach;
		if (halfway >= tolerance) {
			const baseMs = Math.min(halfway, capMs);
			return { baseMs, delayMs: applyJitter(baseMs, random, policy.jitter) };
		}
		// Close to the end: poll at the end itself (or one tolerance ahead, whichever comes first).
		const baseMs = Math.min(remaining, tolerance);
		return { baseMs, delayMs: baseMs };
	}
	const late = -remaining;
	// A little late: keep the promise of the tolerance for a quarter of the expected duration (at least 10 tolerances).
	if (late < Math.max(10 * tolerance, (input.expectedMs ?? 0) / 4)) {
		return { baseMs: tolerance, delayMs: applyJitter(tolerance, random, policy.jitter / 4) };
	}
	const baseMs = input.changed || input.previousBaseMs === undefined
		? tolerance
		: clamp(input.previousBaseMs * policy.growth, tolerance, capMs);
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

/**
 * An estimate for a task whose provider gives none (Suno Sounds): the median duration of the
 * model's last `sample` completed tasks, in seconds; undefined with fewer than 3 of them.
 */
export function historicalEstimateSec(
	tasks: readonly { model: string; status: string; createdAt: number; finishedAt?: number }[],
	model: string,
	sample = 20,
): number | undefined {
	const durations = tasks
		.filter((t) => t.model === model && t.status === 'completed' && t.finishedAt !== undefined && t.finishedAt > t.createdAt)
		.slice(0, sample)
		.map((t) => (t.finishedAt! - t.createdAt) / 1000)
		.sort((a, b) => a - b);
	if (durations.length < 3) { return undefined; }
	const mid = durations.length >> 1;
	return durations.length % 2 ? durations[mid] : (durations[mid - 1] + durations[mid]) / 2;
}

/**
 * Time as a dependency: the scheduler and the store read the clock through this interface
 * so tests can drive them with a fake clock instead of waiting in real time.
 */

/** Opaque handle returned by `Clock.setTimeout`. */
export type TimerHandle = unknown;

/** The three time operations the task modules need. */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	setTimeout(fn: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle): void;
}

/** Node's timers clamp anything above this to 1 ms, so a long delay would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock. */
export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (fn, ms) => setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS)),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

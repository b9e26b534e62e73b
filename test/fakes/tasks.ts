/**
 * The task state machine both fakes share. State is computed from the clock on every read
 * (no timers), so a task needs nothing to be cleaned up and `close()` has nothing to stop.
 */
import { randomBytes } from 'node:crypto';

export type Phase = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';
export type Outcome = 'completed' | 'failed' | 'cancelled';

/** One task and the provider-specific data (`payload`) needed to answer queries about it. */
export interface TaskRecord<P> {
	id: string;
	createdMs: number;
	/** Snapshot of the configured duration when the task was created. */
	durationMs: number;
	/** The prompt matched failPrompts: the task ends failed instead of completed. */
	willFail: boolean;
	payload: P;
	/** Set by finishTask(): the final state, forced at `atMs`. */
	forced?: { outcome: Outcome; atMs: number; progress: number };
}

/** A task's state at one instant. */
export interface TaskView {
	phase: Phase;
	/** 0–100, rising while processing. */
	progress: number;
	/** Share of the duration elapsed, 0–1 (1 once final). */
	fraction: number;
	/** When the task reached its final state; result links expire relative to this. */
	finishedAt?: number;
}

// The first 15 % of the duration is spent queued; progress then climbs from 5 to 95.
const PENDING_SHARE = 0.15;

/** Random lowercase alphanumerics (ids use these, as the real services do). */
export function alnum(n: number): string {
	const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(n), (b) => chars[b % chars.length]).join('');
}

/** A state machine over a map of tasks; `durationMs` is what new tasks take. */
export class TaskStore<P> {
	private readonly tasks = new Map<string, TaskRecord<P>>();

	constructor(public durationMs: number) {}

	add(id: string, payload: P, willFail: boolean): TaskRecord<P> {
		const rec: TaskRecord<P> = { id, createdMs: Date.now(), durationMs: Math.max(0, this.durationMs), willFail, payload };
		this.tasks.set(id, rec);
		return rec;
	}

	get(id: string): TaskRecord<P> | undefined {
		return this.tasks.get(id);
	}

	/** The task's phase and progress now (or at `now`). */
	view(rec: TaskRecord<P>, now = Date.now()): TaskView {
		if (rec.forced) {
			const { outcome, atMs, progress } = rec.forced;
			return { phase: outcome, progress: outcome === 'completed' ? 100 : outcome === 'failed' ? 0 : progress, fraction: 1, finishedAt: atMs };
		}
		const elapsed = now - rec.createdMs;
		if (elapsed >= rec.durationMs) {
			// The documented failed example reports progress 0.
			return { phase: rec.willFail ? 'failed' : 'completed', progress: rec.willFail ? 0 : 100, fraction: 1, finishedAt: rec.createdMs + rec.durationMs };
		}
		const fraction = elapsed / rec.durationMs;
		if (fraction < PENDING_SHARE) {
			return { phase: 'pending', progress: 0, fraction };
		}
		const progress = Math.round(5 + (90 * (fraction - PENDING_SHARE)) / (1 - PENDING_SHARE));
		return { phase: 'processing', progress: Math.min(95, Math.max(5, progress)), fraction };
	}

	/** Forces a final state now (a test hook: cancellation has no public endpoint). */
	finish(id: string, outcome: Outcome): void {
		const rec = this.tasks.get(id);
		if (!rec) {
			throw new Error(`finishTask: unknown task ${id}`);
		}
		const current = this.view(rec);
		rec.forced = { outcome, atMs: Date.now(), progress: current.progress };
	}
}

/**
 * A deterministic clock for tests: time moves only through `advance`, which runs due timers
 * in time order and lets promise continuations settle between them.
 */
import type { Clock, TimerHandle } from '../../../src/tasks/clock';

interface FakeTimer {
	id: number;
	at: number;
	fn: () => void;
}

/** Lets every queued microtask (promise continuation) run; setImmediate fires after they drain. */
export function settle(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** A Clock whose time only moves when a test calls `advance`. */
export class FakeClock implements Clock {
	private _now: number;
	private _nextId = 1;
	private readonly _timers = new Map<number, FakeTimer>();

	constructor(start = 1_000_000) {
		this._now = start;
	}

	now(): number {
		return this._now;
	}

	setTimeout(fn: () => void, ms: number): TimerHandle {
		const id = this._nextId++;
		this._timers.set(id, { id, at: this._now + Math.max(0, ms), fn });
		return id;
	}

	clearTimeout(handle: TimerHandle): void {
		this._timers.delete(handle as number);
	}

	/** Timers not yet run or cleared. */
	get pendingTimers(): number {
		return this._timers.size;
	}

	/** Moves time forward by `ms`, running each due timer at its own time, oldest first. */
	async advance(ms: number): Promise<void> {
		const target = this._now + ms;
		await settle();
		for (;;) {
			const next = this._earliest();
			if (!next || next.at > target) {
				break;
			}
			this._timers.delete(next.id);
			this._now = Math.max(this._now, next.at);
			next.fn();
			await settle();
		}
		this._now = target;
		await settle();
	}

	/** Advances until `predicate` holds or `limitMs` passes, in steps of `stepMs`. */
	async advanceUntil(predicate: () => boolean, limitMs: number, stepMs = 100): Promise<boolean> {
		for (let waited = 0; waited <= limitMs; waited += stepMs) {
			if (predicate()) {
				return true;
			}
			await this.advance(stepMs);
		}
		return predicate();
	}

	private _earliest(): FakeTimer | undefined {
		let best: FakeTimer | undefined;
		for (const t of this._timers.values()) {
			if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) {
				best = t;
			}
		}
		return best;
	}
}

/**
 * One scheduler polls every unfinished task: one timer for all of them, adaptive intervals
 * (see pollTiming.ts), error back-off honouring Retry-After, a global cap on polls in flight
 * served in due order, and never two polls of the same task at once (reliability H8).
 */
import type { Log } from '../util/log';
import { DisposableBase, toDisposable } from '../util/disposable';
import type { Clock, TimerHandle } from './clock';
import { isFinal, type RemoteTaskState, type TaskSnapshot } from '../shared/domain';
import type { PollPolicy } from './pollTiming';
import { afterFailure, afterResult, createPollState, observe, type PollState } from './pollState';

/** What the scheduler needs from the outside world. */
export interface PollSchedulerDeps {
	clock: Clock;
	/** Uniform in [0, 1); seeded in tests. */
	random: () => number;
	/** Fetches the task's state; must honour `signal` (untrack and dispose abort it). */
	poll: (task: TaskSnapshot, signal: AbortSignal) => Promise<RemoteTaskState>;
	/**
	 * Receives every successful poll (typically: update the store). Awaited before the next
	 * poll of that task is scheduled; if it throws, the poll is retried with back-off so a
	 * final state is not lost. Start long work (downloads) here, do not await it.
	 */
	onResult: (task: TaskSnapshot, state: RemoteTaskState) => Promise<void> | void;
	/** Reports a failed poll; it may call `untrack(task.id)` to stop (e.g. 404, 401). */
	onError: (task: TaskSnapshot, err: unknown) => void;
	/** Called when a task stopped being polled because nothing changed for `staleAfterMs`. */
	onStale?: (task: TaskSnapshot) => void;
	/** Polls in flight at once, across all tasks. Default 4. */
	maxConcurrent?: number;
	/** Per-task overrides of the default policy (e.g. a larger cap for video). */
	policyFor?: (task: TaskSnapshot) => Partial<PollPolicy> | undefined;
	log: Log;
}

type Phase = 'waiting' | 'queued' | 'polling';

interface Entry extends PollState {
	phase: Phase;
	/** When the next poll is due (phase `waiting`). */
	dueAt: number;
	controller?: AbortController;
}

/** Polls all unfinished tasks on one timer; see the module comment. */
export class PollScheduler extends DisposableBase {
	private readonly _entries = new Map<string, Entry>();
	/** Due entries waiting for a free slot, in due order (fairness). */
	private _queue: Entry[] = [];
	/** Task ids with a poll or its onResult still running, including aborted stragglers. */
	private readonly _busy = new Set<string>();
	private _inFlight = 0;
	private _timer: TimerHandle | undefined;
	private _timerAt = Infinity;
	private readonly _maxConcurrent: number;

	constructor(private readonly _deps: PollSchedulerDeps) {
		super();
		this._maxConcurrent = Math.max(1, _deps.maxConcurrent ?? 4);
		// Disposing cancels the timer, aborts polls in flight and forgets all tasks.
		this._register(toDisposable(() => {
			this._clearTimer();
			for (const entry of this._entries.values()) {
				entry.controller?.abort();
			}
			this._entries.clear();
			this._queue = [];
		}));
	}

	/**
	 * Starts polling `task` unless it is final (a final snapshot of a tracked task stops it).
	 * Idempotent: an already tracked id only gets its snapshot refreshed, never a second poller.
	 */
	track(task: TaskSnapshot): void {
		if (this.isDisposed) {
			return;
		}
		if (isFinal(task.status)) {
			this.untrack(task.id);
			return;
		}
		const existing = this._entries.get(task.id);
		if (existing) {
			existing.task = structuredClone(task);
			return;
		}
		const now = this._deps.clock.now();
		const state = createPollState(task, now, this._deps.random, this._deps.policyFor?.(task));
		const entry: Entry = { ...state, phase: 'waiting', dueAt: state.firstDueAt };
		this._entries.set(task.id, entry);
		this._deps.log.debug(`poll: tracking ${task.id}, first poll in ${Math.round(entry.dueAt - now)} ms`);
		this._arm();
	}

	/** Stops polling a task and aborts its poll in flight, if any. */
	untrack(id: string): void {
		const entry = this._entries.get(id);
		if (!entry) {
			return;
		}
		this._entries.delete(id);
		this._queue = this._queue.filter((e) => e !== entry);
		entry.controller?.abort();
		this._arm();
	}

	/**
	 * A user refresh: polls the task as soon as allowed (a slot is free and any Retry-After
	 * has passed). A poll already queued or in flight answers the refresh; no second one starts.
	 * Returns false when the task is not tracked.
	 */
	pollNow(id: string): boolean {
		const entry = this._entries.get(id);
		if (!entry) {
			return false;
		}
		if (entry.phase === 'waiting') {
			entry.dueAt = Math.min(entry.dueAt, Math.max(this._deps.clock.now(), entry.notBefore));
			this._arm();
		}
		return true;
	}

	/** Whether the id is being polled. */
	isTracked(id: string): boolean {
		return this._entries.has(id);
	}

	/** When the next poll of `id` is due, if it is waiting for one (for "next check in…" UI). */
	nextPollAt(id: string): number | undefined {
		const entry = this._entries.get(id);
		return entry?.phase === 'waiting' ? entry.dueAt : undefined;
	}

	/** Number of tracked tasks. */
	get size(): number {
		return this._entries.size;
	}

	/** Polls currently in flight. */
	get inFlight(): number {
		return this._inFlight;
	}

	/** Keeps the single timer set for the earliest waiting entry. */
	private _arm(): void {
		if (this.isDisposed) {
			return;
		}
		let earliest = Infinity;
		for (const entry of this._entries.values()) {
			if (entry.phase === 'waiting' && entry.dueAt < earliest) {
				earliest = entry.dueAt;
			}
		}
		if (earliest === this._timerAt) {
			return;
		}
		this._clearTimer();
		if (earliest !== Infinity) {
			this._timerAt = earliest;
			this._timer = this._deps.clock.setTimeout(() => this._onTimer(), Math.max(0, earliest - this._deps.clock.now()));
		}
	}

	private _clearTimer(): void {
		if (this._timer !== undefined) {
			this._deps.clock.clearTimeout(this._timer);
		}
		this._timer = undefined;
		this._timerAt = Infinity;
	}

	private _onTimer(): void {
		this._timer = undefined;
		this._timerAt = Infinity;
		const now = this._deps.clock.now();
		const due = [...this._entries.values()]
			.filter((e) => e.phase === 'waiting' && e.dueAt <= now)
			.sort((a, b) => a.dueAt - b.dueAt);
		for (const entry of due) {
			entry.phase = 'queued';
			this._queue.push(entry);
		}
		this._pump();
		this._arm();
	}

	/** Starts queued polls while slots are free, skipping tasks whose previous poll still runs. */
	private _pump(): void {
		while (!this.isDisposed && this._inFlight < this._maxConcurrent) {
			const index = this._queue.findIndex((e) => !this._busy.has(e.task.id));
			if (index < 0) {
				return;
			}
			const [entry] = this._queue.splice(index, 1);
			void this._run(entry);
		}
	}

	private async _run(entry: Entry): Promise<void> {
		const id = entry.task.id;
		const controller = new AbortController();
		entry.phase = 'polling';
		entry.controller = controller;
		this._busy.add(id);
		this._inFlight++;
		let state: RemoteTaskState | undefined;
		let failure: unknown;
		try {
			state = await this._deps.poll(structuredClone(entry.task), controller.signal);
		} catch (err) {
			failure = err ?? new Error('poll failed');
		} finally {
			this._inFlight--;
		}
		try {
			if (this._isCurrent(entry) && !controller.signal.aborted) {
				if (state) {
					await this._onSuccess(entry, state);
				} else {
					this._onFailure(entry, failure);
				}
			}
		} finally {
			entry.controller = undefined;
			this._busy.delete(id);
			this._pump();
		}
	}

	private _isCurrent(entry: Entry): boolean {
		return !this.isDisposed && this._entries.get(entry.task.id) === entry;
	}

	private async _onSuccess(entry: Entry, state: RemoteTaskState): Promise<void> {
		const changed = observe(entry, state, this._deps.clock.now());
		try {
			await this._deps.onResult(structuredClone(entry.task), state);
		} catch (err) {
			// Re-poll with back-off rather than drop a state the caller failed to store.
			this._deps.log.warn(`poll: handling the result of ${entry.task.id} failed; will poll again`, err);
			if (this._isCurrent(entry)) {
				this._onFailure(entry, err);
			}
			return;
		}
		if (!this._isCurrent(entry)) {
			return;
		}
		const now = this._deps.clock.now();
		const next = afterResult(entry, changed, isFinal(state.status), now, this._deps.random);
		if (next.kind === 'next') {
			this._schedule(entry, next.at);
			return;
		}
		this.untrack(entry.task.id);
		if (next.kind === 'final') {
			this._deps.log.debug(`poll: ${entry.task.id} is ${state.status}; stopped polling`);
		} else {
			this._deps.log.info(`poll: ${entry.task.id} unchanged for ${Math.round((now - entry.lastChangeAt) / 60_000)} min; stopped polling`);
			this._deps.onStale?.(structuredClone(entry.task));
		}
	}

	private _onFailure(entry: Entry, err: unknown): void {
		const at = afterFailure(entry, err, this._deps.clock.now(), this._deps.random);
		try {
			this._deps.onError(structuredClone(entry.task), err);
		} catch (cbErr) {
			this._deps.log.error('poll: onError threw', cbErr);
		}
		if (this._isCurrent(entry)) {
			this._deps.log.debug(`poll: ${entry.task.id} failed (attempt ${entry.errorAttempt}); retry in ${Math.round(at - this._deps.clock.now())} ms`);
			this._schedule(entry, at);
		}
	}

	private _schedule(entry: Entry, at: number): void {
		entry.phase = 'waiting';
		entry.dueAt = at;
		this._arm();
	}
}

/**
 * The task store: every task snapshot the extension knows, in memory, persisted as an
 * append-only journal (`tasks.jsonl`) under the directory the caller gives (the extension
 * passes `globalStorageUri.fsPath`).
 *
 * - `add` resolves only after the line is written and fsync'd: a task the provider accepted
 *   is persisted before anything else happens (reliability H9).
 * - Updates are applied in memory at call time (so concurrent updates never lose one) and
 *   written in call order; writes queued together share one write + fsync.
 * - The journal is compacted (rewritten atomically) once it is over `compactRatio` × the size
 *   of the live records, so keeping thousands of finished tasks stays cheap.
 * - Snapshots handed out are copies; events fire once the change is durable.
 * - Other windows' lines are read by `sync()` (see storeSync.ts).
 */
import type { Log } from '../util/log';
import { DisposableBase, toDisposable } from '../util/disposable';
import { Emitter, type Event } from '../util/event';
import { isFinal, type TaskSnapshot } from '../shared/domain';
import { compactedJournal, LiveRecords } from './storeCompaction';
import { JournalFile } from './storeFile';
import { diffTasks, encodeOp, isTaskSnapshot, jsonClone, replay, type JournalOp } from './storeRecords';
import { JournalFollower } from './storeSync';
import type { PendingWrite, TaskChangeEvent, TaskPatch, TaskStoreOptions } from './storeTypes';

export type { TaskChangeEvent, TaskPatch, TaskStoreOptions } from './storeTypes';

/** The persistent collection of task snapshots; see the module comment. */
export class TaskStore extends DisposableBase {
	private readonly _onDidChange: Emitter<TaskChangeEvent>;
	/** Fires after a change is durable. */
	readonly onDidChange: Event<TaskChangeEvent>;
	/** The live records' size, to decide when to compact. */
	private readonly _live: LiveRecords;
	private _newestFirst: string[] | undefined;
	private _pending: PendingWrite[] = [];
	private _flushing: Promise<void> | undefined;
	/** A failed write may have left memory ahead of disk; rewrite everything at the next chance. */
	private _needsRewrite = false;
	/** Set by `dispose()`: the last write settled and the file closed. */
	private _closed: Promise<void> | undefined;
	private readonly _now: () => number;
	/** Where `sync()` has read the journal to, and this window's writer mark. */
	private readonly _follower: JournalFollower;
	private _syncing: Promise<number> | undefined;

	private constructor(
		private readonly _file: JournalFile,
		private readonly _tasks: Map<string, TaskSnapshot>,
		private readonly _log: Log,
		options: TaskStoreOptions,
	) {
		super();
		this._now = options.now ?? Date.now;
		this._live = new LiveRecords(options.compactRatio, options.minCompactBytes);
		this._follower = new JournalFollower(_file, _log, options.writerId);
		// Disposed newest first: listeners go, then writes already issued still complete and the file closes.
		this._register(toDisposable(() => {
			this._closed = this.flush().finally(() => this._file.close());
		}));
		this._onDidChange = this._register(new Emitter({ onListenerError: (err) => _log.error('tasks: a change listener failed', err) }));
		this.onDidChange = this._onDidChange.event;
		for (const task of _tasks.values()) {
			this._live.track(task);
		}
	}

	/** Opens (or creates) the store in `dir` and replays its journal. */
	static async open(dir: string, log: Log, options: TaskStoreOptions = {}): Promise<TaskStore> {
		const { file, data } = await JournalFile.open(dir, options.fileName ?? 'tasks.jsonl', log);
		const result = replay(data, log);
		log.debug(`tasks: loaded ${result.tasks.size} tasks from ${data.length} bytes`);
		const store = new TaskStore(file, result.tasks, log, options);
		// Damaged lines are dropped from disk at the next write rather than kept forever.
		store._needsRewrite = result.badLines > 0;
		return store;
	}

	/** A copy of the task, or undefined. */
	get(id: string): TaskSnapshot | undefined {
		const task = this._tasks.get(id);
		return task ? structuredClone(task) : undefined;
	}

	/** Copies of all tasks, newest (createdAt) first. */
	list(): TaskSnapshot[] {
		return this._order().map((id) => structuredClone(this._tasks.get(id)!));
	}

	/**
	 * The tasks themselves, newest first, without copying: for readers that only look (the tree
	 * renders 5,000 rows from this). The store never changes a snapshot in place, it replaces it,
	 * so what you hold stays as it was; never modify it.
	 */
	peek(): readonly TaskSnapshot[] {
		return this._order().map((id) => this._tasks.get(id)!);
	}

	/** Copies of the tasks that are not in a final state (to resume polling), newest first. */
	unfinished(): TaskSnapshot[] {
		return this._order()
			.map((id) => this._tasks.get(id)!)
			.filter((t) => !isFinal(t.status))
			.map((t) => structuredClone(t));
	}

	/** Number of tasks. */
	get size(): number {
		return this._tasks.size;
	}

	/** Adds (or replaces) a task; resolves once it is durably on disk. */
	async add(task: TaskSnapshot): Promise<void> {
		this._assertOpen();
		if (!isTaskSnapshot(task)) {
			throw new TypeError('TaskStore.add: not a task snapshot');
		}
		const copy = jsonClone(task);
		const kind = this._tasks.has(copy.id) ? 'updated' : 'added';
		this._tasks.set(copy.id, copy);
		this._live.track(copy);
		this._newestFirst = undefined;
		await this._write({ op: 'put', task: copy }, { kind, task: structuredClone(copy) });
	}

	/**
	 * Merges `patch` into the task (or replaces it with `patch(copy)`), sets `updatedAt`, and
	 * resolves with a copy of the result once durable. Undefined when the id is unknown. A patch
	 * that changes nothing writes nothing and leaves `updatedAt` alone.
	 */
	async update(id: string, patch: TaskPatch): Promise<TaskSnapshot | undefined> {
		this._assertOpen();
		const current = this._tasks.get(id);
		if (!current) {
			return undefined;
		}
		const merged = typeof patch === 'function' ? patch(structuredClone(current)) : { ...current, ...patch };
		const next = jsonClone({ ...merged, id, updatedAt: current.updatedAt });
		if (!isTaskSnapshot(next)) {
			throw new TypeError(`TaskStore.update(${id}): the result is not a task snapshot`);
		}
		if (!diffTasks(current, next)) {
			return structuredClone(current);
		}
		next.updatedAt = this._now();
		const diff = diffTasks(current, next)!;
		this._tasks.set(id, next);
		this._live.track(next);
		if (next.createdAt !== current.createdAt) {
			this._newestFirst = undefined;
		}
		const op: JournalOp = diff.unset.length > 0
			? { op: 'patch', id, set: diff.set, unset: diff.unset }
			: { op: 'patch', id, set: diff.set };
		const result = structuredClone(next);
		await this._write(op, { kind: 'updated', task: structuredClone(next) });
		return result;
	}

	/** Removes a task; resolves true once the removal is durable, false if it was unknown. */
	async remove(id: string): Promise<boolean> {
		this._assertOpen();
		const current = this._tasks.get(id);
		if (!current) {
			return false;
		}
		this._tasks.delete(id);
		this._live.forget(id);
		this._newestFirst = undefined;
		await this._write({ op: 'del', id }, { kind: 'removed', task: current });
		return true;
	}

	/**
	 * Follows the other windows: reads what they appended to the journal since the last look
	 * (or the whole journal, when one of them replaced it), applies it, and fires their changes.
	 * Returns the number of tasks that changed.
	 */
	sync(): Promise<number> {
		this._syncing ??= this._sync().finally(() => {
			this._syncing = undefined;
		});
		return this._syncing;
	}

	private async _sync(): Promise<number> {
		if (this.isDisposed) { return 0; }
		await this.flush();
		const changes = await this._follower.readInto(this._tasks);
		for (const { kind, task } of changes) {
			if (kind === 'removed') { this._live.forget(task.id); }
			else { this._live.track(task); }
			if (!this.isDisposed) { this._onDidChange.fire({ kind, task: structuredClone(task) }); }
		}
		if (changes.length > 0) { this._newestFirst = undefined; }
		return changes.length;
	}

	/** Resolves when every write issued so far has settled. */
	async flush(): Promise<void> {
		while (this._flushing) {
			await this._flushing;
		}
	}

	/**
	 * Disposes (changes are refused from then on and listeners dropped; writes already issued
	 * still complete), waits for pending writes and closes the file.
	 */
	close(): Promise<void> {
		this.dispose();
		return this._closed!;
	}

	private _assertOpen(): void {
		if (this.isDisposed) {
			throw new Error('TaskStore is disposed');
		}
	}

	private _order(): string[] {
		this._newestFirst ??= [...this._tasks.values()]
			.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
			.map((t) => t.id);
		return this._newestFirst;
	}

	private _write(op: JournalOp, event: TaskChangeEvent): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			this._pending.push({ line: encodeOp(op, this._follower.writer), event, resolve, reject });
			this._kick();
		});
	}

	private _kick(): void {
		if (this._flushing) {
			return;
		}
		this._flushing = this._drain().finally(() => {
			this._flushing = undefined;
			// A write queued after the loop saw an empty queue but before this ran.
			if (this._pending.length > 0) {
				this._kick();
			}
		});
	}

	/** Writes queued lines in batches, in order; one write + fsync per batch (group commit). */
	private async _drain(): Promise<void> {
		while (this._pending.length > 0) {
			const batch = this._pending.splice(0);
			try {
				const rewritten = this._needsRewrite && await this._rewrite();
				if (!rewritten) {
					await this._file.append(batch.map((w) => w.line).join(''));
				}
			} catch (err) {
				this._log.error('tasks: writing the task journal failed', err);
				this._needsRewrite = true;
				batch.forEach((w) => w.reject(err));
				continue;
			}
			for (const w of batch) {
				if (!this.isDisposed) {
					this._onDidChange.fire(w.event);
				}
				w.resolve();
			}
			await this._maybeCompact();
		}
	}

	private async _maybeCompact(): Promise<void> {
		if (!this._live.worthCompacting(this._file.size) || !this._file.canRewrite) {
			return;
		}
		try {
			await this._rewrite();
		} catch (err) {
			// The old journal is intact; appends continue and compaction is tried again later.
			this._log.warn('tasks: compacting the task journal failed', err);
		}
	}

	/** Rewrites the journal from memory. Memory may be ahead of queued lines; replaying them again is harmless. */
	private async _rewrite(): Promise<boolean> {
		const before = this._file.size;
		const done = await this._file.rewrite(compactedJournal(this._tasks.values()));
		if (done) {
			this._follower.caughtUp();
			this._needsRewrite = false;
			this._log.debug(`tasks: compacted journal ${before} → ${this._file.size} bytes (${this._tasks.size} tasks)`);
		}
		return done;
	}
}

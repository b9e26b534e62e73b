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
 */
import type { Log } from '../util/log';
import { Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/event';
import { isFinal, type TaskSnapshot } from '../shared/domain';
import { randomBytes } from 'node:crypto';
import { JournalFile } from './storeFile';
import { applyOp, decodeLine, diffTasks, encodeOp, isTaskSnapshot, jsonClone, replay, writerOf, type JournalOp } from './storeRecords';

/** A change to the store, delivered after it is on disk. */
export interface TaskChangeEvent {
	kind: 'added' | 'updated' | 'removed';
	task: TaskSnapshot;
}

/** A partial snapshot to merge, or a function from the current snapshot (a copy) to the next. */
export type TaskPatch = Partial<TaskSnapshot> | ((task: TaskSnapshot) => TaskSnapshot);

/** Tunables, mostly for tests. */
export interface TaskStoreOptions {
	/** Clock for `updatedAt`. Default `Date.now`. */
	now?: () => number;
	/** Journal file name inside the directory. Default `tasks.jsonl`. */
	fileName?: string;
	/** Compact when the journal exceeds this multiple of the live records' size. Default 2. */
	compactRatio?: number;
	/** Never compact a journal smaller than this (bytes). Default 64 KiB. */
	minCompactBytes?: number;
	/** This window's id, written on each line so `sync()` can tell other windows' lines. Default: random. */
	writerId?: string;
}

interface PendingWrite {
	line: string;
	event: TaskChangeEvent;
	resolve: () => void;
	reject: (err: unknown) => void;
}

/** The persistent collection of task snapshots; see the module comment. */
export class TaskStore implements Disposable {
	private readonly _onDidChange: Emitter<TaskChangeEvent>;
	/** Fires after a change is durable. */
	readonly onDidChange: Event<TaskChangeEvent>;
	/** Size in bytes of each live record written whole, to decide when to compact. */
	private readonly _recordBytes = new Map<string, number>();
	private _liveBytes = 0;
	private _newestFirst: string[] | undefined;
	private _pending: PendingWrite[] = [];
	private _flushing: Promise<void> | undefined;
	/** A failed write may have left memory ahead of disk; rewrite everything at the next chance. */
	private _needsRewrite = false;
	private _disposed = false;
	private _closed: Promise<void> | undefined;
	private readonly _now: () => number;
	private readonly _writer: string;
	/** How far `sync()` has read the journal, and which file (inode) that was. */
	private _readOffset: number;
	private _readIno: number | undefined;
	private _syncing: Promise<number> | undefined;

	private constructor(
		private readonly _file: JournalFile,
		private readonly _tasks: Map<string, TaskSnapshot>,
		private readonly _log: Log,
		private readonly _options: TaskStoreOptions,
	) {
		this._now = _options.now ?? Date.now;
		this._writer = _options.writerId ?? randomBytes(6).toString('hex');
		this._readOffset = _file.size;
		this._readIno = _file.ino;
		this._onDidChange = new Emitter({ onListenerError: (err) => _log.error('tasks: a change listener failed', err) });
		this.onDidChange = this._onDidChange.event;
		for (const task of _tasks.values()) {
			this._trackSize(task);
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
		this._trackSize(copy);
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
		this._trackSize(next);
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
		this._liveBytes -= this._recordBytes.get(id) ?? 0;
		this._recordBytes.delete(id);
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
		this._syncing ??= this._sync().finally(() => { this._syncing = undefined; });
		return this._syncing;
	}

	private async _sync(): Promise<number> {
		if (this._disposed) { return 0; }
		await this.flush();
		const { data, ino, whole } = await this._file.readFrom(this._readOffset, this._readIno);
		const end = data.lastIndexOf(0x0a) + 1;
		if (!whole && end === 0) { return 0; }
		const changed = new Map<string, TaskChangeEvent['kind']>();
		const removed = new Map<string, TaskSnapshot>();
		const drop = (id: string): void => {
			const task = this._tasks.get(id);
			if (!task) { return; }
			this._tasks.delete(id);
			this._liveBytes -= this._recordBytes.get(id) ?? 0;
			this._recordBytes.delete(id);
			removed.set(id, task);
			changed.set(id, 'removed');
		};
		if (whole) {
			// Another window compacted (or a file was put back): its view replaces ours, task by task.
			const theirs = replay(data.subarray(0, end), this._log).tasks;
			for (const id of [...this._tasks.keys()]) {
				if (!theirs.has(id)) { drop(id); }
			}
			for (const [id, task] of theirs) {
				const mine = this._tasks.get(id);
				if (!mine || diffTasks(mine, task)) { changed.set(id, mine ? 'updated' : 'added'); this._tasks.set(id, task); }
			}
		} else {
			for (const line of data.subarray(0, end).toString('utf8').split('\n')) {
				if (!line.trim() || writerOf(line) === this._writer) { continue; }
				const op = decodeLine(line);
				if (!op) { continue; }
				if (op.op === 'del') { drop(op.id); continue; }
				const id = op.op === 'put' ? op.task.id : op.id;
				const had = this._tasks.has(id);
				applyOp(this._tasks, op);
				if (this._tasks.has(id)) { changed.set(id, had && changed.get(id) !== 'removed' ? (changed.get(id) ?? 'updated') : 'added'); }
			}
		}
		this._readOffset = (whole ? 0 : this._readOffset) + end;
		this._readIno = ino;
		for (const [id, kind] of changed) {
			const task = kind === 'removed' ? removed.get(id)! : this._tasks.get(id)!;
			if (kind !== 'removed') { this._trackSize(task); }
			if (!this._disposed) { this._onDidChange.fire({ kind, task: structuredClone(task) }); }
		}
		if (changed.size > 0) { this._newestFirst = undefined; }
		return changed.size;
	}

	/** Resolves when every write issued so far has settled. */
	async flush(): Promise<void> {
		while (this._flushing) {
			await this._flushing;
		}
	}

	/** Disposes, waits for pending writes and closes the file. */
	close(): Promise<void> {
		this.dispose();
		return this._closed!;
	}

	/** Stops accepting changes and drops listeners; writes already issued still complete. */
	dispose(): void {
		if (this._disposed) {
			return;
		}
		this._disposed = true;
		this._onDidChange.dispose();
		this._closed = this.flush().finally(() => this._file.close());
	}

	private _assertOpen(): void {
		if (this._disposed) {
			throw new Error('TaskStore is disposed');
		}
	}

	private _order(): string[] {
		this._newestFirst ??= [...this._tasks.values()]
			.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
			.map((t) => t.id);
		return this._newestFirst;
	}

	private _trackSize(task: TaskSnapshot): void {
		const bytes = Buffer.byteLength(encodeOp({ op: 'put', task }));
		this._liveBytes += bytes - (this._recordBytes.get(task.id) ?? 0);
		this._recordBytes.set(task.id, bytes);
	}

	private _write(op: JournalOp, event: TaskChangeEvent): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			this._pending.push({ line: encodeOp(op, this._writer), event, resolve, reject });
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
				if (!this._disposed) {
					this._onDidChange.fire(w.event);
				}
				w.resolve();
			}
			await this._maybeCompact();
		}
	}

	private async _maybeCompact(): Promise<void> {
		const ratio = this._options.compactRatio ?? 2;
		const min = this._options.minCompactBytes ?? 64 * 1024;
		if (this._file.size <= min || this._file.size <= ratio * this._liveBytes || !this._file.canRewrite) {
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
		const text = [...this._tasks.values()]
			.sort((a, b) => a.createdAt - b.createdAt)
			.map((task) => encodeOp({ op: 'put', task }))
			.join('');
		const done = await this._file.rewrite(text);
		if (done) {
			this._readOffset = this._file.size;
			this._readIno = this._file.ino;
			this._needsRewrite = false;
			this._log.debug(`tasks: compacted journal ${before} → ${this._file.size} bytes (${this._tasks.size} tasks)`);
		}
		return done;
	}
}

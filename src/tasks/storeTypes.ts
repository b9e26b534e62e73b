/**
 * The shapes the task store speaks: its change event, the patches `update` takes, and its
 * options. Kept apart so the store (`store.ts`) and its cross-window follower
 * (`storeSync.ts`) share them without importing each other; `store.ts` re-exports them.
 */
import type { TaskSnapshot } from '../shared/domain';

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

/** A journal line waiting to be written, with the event it fires and the caller it settles. */
export interface PendingWrite {
	line: string;
	event: TaskChangeEvent;
	resolve: () => void;
	reject: (err: unknown) => void;
}

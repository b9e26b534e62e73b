/**
 * When the task journal is worth compacting, and what the compacted journal holds. The store
 * keeps the size of each live record as if written whole; once the journal is over
 * `ratio` × that (and over a floor), most of its lines are dead and a rewrite pays.
 */
import type { TaskSnapshot } from '../shared/domain';
import { encodeOp } from './storeRecords';

/** The bytes the live tasks take as whole records. */
export class LiveRecords {
	private readonly _bytes = new Map<string, number>();
	private _total = 0;

	/** Compact when the journal exceeds `ratio` × the live size, and never below `minBytes`. */
	constructor(private readonly _ratio = 2, private readonly _minBytes = 64 * 1024) {}

	/** Counts the task as it is now (replacing its earlier size). */
	track(task: TaskSnapshot): void {
		const bytes = Buffer.byteLength(encodeOp({ op: 'put', task }));
		this._total += bytes - (this._bytes.get(task.id) ?? 0);
		this._bytes.set(task.id, bytes);
	}

	/** Stops counting a removed task. */
	forget(id: string): void {
		this._total -= this._bytes.get(id) ?? 0;
		this._bytes.delete(id);
	}

	/** True when a journal of `fileSize` bytes is mostly lines no longer needed. */
	worthCompacting(fileSize: number): boolean {
		return fileSize > this._minBytes && fileSize > this._ratio * this._total;
	}
}

/** The compacted journal: one whole record per task, oldest (createdAt) first. */
export function compactedJournal(tasks: Iterable<TaskSnapshot>): string {
	return [...tasks]
		.sort((a, b) => a.createdAt - b.createdAt)
		.map((task) => encodeOp({ op: 'put', task }))
		.join('');
}

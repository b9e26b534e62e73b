/**
 * Following the other windows through the shared task journal. Every window appends to the
 * same `tasks.jsonl`, each line marked with its writer (`w`); the follower remembers how far
 * this window has read (and which file, by inode) and applies what the others appended
 * since. When another window replaced the file (it compacted), the whole file is read and its
 * view replaces ours, task by task. `TaskStore.sync()` fires the changes this returns.
 */
import { randomBytes } from 'node:crypto';
import type { Log } from '../util/log';
import type { TaskSnapshot } from '../shared/domain';
import type { JournalFile } from './storeFile';
import { applyOp, decodeLine, diffTasks, replay, writerOf } from './storeRecords';
import type { TaskChangeEvent } from './storeTypes';

/** This window's read position in the shared journal, and its writer mark. */
export class JournalFollower {
	/** The mark on every line this window writes, so reading skips its own lines. */
	readonly writer: string;
	/** How far the journal has been read, and which file (inode) that was. */
	private _offset: number;
	private _ino: number | undefined;

	constructor(private readonly _file: JournalFile, private readonly _log: Log, writerId?: string) {
		this.writer = writerId ?? randomBytes(6).toString('hex');
		this._offset = _file.size;
		this._ino = _file.ino;
	}

	/** This window rewrote the journal from memory: everything in it is already known. */
	caughtUp(): void {
		this._offset = this._file.size;
		this._ino = this._file.ino;
	}

	/**
	 * Applies to `tasks` what the other windows wrote since the last look and returns the
	 * changes, one per task in the order first seen; a removal carries the task's last snapshot.
	 */
	async readInto(tasks: Map<string, TaskSnapshot>): Promise<TaskChangeEvent[]> {
		const { data, ino, whole } = await this._file.readFrom(this._offset, this._ino);
		const end = data.lastIndexOf(0x0a) + 1;
		if (!whole && end === 0) { return []; }
		const changed = new Map<string, TaskChangeEvent['kind']>();
		const removed = new Map<string, TaskSnapshot>();
		const drop = (id: string): void => {
			const task = tasks.get(id);
			if (!task) { return; }
			tasks.delete(id);
			removed.set(id, task);
			changed.set(id, 'removed');
		};
		if (whole) {
			// Another window compacted (or a file was put back): its view replaces ours, task by task.
			const theirs = replay(data.subarray(0, end), this._log).tasks;
			for (const id of [...tasks.keys()]) {
				if (!theirs.has(id)) { drop(id); }
			}
			for (const [id, task] of theirs) {
				const mine = tasks.get(id);
				if (!mine || diffTasks(mine, task)) {
					changed.set(id, mine ? 'updated' : 'added');
					tasks.set(id, task);
				}
			}
		} else {
			for (const line of data.subarray(0, end).toString('utf8').split('\n')) {
				if (!line.trim() || writerOf(line) === this.writer) { continue; }
				const op = decodeLine(line);
				if (!op) { continue; }
				if (op.op === 'del') {
					drop(op.id);
					continue;
				}
				const id = op.op === 'put' ? op.task.id : op.id;
				const had = tasks.has(id);
				applyOp(tasks, op);
				if (tasks.has(id)) { changed.set(id, had && changed.get(id) !== 'removed' ? (changed.get(id) ?? 'updated') : 'added'); }
			}
		}
		this._offset = (whole ? 0 : this._offset) + end;
		this._ino = ino;
		return [...changed].map(([id, kind]) => ({ kind, task: kind === 'removed' ? removed.get(id)! : tasks.get(id)! }));
	}
}

/**
 * The task journal's line format and replay: one JSON object per line, each an operation.
 *
 *   {"op":"put","task":{...}}                          a whole snapshot (add, compaction)
 *   {"op":"patch","id":"…","set":{...},"unset":[…]}    only the changed top-level fields
 *   {"op":"del","id":"…"}                              removal
 *
 * Updates are patches so that a poll result (status, progress, updatedAt) does not rewrite
 * the prompt and params every few seconds.
 */
import type { Log } from '../util/log';
import type { TaskSnapshot } from '../shared/domain';

/** One journal operation. */
export type JournalOp =
	| { op: 'put'; task: TaskSnapshot }
	| { op: 'patch'; id: string; set: Record<string, unknown>; unset?: string[] }
	| { op: 'del'; id: string };

/** The top-level changes between two snapshots of one task. */
export interface TaskDiff {
	set: Record<string, unknown>;
	unset: string[];
}

/** Serialises an operation as one journal line, newline included; `writer` marks which window wrote it. */
export function encodeOp(op: JournalOp, writer?: string): string {
	return JSON.stringify(writer ? { ...op, w: writer } : op) + '\n';
}

/** The window that wrote a journal line (`w`), if it says. */
export function writerOf(line: string): string | undefined {
	const m = /"w":"([^"\\]{1,100})"\}\s*$/.exec(line);
	return m?.[1];
}

/** Deep copy that also normalises away `undefined` fields, so memory equals what replay yields. */
export function jsonClone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A cheap structural check: enough to keep a damaged or foreign line out of memory. */
export function isTaskSnapshot(value: unknown): value is TaskSnapshot {
	if (!isObject(value)) {
		return false;
	}
	const v = value;
	return typeof v.id === 'string' && v.id.length > 0
		&& typeof v.provider === 'string' && typeof v.model === 'string'
		&& typeof v.status === 'string' && typeof v.rawStatus === 'string'
		&& typeof v.prompt === 'string' && typeof v.progress === 'number'
		&& typeof v.createdAt === 'number' && typeof v.updatedAt === 'number'
		&& Array.isArray(v.results) && isObject(v.resultData) && isObject(v.params);
}

/** Parses and validates one line; undefined when it is not a well-formed operation. */
export function decodeLine(line: string): JournalOp | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (!isObject(value)) {
		return undefined;
	}
	switch (value.op) {
		case 'put':
			return isTaskSnapshot(value.task) ? { op: 'put', task: value.task } : undefined;
		case 'patch': {
			const unset = value.unset;
			const unsetOk = unset === undefined || (Array.isArray(unset) && unset.every((k) => typeof k === 'string'));
			return typeof value.id === 'string' && isObject(value.set) && unsetOk
				? { op: 'patch', id: value.id, set: value.set, unset: unset as string[] | undefined }
				: undefined;
		}
		case 'del':
			return typeof value.id === 'string' ? { op: 'del', id: value.id } : undefined;
		default:
			return undefined;
	}
}

/** The top-level fields that differ (compared as JSON); undefined when nothing differs. */
export function diffTasks(before: TaskSnapshot, after: TaskSnapshot): TaskDiff | undefined {
	const a = before as unknown as Record<string, unknown>;
	const b = after as unknown as Record<string, unknown>;
	const set: Record<string, unknown> = {};
	const unset: string[] = [];
	for (const key of Object.keys(b)) {
		if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
			set[key] = b[key];
		}
	}
	for (const key of Object.keys(a)) {
		if (!(key in b)) {
			unset.push(key);
		}
	}
	return Object.keys(set).length === 0 && unset.length === 0 ? undefined : { set, unset };
}

/** Applies one operation to the map of live tasks. A patch for an unknown id is ignored. */
export function applyOp(tasks: Map<string, TaskSnapshot>, op: JournalOp): void {
	switch (op.op) {
		case 'put':
			tasks.set(op.task.id, op.task);
			return;
		case 'del':
			tasks.delete(op.id);
			return;
		case 'patch': {
			const current = tasks.get(op.id);
			if (!current) {
				return;
			}
			const next = { ...current, ...op.set, id: current.id } as Record<string, unknown>;
			for (const key of op.unset ?? []) {
				delete next[key];
			}
			if (isTaskSnapshot(next)) {
				tasks.set(op.id, next);
			}
			return;
		}
	}
}

/** What replaying a journal found. */
export interface ReplayResult {
	tasks: Map<string, TaskSnapshot>;
	/** Lines that were not valid operations (skipped). */
	badLines: number;
	/** The file did not end with a newline: the last write was cut short (a crash). */
	tornTail: boolean;
}

/**
 * Rebuilds the live tasks from journal bytes. Bad lines are skipped with a warning rather
 * than failing the whole store: losing one record beats losing all of them.
 */
export function replay(data: Buffer, log: Log): ReplayResult {
	const tasks = new Map<string, TaskSnapshot>();
	const lines = data.toString('utf8').split('\n');
	const tornTail = lines[lines.length - 1] !== '';
	let badLines = 0;
	lines.forEach((line, index) => {
		if (line.trim() === '') {
			return;
		}
		const op = decodeLine(line);
		if (op) {
			applyOp(tasks, op);
			return;
		}
		badLines++;
		const isTail = tornTail && index === lines.length - 1;
		log.warn(isTail
			? `tasks: skipped an incomplete last journal line (${line.length} chars); the previous session probably stopped mid-write`
			: `tasks: skipped unreadable journal line ${index + 1}`);
	});
	return { tasks, badLines, tornTail };
}

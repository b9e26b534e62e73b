/**
 * The task journal's line format and replay: one JSON object per line, each an operation.
 *
 *   {"op":"put","task":{...}}                          a whole snapshot (add, compaction)
 *   {"op":"patch","id":"…","set":{...},"unset":[…]}    only the changed top-level fields
 *   {"op":"del","id":"…"}                              removal
 *
 * Any line may end with `"w":"…"`, the window that wrote it. Each line is parsed with
 * `JournalLineSchema`; one that does not parse is skipped.
 *
 * Updates are patches so that a poll result (status, progress, updatedAt) does not rewrite
 * the prompt and params every few seconds.
 */
import { z } from 'zod';
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

const TaskId = z.string().min(1);
const Fields = z.record(z.string(), z.unknown());

/** The JSON type of a value, as the task shape names them. */
function jsonType(value: unknown): string {
	return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/**
 * The fields every task has and their JSON types: enough to keep a damaged or foreign record out
 * of memory, and no more. Other fields are kept as they are, because a newer version may add
 * some (`saveTo`, `job` came that way) and an older window must carry them through compaction;
 * statuses and providers stay plain strings for the same reason.
 */
const TASK_SHAPE: Readonly<Partial<Record<keyof TaskSnapshot, 'string' | 'number' | 'array' | 'object'>>> = {
	id: 'string',
	provider: 'string',
	model: 'string',
	status: 'string',
	rawStatus: 'string',
	prompt: 'string',
	progress: 'number',
	createdAt: 'number',
	updatedAt: 'number',
	results: 'array',
	resultData: 'object',
	params: 'object',
};
const TASK_FIELDS = Object.entries(TASK_SHAPE);

/**
 * A task as the journal holds it. A light schema (the fields above checked in one pass, the
 * object passed through untouched) rather than `z.looseObject`: replay parses every task in the
 * journal, and copying each one field by field made opening a 5,000-task store about twice as slow.
 */
export const TaskSnapshotSchema = z.custom<TaskSnapshot>((value) => {
	if (jsonType(value) !== 'object') {
		return false;
	}
	const task = value as Record<string, unknown>;
	return TASK_FIELDS.every(([key, type]) => jsonType(task[key]) === type) && task.id !== '';
}, 'not a task snapshot');

/** The window that wrote a line (see `encodeOp`), on any operation. */
const writer = { w: z.string().max(100).optional() };

/** One journal line, discriminated on `op`. */
export const JournalLineSchema = z.discriminatedUnion('op', [
	z.object({ op: z.literal('put'), task: TaskSnapshotSchema, ...writer }),
	z.object({ op: z.literal('patch'), id: TaskId, set: Fields, unset: z.array(z.string()).optional(), ...writer }),
	z.object({ op: z.literal('del'), id: TaskId, ...writer }),
]);

/** Serialises an operation as one journal line, newline included; `writer` marks which window wrote it. */
export function encodeOp(op: JournalOp, writer?: string): string {
	return JSON.stringify(writer ? { ...op, w: writer } : op) + '\n';
}

/** The window that wrote a journal line (`w`), if it says. Read without parsing: sync skips its own lines by it. */
export function writerOf(line: string): string | undefined {
	const m = /"w":"([^"\\]{1,100})"\}\s*$/.exec(line);
	return m?.[1];
}

/** Deep copy that also normalises away `undefined` fields, so memory equals what replay yields. */
export function jsonClone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Whether `value` has the shape of a task snapshot (`TaskSnapshotSchema`). */
export function isTaskSnapshot(value: unknown): value is TaskSnapshot {
	return TaskSnapshotSchema.safeParse(value).success;
}

/** Parses and validates one line; undefined when it is not a well-formed operation. */
export function decodeLine(line: string): JournalOp | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}
	const parsed = JournalLineSchema.safeParse(value);
	if (!parsed.success) {
		return undefined;
	}
	const { w: _writer, ...op } = parsed.data;
	return op;
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
		log.warn(
			isTail
				? `tasks: skipped an incomplete last journal line (${line.length} chars); the previous session probably stopped mid-write`
				: `tasks: skipped unreadable journal line ${index + 1}`,
		);
	});
	return { tasks, badLines, tornTail };
}

/**
 * What a task command acts on, read one way wherever a command receives it: the preview's
 * `evolink.openPreview` and every task action. Callers pass
 * - a task id (scripts, keybindings);
 * - `{ taskId, resultIndex? }` (the preview's buttons, notifications);
 * - a tree node `{ task: { id }, result?: { index } }` (row clicks and context menus);
 * - a task snapshot `{ id, results }`;
 * then, optionally, a result index, which wins over one inside the first argument.
 *
 * `zod/mini` with a namespace import (see `protocol.ts`). Only dist/core.js bundles this: the
 * activation side parses through `loadCore()`. Pure: no `vscode`.
 */
import * as z from 'zod/mini';

/** A task and, optionally, one of its results. */
export interface TaskTarget {
	taskId: string;
	resultIndex?: number;
}

/** Ids are short; anything longer is not one of ours. */
const MAX_ID_CHARS = 200;

const TaskId = z.string().check(z.minLength(1), z.maxLength(MAX_ID_CHARS));
const ResultIndex = z.int().check(z.minimum(0));

/**
 * A result index, or undefined for anything that is not one (negative, fractional, a string): the
 * target is then the task. Dropped here rather than with `z.catch`, which would add about 14 KB
 * of zod.
 */
function indexOr(value: unknown): number | undefined {
	const index = ResultIndex.safeParse(value);
	return index.success ? index.data : undefined;
}

/** The `index` of a tree node's `result`, when it is an object. */
function indexOfResult(result: unknown): unknown {
	return typeof result === 'object' && result !== null ? (result as { index?: unknown }).index : undefined;
}

/** Every shape a target comes in, tried in this order; each yields `{ taskId, resultIndex }`. */
export const TaskTargetSchema = z.union([
	z.pipe(TaskId, z.transform((taskId: string) => ({ taskId, resultIndex: undefined }))),
	z.pipe(
		z.object({ taskId: TaskId, resultIndex: z.optional(z.unknown()) }),
		z.transform((ref: { taskId: string; resultIndex?: unknown }) => ({ taskId: ref.taskId, resultIndex: indexOr(ref.resultIndex) })),
	),
	z.pipe(
		z.object({ task: z.object({ id: TaskId }), result: z.optional(z.unknown()) }),
		z.transform((node: { task: { id: string }; result?: unknown }) => ({ taskId: node.task.id, resultIndex: indexOr(indexOfResult(node.result)) })),
	),
	z.pipe(
		z.object({ id: TaskId, results: z.array(z.unknown()) }),
		z.transform((task: { id: string; results: unknown[] }) => ({ taskId: task.id, resultIndex: undefined })),
	),
]);

/**
 * Reads a command's target arguments; undefined when `arg` names no task. An invalid index
 * (in `arg` or as `index`) is ignored rather than refusing the whole target.
 */
export function parseTaskTarget(arg: unknown, index?: unknown): TaskTarget | undefined {
	const parsed = TaskTargetSchema.safeParse(arg);
	if (!parsed.success) {
		return undefined;
	}
	const resultIndex = indexOr(index) ?? parsed.data.resultIndex;
	return resultIndex === undefined ? { taskId: parsed.data.taskId } : { taskId: parsed.data.taskId, resultIndex };
}

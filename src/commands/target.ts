import type { App } from '../app';
import type { LocalResult, TaskSnapshot } from '../shared/domain';

/** What a task action acts on: a task and, for variants, one result. */
export interface Target { task: TaskSnapshot; result?: LocalResult }

/**
 * Task actions are called from tree rows (a node), from the preview (`{ taskId, resultIndex }`)
 * and from scripts (a task id string, then an optional index). All become a Target.
 */
export async function resolveTarget(app: App, arg: unknown, indexArg?: unknown): Promise<Target | undefined> {
	const store = (await app.services()).store;
	let id: string | undefined;
	let index: number | undefined = typeof indexArg === 'number' ? indexArg : undefined;
	if (typeof arg === 'string') {
		id = arg;
	} else if (arg && typeof arg === 'object') {
		const a = arg as { taskId?: unknown; resultIndex?: unknown; task?: { id?: unknown }; result?: { index?: unknown } };
		id = typeof a.taskId === 'string' ? a.taskId : typeof a.task?.id === 'string' ? a.task.id : undefined;
		index ??= typeof a.resultIndex === 'number' ? a.resultIndex : typeof a.result?.index === 'number' ? a.result.index : undefined;
	}
	const task = id ? store.get(id) : undefined;
	if (!task) { return undefined; }
	return { task, result: index === undefined ? undefined : task.results.find((r) => r.index === index) };
}

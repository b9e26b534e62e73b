import type { App } from '../app';
import type { LocalResult, TaskSnapshot } from '../shared/domain';
import { loadCore } from '../loadCore';

/** What a task action acts on: a task and, for variants, one result. */
export interface Target {
	task: TaskSnapshot;
	result?: LocalResult;
}

/**
 * Task actions are called from tree rows (a node), from the preview (`{ taskId, resultIndex }`)
 * and from scripts (a task id string, then an optional index). All become a Target, read by the
 * same rules as `evolink.openPreview` (`parseTaskTarget`).
 */
export async function resolveTarget(app: App, arg: unknown, indexArg?: unknown): Promise<Target | undefined> {
	// The parser (zod) is in dist/core.js, which acting on a task loads anyway (the services).
	const ref = loadCore().parseTaskTarget(arg, indexArg);
	if (!ref) { return undefined; }
	const task = (await app.services()).store.get(ref.taskId);
	if (!task) { return undefined; }
	return { task, result: ref.resultIndex === undefined ? undefined : task.results.find((r) => r.index === ref.resultIndex) };
}

/**
 * A batch (N variations of one prompt, one task each) previewed as one page: every result of
 * every task side by side, so they can be auditioned together and any subset kept. The page
 * sees one task, `batch:<id>`, whose results are the members' results in batch order; each
 * keeps the way back to its own task for actions.
 * Pure: no `vscode` import.
 */
import { isFinal, type LocalResult, type TaskSnapshot } from '../shared/domain';

/** The id prefix of a batch's preview. */
export const BATCH_PREFIX = 'batch:';

/** A batch result's own task and index. */
export interface BatchMember {
	taskId: string;
	resultIndex: number;
}

/** The batch a task belongs to (with more than one member), if any. */
export function batchOf(task: TaskSnapshot): { id: string; index: number; count: number } | undefined {
	const b = task.params.batch as { id?: unknown; index?: unknown; count?: unknown } | undefined;
	return typeof b?.id === 'string' && typeof b.index === 'number' && typeof b.count === 'number' && b.count > 1 ? { id: b.id, index: b.index, count: b.count } : undefined;
}

/** The preview id of a batch. */
export function batchPreviewId(batchId: string): string {
	return `${BATCH_PREFIX}${batchId}`;
}

/** The batch as one task (status, progress and results of all its members), and where each result comes from. */
export function composeBatch(all: readonly TaskSnapshot[], previewId: string): { task: TaskSnapshot; members: BatchMember[] } | undefined {
	if (!previewId.startsWith(BATCH_PREFIX)) { return undefined; }
	const id = previewId.slice(BATCH_PREFIX.length);
	const tasks = all.filter((t) => batchOf(t)?.id === id).sort((a, b) => batchOf(a)!.index - batchOf(b)!.index);
	if (tasks.length === 0) { return undefined; }
	const first = tasks[0];
	const members: BatchMember[] = [];
	const results: LocalResult[] = [];
	for (const t of tasks) {
		const n = String(batchOf(t)!.index + 1).padStart(2, '0');
		for (const r of [...t.results].sort((a, b) => a.index - b.index)) {
			members.push({ taskId: t.id, resultIndex: r.index });
			results.push({ ...r, index: results.length, title: t.results.length > 1 ? `-${n} · ${r.title ?? `take ${r.index + 1}`}` : `-${n}${r.title ? ` · ${r.title}` : ''}` });
		}
	}
	const running = tasks.filter((t) => !isFinal(t.status));
	const status = running.length > 0
		? (running.some((t) => t.status === 'processing') ? 'processing' : 'pending')
		: tasks.some((t) => t.status === 'completed')
		? 'completed'
		: first.status;
	const { batch: _batch, ...params } = first.params;
	const task: TaskSnapshot = {
		...first,
		id: previewId,
		status,
		rawStatus: status,
		progress: Math.round(tasks.reduce((n, t) => n + t.progress, 0) / tasks.length),
		params: { ...params, variations: tasks.length },
		createdAt: Math.min(...tasks.map((t) => t.createdAt)),
		updatedAt: Math.max(...tasks.map((t) => t.updatedAt)),
		finishedAt: running.length === 0 ? Math.max(...tasks.map((t) => t.finishedAt ?? t.updatedAt)) : undefined,
		creditsReserved: tasks.every((t) => t.creditsReserved !== undefined) ? tasks.reduce((n, t) => n + (t.creditsReserved ?? 0), 0) : undefined,
		results,
		error: tasks.find((t) => t.error)?.error,
	};
	return { task, members };
}

/**
 * The task source the preview reads, plus batches: `batch:<id>` reads as one task made of its
 * members, and changes whenever one of them does.
 * Pure: no `vscode` import (types only).
 */
import { BATCH_PREFIX, batchOf, batchPreviewId, composeBatch } from './batchView';
import type { TaskSource } from './taskSource';

/** `source`, with each batch's page readable and listened to as one task. */
export function withBatches(source: TaskSource): TaskSource {
	return {
		get: (id) => id.startsWith(BATCH_PREFIX) ? composeBatch(source.list(), id)?.task : source.get(id),
		list: () => source.list(),
		onDidChange: (listener) => source.onDidChange((task) => {
			listener(task);
			const batch = batchOf(task);
			const composed = batch && composeBatch(source.list(), batchPreviewId(batch.id));
			if (composed) { listener(composed.task); }
		}),
	};
}

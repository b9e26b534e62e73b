/**
 * What the preview's buttons run, and how `evolink.openPreview` reads its arguments.
 * Pure: no `vscode` import, so both are unit-tested.
 */
import type { PreviewAction } from '../shared/protocol';
import { parseTaskTarget, type TaskTarget } from '../shared/taskTarget';

/** The command each page action runs; other features implement them. */
export const ACTION_COMMANDS: Readonly<Record<PreviewAction, string>> = {
	saveToWorkspace: 'evolink.saveToWorkspace',
	revealFile: 'evolink.revealFile',
	insertReference: 'evolink.insertReference',
	regenerate: 'evolink.retryTask',
	openExternal: 'evolink.openExternal',
	openWithVsCode: 'evolink.openWithVsCode',
	keepVariant: 'evolink.keepVariant',
	createPersona: 'evolink.createPersona',
};

/** The command id of `evolink.openPreview` (kept with the view type in previewIds.ts). */
export { OPEN_PREVIEW_COMMAND } from './previewIds';

/** The argument every action command receives. */
export interface ResultRef {
	taskId: string;
	resultIndex: number;
}

/** What `evolink.openPreview` was asked to open. */
export type OpenRequest = TaskTarget;

/**
 * Reads `evolink.openPreview`'s arguments: a task id, `{ taskId, resultIndex? }`, a tree node or a
 * task snapshot, then an optional index; the same rules as every task action (`parseTaskTarget`).
 */
export function parseOpenArgs(arg: unknown, index?: unknown): OpenRequest | undefined {
	return parseTaskTarget(arg, index);
}

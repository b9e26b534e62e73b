/**
 * What the preview's buttons run, and how `evolink.openPreview` reads its arguments.
 * Pure: no `vscode` import, so both are unit-tested.
 */
import type { PreviewAction } from '../shared/protocol';

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

/** The command id of `evolink.openPreview`. */
export const OPEN_PREVIEW_COMMAND = 'evolink.openPreview';

/** The argument every action command receives. */
export interface ResultRef {
	taskId: string;
	resultIndex: number;
}

/** What `evolink.openPreview` was asked to open. */
export interface OpenRequest {
	taskId: string;
	resultIndex?: number;
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Reads `evolink.openPreview`'s arguments: a task id, `{ taskId, resultIndex? }`, or a task
 * snapshot (`{ id, results }`, as a tree item's context menu passes), then an optional index.
 */
export function parseOpenArgs(arg: unknown, index?: unknown): OpenRequest | undefined {
	let taskId: string | undefined;
	let resultIndex: number | undefined = isIndex(index) ? index : undefined;
	if (typeof arg === 'string') {
		taskId = arg;
	} else if (typeof arg === 'object' && arg !== null) {
		const o = arg as { taskId?: unknown; id?: unknown; results?: unknown; resultIndex?: unknown };
		if (typeof o.taskId === 'string') {
			taskId = o.taskId;
		} else if (typeof o.id === 'string' && Array.isArray(o.results)) {
			taskId = o.id;
		}
		if (resultIndex === undefined && isIndex(o.resultIndex)) {
			resultIndex = o.resultIndex;
		}
	}
	if (!taskId || taskId.length > 200) {
		return undefined;
	}
	return resultIndex === undefined ? { taskId } : { taskId, resultIndex };
}

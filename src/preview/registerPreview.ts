import * as vscode from 'vscode';
import { loadCore } from '../loadCore';
import type { Log } from '../util/log';
import { withBatches } from './batchSource';
import { batchOf, batchPreviewId, composeBatch } from './batchView';
import { partAtLine } from './followAlong';
import { OPEN_PREVIEW_COMMAND, PREVIEW_VIEW_TYPE } from './previewIds';
import type { PreviewPanel } from './previewPanel';
import type { TaskSource } from './taskSource';

/**
 * Registers `evolink.openPreview` (a task id or `{ taskId }`, then an optional result index),
 * `evolink.playFromCursor` and the serializer that restores previews after a window reload.
 * The panel, with the protocol's schemas (zod) and the codec readers, is in dist/core.js:
 * loaded when the first preview opens or is restored, not at activation.
 */
export function registerPreview(context: vscode.ExtensionContext, tasks: TaskSource, log: Log): vscode.Disposable {
	const uri = context.extensionUri;
	const source = withBatches(tasks);
	let loaded: typeof PreviewPanel | undefined;
	const panels = (): typeof PreviewPanel => loaded ??= loadCore().PreviewPanel;
	return vscode.Disposable.from(
		vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (arg?: unknown, index?: unknown) => {
			const request = loadCore().parseOpenArgs(arg, index);
			if (!request) {
				void vscode.window.showErrorMessage(vscode.l10n.t('Open a preview from a task in the EvoLink tasks view.'));
				return;
			}
			if (!source.get(request.taskId)) {
				void vscode.window.showWarningMessage(vscode.l10n.t('EvoLink: task {0} is not in the task list.', request.taskId));
				return;
			}
			log.info(`open task ${request.taskId}${request.resultIndex !== undefined ? ` result ${request.resultIndex}` : ''}`);
			// A task of a batch opens the batch's page: all its variations side by side, this one in view.
			const task = source.get(request.taskId);
			const batch = task && batchOf(task);
			if (batch) {
				const composed = composeBatch(source.list(), batchPreviewId(batch.id));
				const first = composed?.members.findIndex((m) => m.taskId === request.taskId && (request.resultIndex === undefined || m.resultIndex === request.resultIndex));
				panels().show(uri, source, log, batchPreviewId(batch.id), first !== undefined && first >= 0 ? first : undefined);
				return;
			}
			panels().show(uri, source, log, request.taskId, request.resultIndex);
		}),
		vscode.commands.registerCommand('evolink.playFromCursor', () => {
			const editor = vscode.window.activeTextEditor;
			const tasks = source.list();
			const hit = editor && partAtLine(tasks, editor.document.uri.toString(), editor.selection.active.line);
			if (!hit) {
				void vscode.window.showInformationMessage(vscode.l10n.t('No voiceover of this paragraph yet: select the text and run Speak Selection.'));
				return undefined;
			}
			panels().show(uri, source, log, hit.job.id).seekPart(hit.part);
			return { taskId: hit.job.id, part: hit.part };
		}),
		vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
			deserializeWebviewPanel: async (panel, state: unknown) => {
				panels().revive(panel, uri, source, log, state);
			},
		}),
		// Closes the open previews; if none was ever opened, dist/core.js is not loaded just for this.
		{ dispose: () => loaded?.disposeAll() },
	);
}

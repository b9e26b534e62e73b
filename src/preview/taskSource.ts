import type * as vscode from 'vscode';
import type { TaskSnapshot } from '../shared/domain';

/**
 * Where the preview reads tasks from. The extension passes its task store; tests pass an
 * in-memory map. The preview only reads snapshots and listens; it never changes a task itself
 * (actions go through `evolink.*` commands).
 */
export interface TaskSource {
	/** The task's current snapshot, or `undefined` if the store does not know it (any more). */
	get(id: string): TaskSnapshot | undefined;
	/** Every known task, newest first (empty until the store is loaded). */
	list(): TaskSnapshot[];
	/** Fires with the new snapshot whenever any task changes (status, progress, download, save). */
	onDidChange(listener: (task: TaskSnapshot) => void): vscode.Disposable;
}

import type * as vscode from 'vscode';
import type { App } from './app';
import type { TaskSnapshot } from './tasks/types';

/** What `activate()` returns to other extensions (and our tests). Plain snapshots, no secrets. */
export interface EvoLinkStudioApi {
	/** Every task, newest first. */
	getTasks(): Promise<TaskSnapshot[]>;
	getTask(id: string): Promise<TaskSnapshot | undefined>;
	/** Fires with a task's new snapshot whenever it changes. */
	onDidChangeTasks: vscode.Event<TaskSnapshot>;
}

/** The public API over the app's store. */
export function createPublicApi(app: App, onDidChangeTasks: vscode.Event<TaskSnapshot>): EvoLinkStudioApi {
	return {
		getTasks: () => app.tasks(),
		getTask: async (id) => (await app.core()).store.get(id),
		onDidChangeTasks,
	};
}

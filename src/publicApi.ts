import type * as vscode from 'vscode';
import type { App } from './app';
import type { TaskSnapshot } from './shared/domain';

/** What `activate()` returns to other extensions (and our tests). Plain snapshots, no secrets. */
export interface EvoLinkStudioApi {
	/** Every task, newest first. */
	getTasks(): Promise<TaskSnapshot[]>;
	/** A task; a job (a chapter in parts) also carries `parts`: each part's text, status and task id. */
	getTask(id: string): Promise<(TaskSnapshot & { parts?: JobPartView[] }) | undefined>;
	/** Fires with a task's new snapshot whenever it changes. */
	onDidChangeTasks: vscode.Event<TaskSnapshot>;
}

/** How one part of a job stands. */
export interface JobPartView {
	index: number;
	paragraph: number;
	text: string;
	taskId?: string;
	fromCache: boolean;
	status: TaskSnapshot['status'];
	error?: string;
}

/** The public API over the app's store. */
export function createPublicApi(app: App, onDidChangeTasks: vscode.Event<TaskSnapshot>): EvoLinkStudioApi {
	return {
		getTasks: () => app.tasks(),
		getTask: async (id) => {
			const store = (await app.services()).store;
			const task = store.get(id);
			if (!task?.job) { return task; }
			// A job also says how each part stands: the text it speaks and its task's status.
			const parts = task.job.parts.map((p) => {
				const t = p.taskId ? store.get(p.taskId) : undefined;
				return {
					index: p.index,
					paragraph: p.paragraph,
					text: p.text,
					taskId: p.taskId,
					fromCache: p.fromCache === true,
					status: p.error ? 'failed' : t?.status ?? 'pending',
					error: p.error ?? t?.error?.message,
				};
			});
			return { ...task, parts };
		},
		onDidChangeTasks,
	};
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { isFinal, type LocalResult, type TaskSnapshot } from '../tasks/types';
import { taskContextValue, taskDescription, taskLabel, taskTooltip } from './taskLabels';

type Group = { kind: 'group'; id: 'running' | 'history'; tasks: TaskSnapshot[] };
type TaskNode = { kind: 'task'; task: TaskSnapshot };
type ResultNode = { kind: 'result'; task: TaskSnapshot; result: LocalResult };
export type Node = Group | TaskNode | ResultNode;

export const VIEW_ID = 'evolink.tasks';

/**
 * The task tree: running tasks in their own group at the top, then the history, newest
 * first. Reads snapshots from the store, never calls a provider. Changes refresh only the
 * changed task's row; a one-second tick refreshes running rows (elapsed time, ETA).
 */
export class TaskTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<Node | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private readonly nodes = new Map<string, TaskNode>();
	private tick: NodeJS.Timeout | undefined;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(private readonly app: App, private readonly onCounts: (running: number, total: number) => void) {
		this.disposables.push(this.changed, app.onDidChangeTask((task) => this.taskChanged(task)));
	}

	getTreeItem(node: Node): vscode.TreeItem {
		if (node.kind === 'group') {
			const item = new vscode.TreeItem(node.id === 'running' ? `Running (${node.tasks.length})` : 'History', vscode.TreeItemCollapsibleState.Expanded);
			item.id = `group:${node.id}`;
			item.contextValue = `group:${node.id}`;
			return item;
		}
		if (node.kind === 'result') { return resultItem(node); }
		return taskItem(node.task, Date.now());
	}

	async getChildren(node?: Node): Promise<Node[]> {
		if (!node) {
			const tasks = (await this.app.core()).store.list();
			this.countAndTick(tasks);
			const running = tasks.filter((t) => !isFinal(t.status));
			const history = tasks.filter((t) => isFinal(t.status));
			if (running.length === 0) { return history.map((t) => this.node(t)); }
			return [{ kind: 'group', id: 'running', tasks: running }, ...(history.length ? [{ kind: 'group', id: 'history', tasks: history } as Group] : [])];
		}
		if (node.kind === 'group') { return node.tasks.map((t) => this.node(t)); }
		if (node.kind === 'task' && node.task.results.length > 1) {
			return node.task.results.map((result) => ({ kind: 'result', task: node.task, result }));
		}
		return [];
	}

	getParent(): undefined { return undefined; }

	private node(task: TaskSnapshot): TaskNode {
		const node = this.nodes.get(task.id) ?? { kind: 'task', task };
		node.task = task;
		this.nodes.set(task.id, node);
		return node;
	}

	private taskChanged(task: TaskSnapshot | undefined): void {
		const node = task && this.nodes.get(task.id);
		// A status change moves the row between groups, and a new task adds one: refresh all.
		if (!task || !node || node.task.status !== task.status || node.task.results.length !== task.results.length) {
			this.changed.fire(undefined);
			return;
		}
		node.task = task;
		this.changed.fire(node);
	}

	private countAndTick(tasks: TaskSnapshot[]): void {
		const running = tasks.filter((t) => !isFinal(t.status)).length;
		this.onCounts(running, tasks.length);
		if (running > 0 && !this.tick) {
			this.tick = setInterval(() => {
				for (const node of this.nodes.values()) { if (!isFinal(node.task.status)) { this.changed.fire(node); } }
			}, 1000);
		} else if (running === 0 && this.tick) {
			clearInterval(this.tick);
			this.tick = undefined;
		}
	}

	dispose(): void {
		if (this.tick) { clearInterval(this.tick); }
		for (const d of this.disposables.splice(0)) { d.dispose(); }
	}
}

function taskItem(task: TaskSnapshot, now: number): vscode.TreeItem {
	const item = new vscode.TreeItem(taskLabel(task), task.results.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
	item.id = `task:${task.id}`;
	item.description = taskDescription(task, now);
	item.tooltip = taskTooltip(task);
	item.iconPath = statusIcon(task);
	item.contextValue = taskContextValue(task);
	if (task.results.some((r) => r.localPath)) {
		item.command = { command: 'evolink.openPreview', title: 'Open Preview', arguments: [{ taskId: task.id }] };
	}
	return item;
}

function resultItem(node: ResultNode): vscode.TreeItem {
	const { task, result } = node;
	const item = new vscode.TreeItem(result.title ? `${result.index + 1}. ${result.title}` : `Variant ${result.index + 1}`);
	item.id = `result:${task.id}:${result.index}`;
	item.description = result.savedPath ? 'saved' : result.downloadError ? 'download failed' : result.localPath ? (result.durationSec ? `${Math.round(result.durationSec)}s` : '') : 'downloading';
	item.iconPath = new vscode.ThemeIcon(result.downloadError ? 'warning' : 'file-media');
	item.contextValue = `result${result.localPath ? ':media' : ''}${task.model === 'suno-music' ? ':music' : ''}`;
	if (result.localPath) {
		item.command = { command: 'evolink.openPreview', title: 'Open Preview', arguments: [{ taskId: task.id }, result.index] };
	}
	return item;
}

function statusIcon(task: TaskSnapshot): vscode.ThemeIcon {
	switch (task.status) {
		case 'pending':
		case 'processing': return new vscode.ThemeIcon('sync~spin');
		case 'completed':
			if (task.results.some((r) => r.downloadError)) { return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')); }
			if (task.results.some((r) => !r.localPath)) { return new vscode.ThemeIcon('cloud-download'); }
			return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
		case 'failed': return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
		case 'cancelled': return new vscode.ThemeIcon('circle-slash');
		default: return new vscode.ThemeIcon('question');
	}
}

/** Registers the tree view with its badge and context keys. */
export function registerTaskTree(app: App): vscode.Disposable {
	const views: vscode.TreeView<Node>[] = [];
	const provider = new TaskTreeProvider(app, (running, total) => {
		for (const view of views) { view.badge = running > 0 ? { value: running, tooltip: `${running} generation task${running === 1 ? '' : 's'} running` } : undefined; }
		void vscode.commands.executeCommand('setContext', 'evolink:hasTasks', total > 0);
	});
	views.push(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
	return vscode.Disposable.from(provider, ...views);
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { canMakePersona } from '../catalog';
import { isFinal, jobOf, type JobPart, type LocalResult, type TaskSnapshot } from '../shared/domain';
import { openOnSelection } from './treeSelection';
import { partDescription, taskContextValue, taskDescription, taskLabel, taskTooltip } from './taskLabels';

type Group = { kind: 'group'; id: 'running' | 'history'; tasks: TaskSnapshot[] };
type TaskNode = { kind: 'task'; task: TaskSnapshot };
type ResultNode = { kind: 'result'; task: TaskSnapshot; result: LocalResult };
/** A part of a job (a chapter in parts): its own task, if it has one yet. */
type PartNode = { kind: 'part'; task: TaskSnapshot; part: JobPart; partTask?: TaskSnapshot };
export type Node = Group | TaskNode | ResultNode | PartNode;

export const VIEW_ID = 'evolink.tasks';
/** Opens the preview of the selected row; the rows' own command (no arguments, see below). */
export const OPEN_SELECTED_COMMAND = 'evolink.tasks.openSelected';
/** Changes closer together than this become one tree refresh. */
const REFRESH_MS = 100;

/**
 * The task tree: running tasks in their own group at the top, then the history, newest
 * first. Reads snapshots from the store, never calls a provider.
 *
 * Refreshes are coalesced: changes within `REFRESH_MS` become one event, and a full refresh
 * swallows the row refreshes queued with it. A one-second tick refreshes running rows
 * (elapsed time, ETA) only while the view is visible. A click opens the row's preview through
 * the selection (see `registerTaskTree`); rows carry an argument-less command, which no
 * refresh can invalidate (commands with arguments are delegated by id and can go stale while
 * a refresh is in flight: microsoft/vscode#153982, #173233).
 */
export class TaskTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<Node | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private readonly nodes = new Map<string, TaskNode>();
	private tick: NodeJS.Timeout | undefined;
	private flushTimer: NodeJS.Timeout | undefined;
	private pendingAll = false;
	private readonly pendingRows = new Set<TaskNode>();
	private readonly disposables: vscode.Disposable[] = [];
	/** Whether the view is on screen (the tick only matters then); set by `registerTaskTree`. */
	visible = true;

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
		if (node.kind === 'part') { return partItem(node); }
		return taskItem(node.task, Date.now());
	}

	async getChildren(node?: Node): Promise<Node[]> {
		if (!node) {
			// A job's parts are its children, not rows of their own.
			// Read-only snapshots (no copies): the tree only looks.
			const tasks = (await this.app.services()).store.peek().filter((t) => !jobOf(t));
			this.countAndTick(tasks);
			const running = tasks.filter((t) => !isFinal(t.status));
			const history = tasks.filter((t) => isFinal(t.status));
			if (running.length === 0) { return history.map((t) => this.node(t)); }
			return [{ kind: 'group', id: 'running', tasks: running }, ...(history.length ? [{ kind: 'group', id: 'history', tasks: history } as Group] : [])];
		}
		if (node.kind === 'group') { return node.tasks.map((t) => this.node(t)); }
		if (node.kind === 'task' && node.task.job) {
			const store = (await this.app.services()).store;
			return node.task.job.parts.map((part) => ({ kind: 'part', task: node.task, part, partTask: part.taskId ? store.get(part.taskId) : undefined }));
		}
		if (node.kind === 'task' && node.task.results.length > 1) {
			return node.task.results.map((result) => ({ kind: 'result', task: node.task, result }));
		}
		return [];
	}

	getParent(): undefined {
		return undefined;
	}

	private node(task: TaskSnapshot): TaskNode {
		const node = this.nodes.get(task.id) ?? { kind: 'task', task };
		node.task = task;
		this.nodes.set(task.id, node);
		return node;
	}

	private taskChanged(task: TaskSnapshot | undefined): void {
		const node = task && this.nodes.get(task.id);
		const previous = node?.task;
		if (node && task) { node.task = task; }
		// A status change moves the row between groups, and a new task adds one: refresh all.
		if (!previous || !task || previous.status !== task.status || previous.results.length !== task.results.length) {
			this.queue(undefined);
			return;
		}
		this.queue(node);
	}

	/** Queues a refresh of one row, or of everything; one event per `REFRESH_MS`. */
	private queue(node: TaskNode | undefined): void {
		if (node) { this.pendingRows.add(node); }
		else { this.pendingAll = true; }
		this.flushTimer ??= setTimeout(() => this.flush(), REFRESH_MS);
	}

	private flush(): void {
		this.flushTimer = undefined;
		if (this.pendingAll) {
			this.changed.fire(undefined);
		} else {
			for (const node of this.pendingRows) { this.changed.fire(node); }
		}
		this.pendingAll = false;
		this.pendingRows.clear();
	}

	private countAndTick(tasks: TaskSnapshot[]): void {
		const running = tasks.filter((t) => !isFinal(t.status)).length;
		this.onCounts(running, tasks.length);
		if (running > 0 && !this.tick) {
			this.tick = setInterval(() => {
				if (!this.visible) { return; }
				for (const node of this.nodes.values()) { if (!isFinal(node.task.status)) { this.queue(node); } }
			}, 1000);
		} else if (running === 0 && this.tick) {
			clearInterval(this.tick);
			this.tick = undefined;
		}
	}

	dispose(): void {
		if (this.tick) { clearInterval(this.tick); }
		if (this.flushTimer) { clearTimeout(this.flushTimer); }
		for (const d of this.disposables.splice(0)) { d.dispose(); }
	}
}

function taskItem(task: TaskSnapshot, now: number): vscode.TreeItem {
	const item = new vscode.TreeItem(taskLabel(task), task.results.length > 1 || task.job ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
	item.id = `task:${task.id}`;
	item.description = taskDescription(task, now);
	item.tooltip = taskTooltip(task);
	item.iconPath = statusIcon(task);
	item.contextValue = taskContextValue(task);
	// Every row opens its preview, a running one too: it shows the progress, then the result.
	item.command = { command: OPEN_SELECTED_COMMAND, title: 'Open Preview' };
	return item;
}

function resultItem(node: ResultNode): vscode.TreeItem {
	const { task, result } = node;
	const item = new vscode.TreeItem(result.title ? `${result.index + 1}. ${result.title}` : `Variant ${result.index + 1}`);
	item.id = `result:${task.id}:${result.index}`;
	item.description = result.savedPath
		? 'saved'
		: result.downloadError
		? 'download failed'
		: result.localPath
		? (result.durationSec ? `${Math.round(result.durationSec)}s` : '')
		: 'downloading';
	item.iconPath = new vscode.ThemeIcon(result.downloadError ? 'warning' : 'file-media');
	// `:music` marks a result that can become a persona (the menus match it).
	item.contextValue = `result${result.localPath ? ':media' : ''}${canMakePersona(task.model) ? ':music' : ''}`;
	item.command = { command: OPEN_SELECTED_COMMAND, title: 'Open Preview' };
	return item;
}

function partItem(node: PartNode): vscode.TreeItem {
	const { task, part, partTask } = node;
	const item = new vscode.TreeItem(`${part.index + 1}. ${part.text.length > 60 ? `${part.text.slice(0, 59)}…` : part.text}`);
	item.id = `part:${task.id}:${part.index}`;
	item.description = partDescription(part, partTask);
	item.tooltip = `Part ${part.index + 1} of ${task.job?.parts.length ?? '?'} (paragraph ${part.paragraph + 1}), ${part.text.length} characters${
		part.fromCache ? ', from the cache: no request sent' : ''
	}\n\n${part.text}${part.error ?? partTask?.error ? `\n\nError: ${part.error ?? partTask?.error?.message}` : ''}`;
	const failed = Boolean(part.error) || partTask?.status === 'failed' || partTask?.status === 'cancelled';
	item.iconPath = failed
		? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
		: partTask
		? statusIcon(partTask)
		: new vscode.ThemeIcon('circle-outline');
	item.contextValue = failed ? 'part:failed' : 'part';
	item.command = { command: OPEN_SELECTED_COMMAND, title: 'Open Preview' };
	return item;
}

function statusIcon(task: TaskSnapshot): vscode.ThemeIcon {
	switch (task.status) {
		case 'pending':
		case 'processing':
			return new vscode.ThemeIcon('sync~spin');
		case 'completed':
			if (task.results.some((r) => r.downloadError)) { return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')); }
			if (task.results.some((r) => !r.localPath)) { return new vscode.ThemeIcon('cloud-download'); }
			return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
		case 'failed':
			return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
		case 'cancelled':
			return new vscode.ThemeIcon('circle-slash');
		default:
			return new vscode.ThemeIcon('question');
	}
}

/** Registers the tree view with its badge, context keys and the rows' open command. */
export function registerTaskTree(app: App): vscode.Disposable {
	const views: vscode.TreeView<Node>[] = [];
	const provider = new TaskTreeProvider(app, (running, total) => {
		for (const view of views) { view.badge = running > 0 ? { value: running, tooltip: `${running} generation task${running === 1 ? '' : 's'} running` } : undefined; }
		void vscode.commands.executeCommand('setContext', 'evolink:hasTasks', total > 0);
	});
	const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
	views.push(view);
	const open = (node: Node | undefined): Thenable<unknown> | undefined => {
		if (node?.kind === 'part') {
			// A part opens the job's preview at that part.
			return vscode.commands.executeCommand('evolink.openPreview', { taskId: node.task.id });
		}
		if (node?.kind !== 'task' && node?.kind !== 'result') { return undefined; }
		return vscode.commands.executeCommand('evolink.openPreview', { taskId: node.task.id }, node.kind === 'result' ? node.result.index : undefined);
	};
	return vscode.Disposable.from(
		provider,
		view,
		view.onDidChangeVisibility((e) => {
			provider.visible = e.visible;
		}),
		openOnSelection(view, open, app.log.child('tree'), OPEN_SELECTED_COMMAND),
	);
}

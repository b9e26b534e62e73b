import * as vscode from 'vscode';
import { describeInvalid, parsePersistedState, parseWebviewToHost, type PreviewAction, type WebviewToHost } from '../shared/protocol';
import type { TaskSnapshot } from '../shared/domain';
import type { ExportOptions } from '../shared/exportOptions';
import { DisposableBase } from '../util/disposable';
import type { Log } from '../util/log';
import { BATCH_PREFIX, composeBatch } from './batchView';
import { highlightPart } from './followAlong';
import { localizedStrings } from './l10nStrings';
import { ACTION_COMMANDS } from './previewActions';
import { MediaInfoCache, resolveFiles, resultFolders } from './previewFiles';
import { buildPreviewView, panelTitle, statusLabel, viewKey, type ResolvedFile } from './previewModel';
import { PREVIEW_VIEW_TYPE } from './previewIds';
import { PreviewPage } from './previewPage';
import type { TaskSource } from './taskSource';
import { workshopDefaults } from './workshopDefaults';

/**
 * One preview panel per task: a webview that plays the task's results and offers actions on
 * them. This class turns task snapshots into view messages and page actions into commands;
 * `PreviewPage` owns the document, its resource roots and the `ready` handshake. It lives in
 * dist/core.js (with the protocol's schemas and the codec readers): `registerPreview.ts` reaches
 * it through `loadCore()` when the first preview opens.
 */
export class PreviewPanel extends DisposableBase {
	/** The webview's view type (also the serializer's). */
	static readonly viewType = PREVIEW_VIEW_TYPE;
	private static readonly open = new Map<string, PreviewPanel>();

	private readonly _onDidReceiveMessage = new vscode.EventEmitter<WebviewToHost>();
	/** Every valid message from the page (tests and timing use it). */
	readonly onDidReceiveMessage = this._onDidReceiveMessage.event;

	private readonly page: PreviewPage;
	private readonly cache = new MediaInfoCache();
	private readonly openedAt = Date.now();
	/** Task fields that decide the full view; when unchanged, a cheap `state` message suffices. */
	private viewKey?: string;
	private generation = 0;
	private pendingFocus?: number;
	private pendingSeek?: number;

	/** Opens (or reveals) the preview of `taskId`, optionally scrolled to one result. */
	static show(extensionUri: vscode.Uri, source: TaskSource, log: Log, taskId: string, resultIndex?: number): PreviewPanel {
		const existing = PreviewPanel.open.get(taskId);
		if (existing) {
			existing.panel.reveal(undefined, false);
			if (resultIndex !== undefined) {
				existing.focus(resultIndex);
			}
			return existing;
		}
		const panel = vscode.window.createWebviewPanel(
			PreviewPanel.viewType,
			panelTitle(source.get(taskId), taskId),
			{ viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
			// The page sets the real options (with the result folders) before any HTML exists.
			{ enableScripts: true, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] },
		);
		return new PreviewPanel(panel, extensionUri, source, log, taskId, resultIndex);
	}

	/** Rebuilds a panel VS Code restored after a reload; `state` is what the page last saved. */
	static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: TaskSource, log: Log, state: unknown): PreviewPanel | undefined {
		const { taskId, activeIndex } = parsePersistedState(state);
		if (!taskId || PreviewPanel.open.has(taskId)) {
			// Nothing to show (the page never got a task), or a duplicate: close it quietly.
			panel.dispose();
			return undefined;
		}
		return new PreviewPanel(panel, extensionUri, source, log, taskId, activeIndex);
	}

	/** The open panel of a task, if any. */
	static find(taskId: string): PreviewPanel | undefined {
		return PreviewPanel.open.get(taskId);
	}

	/** Closes every preview (extension deactivation). */
	static disposeAll(): void {
		for (const p of [...PreviewPanel.open.values()]) {
			p.dispose();
		}
	}

	private constructor(
		readonly panel: vscode.WebviewPanel,
		extensionUri: vscode.Uri,
		private readonly source: TaskSource,
		private readonly log: Log,
		readonly taskId: string,
		focusIndex?: number,
	) {
		super();
		PreviewPanel.open.set(taskId, this);
		this.pendingFocus = focusIndex;
		panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
		this.page = this._register(new PreviewPage(panel, extensionUri, log, taskId));
		this._register(this._onDidReceiveMessage);
		this._register(panel.onDidDispose(() => this.dispose()));
		this._register({ dispose: () => highlightPart(this.source.get(taskId), undefined) });
		this._register(panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)));
		this._register(source.onDidChange((task) => {
			if (task.id === taskId) {
				this.update(task);
			}
		}));
		this.update(source.get(taskId));
	}

	override dispose(): void {
		if (this.isDisposed) {
			return;
		}
		PreviewPanel.open.delete(this.taskId);
		super.dispose();
		this.panel.dispose();
	}

	/** Plays the joined file from part `part` (now if the page is ready, else once it is). */
	seekPart(part: number): void {
		if (this.page.isReady) {
			this.page.post({ type: 'seekPart', part, play: true });
		} else {
			this.pendingSeek = part;
		}
	}

	/** Scrolls the page to one result (now, or once it is ready). */
	focus(resultIndex: number): void {
		const current = this.page.current;
		if (current?.type === 'show') {
			// Also right after a reload: the replayed `show` carries it.
			current.focusIndex = resultIndex;
		} else {
			this.pendingFocus = resultIndex;
		}
		this.page.post({ type: 'focus', resultIndex });
	}

	/** Refreshes the page from `task`; a failure is logged, never left as an unhandled rejection. */
	private update(task: TaskSnapshot | undefined): void {
		this.refresh(task).catch((err: unknown) => {
			this.log.error(`[preview] could not show task ${this.taskId}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
		});
	}

	/** Rebuilds the view from `task` and sends what changed. */
	private async refresh(task: TaskSnapshot | undefined): Promise<void> {
		if (!task) {
			this.generation++;
			this.viewKey = undefined;
			this.page.load([]);
			this.page.show({ type: 'missing', taskId: this.taskId, strings: localizedStrings() });
			return;
		}
		const key = viewKey(task);
		const current = this.page.current;
		if (key === this.viewKey && current?.type === 'show') {
			// Only status/progress moved: patch the cached view and send the small message.
			const label = statusLabel(task, vscode.l10n.t);
			Object.assign(current.view.task, { status: task.status, statusLabel: label, progress: task.progress });
			this.page.post({ type: 'state', status: task.status, statusLabel: label, progress: task.progress });
			return;
		}
		const generation = ++this.generation;
		let files: Map<number, ResolvedFile>;
		try {
			files = await resolveFiles(task, this.cache);
		} catch (err) {
			this.log.error(`[preview] could not read the files of task ${task.id}: ${String(err)}`);
			files = new Map();
		}
		if (generation !== this.generation || this.isDisposed) {
			return; // A newer snapshot is being handled.
		}
		this.panel.title = panelTitle(task, this.taskId);
		this.page.load(resultFolders(files.values()));
		const webview = this.panel.webview;
		const view = buildPreviewView(task, files, {
			srcFor: (f) => webview.asWebviewUri(vscode.Uri.file(f.path)).with({ query: `v=${Math.round(f.mtimeMs)}-${f.sizeBytes}` }).toString(),
			t: vscode.l10n.t,
			describeSaved: (p) => vscode.workspace.asRelativePath(p, false),
			workshop: workshopDefaults,
		});
		this.viewKey = key;
		// The focus request is honoured by the next `show` only; later updates must not scroll.
		const focusIndex = this.pendingFocus;
		this.pendingFocus = undefined;
		this.page.show({ type: 'show', view, strings: localizedStrings(), ...(focusIndex !== undefined ? { focusIndex } : {}) });
		// Long WAVs: the page is up; their waveform follows as soon as the host has read it.
		for (const f of files.values()) {
			if (f.info?.container !== 'wav' || f.peaks) { continue; }
			void this.cache.peaksOf(f.path, f.sizeBytes, f.mtimeMs).then((peaks) => {
				if (peaks && generation === this.generation && !this.isDisposed) { this.page.addToView({ type: 'peaks', resultIndex: f.index, peaks }); }
			});
		}
	}

	/** Validates and dispatches one message from the page; anything else is dropped and logged. */
	private receive(data: unknown): void {
		const message = parseWebviewToHost(data);
		if (!message) {
			this.log.warn(`[preview] dropped ${describeInvalid(data)} from the page of task ${this.taskId}`);
			return;
		}
		switch (message.type) {
			case 'ready':
				this.page.onReady();
				if (this.pendingSeek !== undefined) {
					this.page.post({ type: 'seekPart', part: this.pendingSeek, play: true });
					this.pendingSeek = undefined;
				}
				break;
			case 'action':
				void this.runAction(message.action, message.resultIndex);
				break;
			case 'export':
				void this.runAction('saveToWorkspace', message.resultIndex, message.options);
				break;
			case 'playback':
				highlightPart(this.source.get(this.taskId), message.part);
				break;
			case 'log':
				this.log[message.level](`[preview ${this.taskId}] ${message.message} (panel open +${Date.now() - this.openedAt} ms)`);
				break;
		}
		this._onDidReceiveMessage.fire(message);
	}

	/** Runs the command behind a page action, for a result the task really has. */
	private async runAction(action: PreviewAction, resultIndex: number, options?: ExportOptions): Promise<void> {
		const task = this.source.get(this.taskId);
		// Regenerate is about the task (a failed task has no results); the rest need the result.
		const known = action === 'regenerate' ? task !== undefined : task?.results.some((r) => r.index === resultIndex);
		if (!known) {
			this.log.warn(`[preview] ignored ${action} for result ${resultIndex}: task ${this.taskId} has no such result`);
			this.page.post({ type: 'actionDone', action, resultIndex, ok: false, message: vscode.l10n.t('That result no longer exists.') });
			return;
		}
		const command = ACTION_COMMANDS[action];
		// A batch's page: each result acts on its own task (regenerate: on the batch's first).
		const member = this.taskId.startsWith(BATCH_PREFIX) ? composeBatch(this.source.list(), this.taskId)?.members[action === 'regenerate' ? 0 : resultIndex] : undefined;
		const target = member ?? { taskId: this.taskId, resultIndex };
		try {
			await vscode.commands.executeCommand(command, { ...target, ...(options ? { options } : {}) });
			this.page.post({ type: 'actionDone', action, resultIndex, ok: true });
		} catch (err) {
			const text = err instanceof Error ? err.message : String(err);
			this.log.error(`[preview] ${command} failed for ${this.taskId}#${resultIndex}: ${text}`);
			this.page.post({ type: 'actionDone', action, resultIndex, ok: false, message: text });
		}
	}
}

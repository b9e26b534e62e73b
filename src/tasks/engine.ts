/**
 * One way through: options → catalog request → provider client (one POST) → the store
 * (persisted before anything else) → the scheduler (polls) → downloads into storage → store
 * updates, which everything else observes. Pure: no `vscode` import; the extension wires it.
 */
import type { ProviderClient } from '../api/provider';
import { getModel, pollPolicyOf, type ModelSpec } from '../catalog';
import { DisposableBase } from '../util/disposable';
import type { Log } from '../util/log';
import { systemClock, type Clock } from './clock';
import { needsDownload, WindowFollower } from './engineFollow';
import { historicalEstimateSec } from './pollTiming';
import type { LeaseBook } from './lease';
import { resultFile } from './resultFiles';
import { PollScheduler } from './scheduler';
import type { TaskStore } from './store';
import { isFinal, withAdvice, type LocalResult, type RemoteTaskState, type TaskErrorInfo, type TaskSnapshot } from '../shared/domain';

/** Streams `url` into `dest` (temp file + rename); throws on any failure, leaving no file. */
export type DownloadFn = (url: string, dest: string, opts: { signal?: AbortSignal; pcmSampleRate?: number }) => Promise<void>;

export interface EngineDeps {
	store: TaskStore;
	/** The client for a provider, created on first use. */
	client(provider: TaskSnapshot['provider']): Promise<ProviderClient>;
	download: DownloadFn;
	/** Folder under which `results/<taskId>/` is created (the extension's global storage). */
	storageDir: string;
	log: Log;
	clock?: Clock;
	random?: () => number;
	maxConcurrentPolls?: number;
	/**
	 * Several windows share the store: a task is polled and downloaded only by the window that
	 * holds its lease; the others follow the store and take over when that window is gone.
	 */
	lease?: LeaseBook;
	/** How often other windows' changes are read and leases renewed (ms). Default 2 s. */
	followEveryMs?: number;
	/** Runs after each follow beat (jobs take over the same way). */
	afterFollow?: () => void;
}

/** Thrown when the options argument or the answers fail the model's rules; nothing was sent. */
export class SubmitError extends Error {}

/** Runs generation tasks from submission to downloaded files. */
export class TaskEngine extends DisposableBase {
	private readonly scheduler: PollScheduler;
	private readonly clock: Clock;
	private readonly downloading = new Map<string, Promise<void>>();
	private readonly aborter = new AbortController();
	/** With a lease book only: follows the other windows and adopts their orphaned tasks. */
	private readonly follower: WindowFollower | undefined;

	constructor(private readonly deps: EngineDeps) {
		super();
		this.clock = deps.clock ?? systemClock;
		this.scheduler = this._register(new PollScheduler({
			clock: this.clock,
			random: deps.random ?? Math.random,
			maxConcurrent: deps.maxConcurrentPolls ?? 4,
			log: deps.log,
			poll: async (task, signal) => (await deps.client(task.provider)).getTask(task.id, { signal }),
			onResult: (task, state) => this.onState(task, state),
			onError: (task, err) => this.onPollError(task, err),
			// Nothing changed for a long time: stop spending requests, and say so on the task.
			onStale: (task) =>
				void deps.store.update(task.id, {
					error: { message: 'No news from the provider for 30 minutes, so polling paused.', action: 'Use Refresh in the EvoLink view to check again.', retryable: true },
				}),
			policyFor: (task) => pollPolicyOf(task.model),
		}));
		this._register({ dispose: () => this.aborter.abort() });
		if (deps.lease) {
			this.follower = this._register(new WindowFollower({
				store: deps.store,
				lease: deps.lease,
				scheduler: this.scheduler,
				clock: this.clock,
				log: deps.log,
				everyMs: deps.followEveryMs ?? 2000,
				afterFollow: deps.afterFollow,
				isDownloading: (id) => this.downloading.has(id),
				download: (id) => void this.downloadResults(id),
			}));
		}
	}

	/**
	 * Creates a task. The POST is sent once; the accepted task is persisted before this
	 * resolves and before polling starts, so a crash right after loses nothing.
	 */
	async submit(modelId: string, options: Record<string, unknown>, signal?: AbortSignal): Promise<TaskSnapshot> {
		const spec = this.spec(modelId);
		const request = spec.toRequest(options);
		const apiModel = spec.apiModel(options);
		const client = await this.deps.client(spec.provider);
		const remote = await client.createTask(apiModel, request, { signal });
		const now = this.clock.now();
		const task: TaskSnapshot = {
			id: remote.id,
			provider: spec.provider,
			model: spec.id,
			status: remote.status,
			rawStatus: remote.rawStatus,
			progress: remote.progress,
			prompt: String(options[spec.promptField] ?? ''),
			params: { ...options, apiModel },
			createdAt: now,
			updatedAt: now,
			// No estimate from the provider (Suno Sounds): how long this model took lately.
			estimatedTimeSec: remote.estimatedTimeSec ?? historicalEstimateSec(this.deps.store.list(), spec.id),
			creditsReserved: remote.creditsReserved,
			canCancel: remote.canCancel,
			results: [],
			resultData: {},
		};
		await this.deps.store.add(task);
		this.deps.log.info(`task ${task.id} accepted (${spec.id}, ${task.creditsReserved ?? '?'} credits reserved)`);
		// A new task's lease is free: this window takes it (a failure to write it only means another window may help poll).
		await this.deps.lease?.claim(task.id).catch((err: unknown) => this.deps.log.warn(`task ${task.id}: no lease: ${String(err)}`));
		this.scheduler.track(task);
		return task;
	}

	/** After activation (a reload or a crash): poll every unfinished task, fetch every missing download. */
	resume(): void {
		for (const task of this.deps.store.list()) {
			// A job is not the provider's: its parts are the tasks polled (see jobs/speechJob).
			if (task.job) { continue; }
			if (this.follower) {
				if (!isFinal(task.status) || (task.status === 'completed' && needsDownload(task))) { void this.follower.adopt(task); }
			} else if (!isFinal(task.status)) {
				this.scheduler.track(task);
			} else if (task.status === 'completed' && needsDownload(task)) {
				void this.downloadResults(task.id);
			}
		}
	}

	/** Asks the provider now (the user pressed refresh). Never starts a second poller. */
	refresh(id: string): void {
		const task = this.deps.store.get(id);
		if (task?.job) { return; }
		if (task && !isFinal(task.status)) {
			if (task.error) { void this.deps.store.update(id, { error: undefined }); }
			if (this.follower && !this.follower.holds(id)) {
				// Another window polls it; take it only if that window is gone.
				void this.follower.adopt(task).then(() => this.scheduler.pollNow(id));
				return;
			}
			this.scheduler.track(task);
			this.scheduler.pollNow(id);
		} else if (task?.status === 'completed' && task.results.some((r) => this.canDownloadAgain(r))) {
			// Downloads that failed (cut short, disk full) get another go while their links live.
			void this.retryDownloads(id);
		}
	}

	/** Submits a new task with the same options. */
	retry(id: string, signal?: AbortSignal): Promise<TaskSnapshot> {
		const task = this.deps.store.get(id);
		if (!task) { throw new SubmitError(`No task ${id} is tracked.`); }
		const { apiModel: _apiModel, ...options } = task.params;
		return this.submit(task.model, options, signal);
	}

	/** Stops tracking a task and forgets it (its files in storage stay until the store is cleaned). */
	async remove(id: string): Promise<void> {
		this.scheduler.untrack(id);
		await this.deps.store.remove(id);
		await this.deps.lease?.release(id);
	}

	/** Resolves when every download under way has ended (tests, shutdown). */
	async idle(): Promise<void> {
		await Promise.allSettled([...this.downloading.values()]);
	}

	private spec(modelId: string): ModelSpec {
		const spec = getModel(modelId);
		if (!spec) { throw new SubmitError(`Unknown model "${modelId}".`); }
		return spec;
	}

	private async onState(task: TaskSnapshot, state: RemoteTaskState): Promise<void> {
		const now = this.clock.now();
		const spec = getModel(task.model);
		const updated = await this.deps.store.update(task.id, (current) => ({
			...current,
			status: state.status,
			rawStatus: state.rawStatus,
			progress: state.status === 'completed' ? 100 : Math.max(current.progress, state.progress),
			results: mergeResults(current.results, state, spec ? now + spec.linkTtlMs : undefined),
			resultData: { ...current.resultData, ...state.resultData },
			error: state.error,
			estimatedTimeSec: state.estimatedTimeSec ?? current.estimatedTimeSec,
			creditsReserved: state.creditsReserved ?? current.creditsReserved,
			canCancel: state.canCancel ?? current.canCancel,
			finishedAt: isFinal(state.status) ? (current.finishedAt ?? now) : undefined,
		}));
		if (updated?.status === 'completed' && needsDownload(updated)) {
			void this.downloadResults(updated.id);
		} else if (updated && isFinal(updated.status)) {
			await this.deps.lease?.release(updated.id);
		}
	}

	private onPollError(task: TaskSnapshot, err: unknown): void {
		const info = errorInfo(err);
		this.deps.log.warn(`polling ${task.id} failed: ${info.message}`);
		// A task the provider no longer knows, or a key that no longer works, will not come back by polling.
		// Suno Sounds answers HTTP 200 with the status in the body's code (400 for a task it does not know).
		const code = info.code === undefined ? undefined : String(info.code);
		const status = code !== undefined && /^\d{3}$/.test(code) ? Number(code) : info.httpStatus;
		if (status !== undefined && GIVE_UP_STATUSES.has(status)) {
			this.scheduler.untrack(task.id);
			const unknownTask = status === 400 || status === 404;
			void this.deps.store.update(task.id, {
				error: unknownTask ? { ...info, action: 'The provider does not know this task id (its records may have expired). Use Refresh to ask again, or Regenerate.' } : info,
			});
		}
	}

	/** Downloads every result not yet on disk; one download run per task at a time. */
	downloadResults(id: string): Promise<void> {
		const running = this.downloading.get(id);
		if (running) { return running; }
		const run = this.runDownloads(id).finally(() => {
			this.downloading.delete(id);
			// Done (or failed for good): the lease goes back, so no window picks it up again.
			if (!this.aborter.signal.aborted) { void this.deps.lease?.release(id); }
		});
		this.downloading.set(id, run);
		return run;
	}

	/** Not on disk, and its link not past its documented lifetime (then only regenerating helps). */
	private canDownloadAgain(r: LocalResult): boolean {
		return !r.localPath && (r.expiresAt === undefined || r.expiresAt > this.clock.now());
	}

	/** Forgets the failures of results that can be downloaded again, and downloads them. */
	private async retryDownloads(id: string): Promise<void> {
		if (this.downloading.has(id)) { return; }
		await this.deps.store.update(id, (t) => ({ ...t, results: t.results.map((r) => this.canDownloadAgain(r) ? { ...r, downloadError: undefined } : r) }));
		await this.downloadResults(id);
	}

	private async runDownloads(id: string): Promise<void> {
		const task = this.deps.store.get(id);
		const spec = task && getModel(task.model);
		if (!task || !spec) { return; }
		const request = spec.toRequest(task.params);
		for (const result of task.results) {
			if (result.localPath || result.downloadError) { continue; }
			const dest = resultFile(this.deps.storageDir, task.id, result.index, spec.fileExtension(request));
			try {
				await this.deps.download(result.url, dest, { signal: this.aborter.signal, pcmSampleRate: spec.pcmSampleRate?.(request) });
				await this.patchResult(id, result.index, { localPath: dest });
				this.deps.log.info(`task ${id}: result ${result.index + 1} saved to storage`);
			} catch (err) {
				if (this.aborter.signal.aborted) { return; }
				const info = errorInfo(err);
				this.deps.log.error(`task ${id}: downloading result ${result.index + 1} failed: ${info.message}`);
				// The advice is kept with the failure: the tree, the preview and the notification show this text.
				await this.patchResult(id, result.index, { downloadError: withAdvice(info.message, info.action) });
			}
		}
	}

	private async patchResult(id: string, index: number, patch: Partial<LocalResult>): Promise<void> {
		await this.deps.store.update(id, (t) => ({ ...t, results: t.results.map((r) => r.index === index ? { ...r, ...patch } : r) }));
	}
}

/** Keeps what we know locally (paths, errors) and takes the provider's latest links. */
function mergeResults(current: LocalResult[], state: RemoteTaskState, expiresAt: number | undefined): LocalResult[] {
	if (state.results.length === 0) { return current; }
	return state.results.map((r) => {
		const known = current.find((c) => c.index === r.index);
		return { ...r, expiresAt: known?.expiresAt ?? expiresAt, localPath: known?.localPath, savedPath: known?.savedPath, downloadError: known?.downloadError };
	});
}

/** Any thrown value as the error info tasks carry. */
/** Answers to a poll that polling again will not change: an unknown task (400, 404) or a key refused (401, 403). */
const GIVE_UP_STATUSES = new Set([400, 401, 403, 404]);

export function errorInfo(err: unknown): TaskErrorInfo {
	const e = err as { toInfo?: () => TaskErrorInfo; message?: string };
	if (typeof e?.toInfo === 'function') { return e.toInfo(); }
	return { message: e?.message ?? String(err), retryable: false };
}

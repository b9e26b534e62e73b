/**
 * The engine's part in sharing tasks between windows: every 2 s (by default) it reads the
 * other windows' changes into the store, renews this window's leases (letting go of any
 * another window took over) and adopts each task that needs work and whose window is gone.
 * A task is polled or downloaded only by the window holding its lease (see lease.ts).
 */
import { DisposableBase } from '../util/disposable';
import type { Log } from '../util/log';
import type { Clock, TimerHandle } from './clock';
import type { LeaseBook } from './lease';
import type { PollScheduler } from './scheduler';
import type { TaskStore } from './store';
import { isFinal, type TaskSnapshot } from '../shared/domain';

/** What the follower needs from the engine. */
export interface FollowDeps {
	store: TaskStore;
	lease: LeaseBook;
	scheduler: PollScheduler;
	clock: Clock;
	log: Log;
	/** How often other windows' changes are read and leases renewed (ms). */
	everyMs: number;
	/** Runs after each follow beat (jobs take over the same way). */
	afterFollow?: () => void;
	/** Whether this window is downloading the task's results now. */
	isDownloading(id: string): boolean;
	/** Downloads the task's missing results (the engine runs one download per task at a time). */
	download(id: string): void;
}

/** Results not yet on disk and not failed. */
export function needsDownload(task: TaskSnapshot): boolean {
	return task.results.some((r) => !r.localPath && !r.downloadError);
}

/** Unfinished (to poll) or finished with results still to download. */
function needsWork(task: TaskSnapshot): boolean {
	// An unfinished task with an error (gone, key refused, paused as stale) waits for the user's Refresh.
	return !isFinal(task.status) ? !task.error : task.status === 'completed' && needsDownload(task);
}

/** Follows the other windows on a timer and takes over their orphaned tasks; disposing stops it and releases every lease. */
export class WindowFollower extends DisposableBase {
	private timer: TimerHandle;

	constructor(private readonly deps: FollowDeps) {
		super();
		this._register({
			dispose: () => {
				deps.clock.clearTimeout(this.timer);
				deps.lease.releaseAllSync();
			},
		});
		this.timer = deps.clock.setTimeout(() => void this.follow(), deps.everyMs);
	}

	/** Whether this window holds the task's lease. */
	holds(id: string): boolean {
		return this.deps.lease.holds(id);
	}

	/**
	 * One beat of following the other windows: read their changes into the store, renew this
	 * window's leases (dropping any another window took over), and adopt every task that needs
	 * work and whose window is gone.
	 */
	private async follow(): Promise<void> {
		const { store, lease, scheduler, log } = this.deps;
		try {
			await store.sync();
			for (const id of await lease.renew()) {
				log.info(`task ${id}: another window took it over`);
				scheduler.untrack(id);
			}
			for (const task of store.list()) {
				if (!task.job && needsWork(task) && !scheduler.isTracked(task.id) && !this.deps.isDownloading(task.id)) { await this.adopt(task); }
			}
			this.deps.afterFollow?.();
		} catch (err) {
			log.warn(`following other windows failed: ${String(err)}`);
		} finally {
			if (!this.isDisposed) { this.timer = this.deps.clock.setTimeout(() => void this.follow(), this.deps.everyMs); }
		}
	}

	/** Polls or downloads `task` if this window holds (or can take) its lease; otherwise another window does, and this one follows. */
	async adopt(task: TaskSnapshot): Promise<void> {
		const { store, lease, scheduler } = this.deps;
		if (!(await lease.claim(task.id))) { return; }
		const current = store.get(task.id);
		if (!current) {
			await lease.release(task.id);
			return;
		}
		if (!isFinal(current.status)) {
			scheduler.track(current);
		} else if (current.status === 'completed' && needsDownload(current)) {
			this.deps.download(current.id);
		} else {
			await lease.release(task.id);
		}
	}
}

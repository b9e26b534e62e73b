/**
 * Leases: which window works on a task. Every VS Code window of a user shares the global
 * storage folder, and with it the task journal; without a lease, each window would poll and
 * download every task. A lease is a small file, `leases/<taskId>.json`, naming its owner (one id
 * per window). Each window keeps a heartbeat, `leases/owners/<owner>.json`, saying until when it
 * is alive: one write per beat however many tasks it holds. A lease whose owner's heartbeat has
 * run out (the window crashed or hangs) is taken over by the next window that looks; a window
 * that closes gives its leases back at once.
 *
 * Taking is atomic on every platform: a new lease is created with O_EXCL (`wx`), and an
 * expired one is first renamed away (only one of several racing renames succeeds).
 * Pure: no `vscode` import.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Log } from '../util/log';

/** What a lease file holds. */
export interface LeaseRecord {
	owner: string;
	/** For people reading the folder: which process. */
	pid: number;
}

export interface LeaseOptions {
	/** This window's id. */
	owner: string;
	/** How long a heartbeat lasts without renewal (ms). Default 10 s. */
	ttlMs?: number;
	now?: () => number;
	log: Log;
}

/** The leases of one window; see the module comment. */
export class LeaseBook {
	private readonly held = new Set<string>();
	private readonly ttlMs: number;
	private readonly now: () => number;
	private beatUntil = 0;

	constructor(private readonly dir: string, private readonly options: LeaseOptions) {
		this.ttlMs = options.ttlMs ?? 10_000;
		this.now = options.now ?? Date.now;
	}

	/** This window's id. */
	get owner(): string {
		return this.options.owner;
	}

	/** Whether this window holds the lease of `id` (as of its last claim or check). */
	holds(id: string): boolean {
		return this.held.has(id);
	}

	/** Ids whose leases this window holds. */
	get heldIds(): string[] {
		return [...this.held];
	}

	/** Takes the lease of `id` if it is free, its owner is gone, or it is ours already; true when this window holds it now. */
	async claim(id: string): Promise<boolean> {
		const file = this.file(id);
		if (this.beatUntil - this.now() < this.ttlMs / 2) { await this.beat(); }
		for (let attempt = 0; attempt < 3; attempt++) {
			if (await this.create(file)) {
				this.held.add(id);
				return true;
			}
			const current = await this.read(file);
			if (!current) { continue; }
			if (current.owner === this.owner) {
				this.held.add(id);
				return true;
			}
			if (await this.alive(current.owner, file)) {
				this.held.delete(id);
				return false;
			}
			// Its window is gone (crashed, or hung past its heartbeat). Takers go one at a time, through a
			// lock file, and look again under it, so a lease another taker has just renewed is never moved.
			if (await this.takeOver(id, file, current.owner)) {
				this.held.add(id);
				return true;
			}
			return false;
		}
		return false;
	}

	/** Replaces the abandoned lease of `id` with ours, under `<lease>.takeover`; false when another window is taking it or took it. */
	private async takeOver(id: string, file: string, deadOwner: string): Promise<boolean> {
		const lock = `${file}.takeover`;
		try {
			await fs.promises.writeFile(lock, this.owner, { flag: 'wx' });
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') { throw err; }
			// A taker that crashed holding the lock leaves it behind: old locks are cleared for the next look.
			const age = this.now() - await fs.promises.stat(lock).then((st) => st.mtimeMs, () => this.now());
			if (age > this.ttlMs) { await fs.promises.rm(lock, { force: true }); }
			return false;
		}
		try {
			const again = await this.read(file);
			if (again && (again.owner === this.owner || (again.owner !== deadOwner) || await this.alive(again.owner, file))) {
				return again.owner === this.owner;
			}
			await fs.promises.rm(file, { force: true });
			const created = await this.create(file);
			if (created) { this.options.log.info(`lease ${id}: taken over from window ${deadOwner || '(unreadable lease)'}`); }
			return created;
		} finally {
			await fs.promises.rm(lock, { force: true });
		}
	}

	/** Renews this window's heartbeat and checks its leases; returns the ids it lost (another window took them over). */
	async renew(): Promise<string[]> {
		await this.beat();
		const lost: string[] = [];
		for (const id of this.held) {
			const current = await this.read(this.file(id));
			if (!current || current.owner !== this.owner) {
				this.held.delete(id);
				lost.push(id);
			}
		}
		return lost;
	}

	/** Gives the lease of `id` back (the work is done, or the task left the list). */
	async release(id: string): Promise<void> {
		if (!this.held.delete(id)) { return; }
		const file = this.file(id);
		if ((await this.read(file))?.owner === this.owner) {
			await fs.promises.rm(file, { force: true });
		}
	}

	/** Gives every lease back and stops the heartbeat (the window is closing): synchronous, so it completes during shutdown. */
	releaseAllSync(): void {
		for (const id of this.held) {
			const file = this.file(id);
			try {
				const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LeaseRecord>;
				if (current.owner === this.owner) { fs.rmSync(file, { force: true }); }
			} catch {
				// Gone already, or unreadable: it is taken over when its owner's heartbeat runs out.
			}
		}
		this.held.clear();
		fs.rmSync(this.heartbeatFile(this.owner), { force: true });
	}

	private file(id: string): string {
		return path.join(this.dir, `${encodeURIComponent(id)}.json`);
	}

	private heartbeatFile(owner: string): string {
		return path.join(this.dir, 'owners', `${encodeURIComponent(owner)}.json`);
	}

	/** Writes this window's heartbeat: alive until now + ttl. */
	private async beat(): Promise<void> {
		const file = this.heartbeatFile(this.owner);
		await fs.promises.mkdir(path.dirname(file), { recursive: true });
		const until = this.now() + this.ttlMs;
		const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
		await fs.promises.writeFile(tmp, JSON.stringify({ owner: this.owner, expiresAt: until, pid: process.pid }));
		await fs.promises.rename(tmp, file).catch(async (err: unknown) => {
			await fs.promises.rm(tmp, { force: true });
			throw err;
		});
		this.beatUntil = until;
	}

	/** Whether `owner`'s heartbeat is still running. A lease being written right now (no owner readable yet) counts as alive while young. */
	private async alive(owner: string, leaseFile: string): Promise<boolean> {
		if (!owner) {
			const mtime = await fs.promises.stat(leaseFile).then((st) => st.mtimeMs, () => 0);
			return mtime + this.ttlMs > this.now();
		}
		try {
			const beat = JSON.parse(await fs.promises.readFile(this.heartbeatFile(owner), 'utf8')) as { expiresAt?: unknown };
			return typeof beat.expiresAt === 'number' && beat.expiresAt > this.now();
		} catch {
			return false;
		}
	}

	/** Creates the lease file if none exists; false when one does. */
	private async create(file: string): Promise<boolean> {
		try {
			await fs.promises.writeFile(file, JSON.stringify({ owner: this.owner, pid: process.pid } satisfies LeaseRecord), { flag: 'wx' });
			return true;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'EEXIST') { return false; }
			throw err;
		}
	}

	/** The lease in `file`; undefined when there is none; owner '' while it is being written (empty or half a file). */
	private async read(file: string): Promise<LeaseRecord | undefined> {
		let text: string;
		try {
			text = await fs.promises.readFile(file, 'utf8');
		} catch {
			return undefined;
		}
		try {
			const value = JSON.parse(text) as Partial<LeaseRecord>;
			if (typeof value.owner === 'string') { return { owner: value.owner, pid: Number(value.pid) }; }
		} catch {
			// Being written: judged by its age.
		}
		return { owner: '', pid: 0 };
	}
}

/** A new window id. */
export function newOwnerId(): string {
	return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

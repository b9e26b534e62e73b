/**
 * The journal file on disk: append with fsync, and atomic rewrite (temp file + rename) for
 * compaction. Knows bytes, not tasks; `store.ts` decides what to write.
 *
 * Several VS Code windows share `globalStorageUri`, so another process may append to or
 * replace the same file. Appends use O_APPEND with one write call per batch, so lines of two
 * writers never interleave; before appending we reopen if the file was replaced; and we never
 * compact once we have seen bytes we did not write, since a rewrite would drop them.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Log } from '../util/log';

/** Temp files older than this are leftovers of a crashed compaction, not another window's work. */
const STALE_TEMP_MS = 60 * 60_000;

/** An append-only file with atomic rewrite. */
export class JournalFile {
	private _handle: fs.FileHandle | undefined;
	private _ino: number | undefined;
	/** Size we expect the file to have if only we wrote to it. */
	private _expectedSize: number;
	/** False when the file may end in a partial line; the next append then starts a new line. */
	private _cleanEnd: boolean;
	/** Another writer touched the file this session; compaction is off from then on. */
	private _shared = false;

	private constructor(
		readonly filePath: string,
		private readonly _log: Log,
		size: number,
		ino: number | undefined,
		cleanEnd: boolean,
	) {
		this._expectedSize = size;
		this._ino = ino;
		this._cleanEnd = cleanEnd;
	}

	/** Reads the file (creating the directory if needed) and returns it with its bytes. */
	static async open(dir: string, fileName: string, log: Log): Promise<{ file: JournalFile; data: Buffer }> {
		await fs.mkdir(dir, { recursive: true });
		const filePath = path.join(dir, fileName);
		await removeStaleTemps(dir, fileName, log);
		let data: Buffer = Buffer.alloc(0);
		let ino: number | undefined;
		try {
			data = await fs.readFile(filePath);
			ino = (await fs.stat(filePath)).ino;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
				throw err;
			}
		}
		const cleanEnd = data.length === 0 || data[data.length - 1] === 0x0a;
		return { file: new JournalFile(filePath, log, data.length, ino, cleanEnd), data };
	}

	/** Bytes in the file as far as this writer knows. */
	get size(): number {
		return this._expectedSize;
	}

	/** The file's inode as of our last open or rewrite (to tell a replaced file). */
	get ino(): number | undefined {
		return this._ino;
	}

	/**
	 * What is in the file from `offset` on, for following other windows' writes. When the file is
	 * no longer the one with inode `ino` (another window compacted it) or shrank, the whole file
	 * comes back with `whole: true`.
	 */
	async readFrom(offset: number, ino: number | undefined): Promise<{ data: Buffer; ino: number | undefined; whole: boolean }> {
		let handle: fs.FileHandle;
		try {
			handle = await fs.open(this.filePath, 'r');
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') { return { data: Buffer.alloc(0), ino: undefined, whole: true }; }
			throw err;
		}
		try {
			const st = await handle.stat();
			const whole = (ino !== undefined && st.ino !== ino) || st.size < offset;
			const from = whole ? 0 : offset;
			const data = Buffer.alloc(st.size - from);
			let read = 0;
			while (read < data.length) {
				const { bytesRead } = await handle.read(data, read, data.length - read, from + read);
				if (bytesRead === 0) { break; }
				read += bytesRead;
			}
			if (whole || read > 0) { this._markShared(whole ? 'it was replaced' : 'it grew'); }
			return { data: data.subarray(0, read), ino: st.ino, whole };
		} finally {
			await handle.close();
		}
	}

	/** Whether a rewrite is allowed (no other writer seen). */
	get canRewrite(): boolean {
		return !this._shared;
	}

	/** Appends `text` in one write and fsyncs it; resolves only once it is durable. */
	async append(text: string): Promise<void> {
		const handle = await this._ensureHandle();
		const actual = (await handle.stat()).size;
		if (actual !== this._expectedSize) {
			this._markShared(`its size is ${actual}, expected ${this._expectedSize}`);
			this._cleanEnd = false;
		}
		const data = Buffer.from(this._cleanEnd ? text : '\n' + text, 'utf8');
		this._cleanEnd = false;
		try {
			await handle.write(data, 0, data.length);
			await handle.datasync();
		} catch (err) {
			// Part of the batch may be on disk; count it as ours so it is not mistaken for
			// another writer, and let the next append start on a fresh line.
			this._expectedSize = await handle.stat().then((st) => st.size, () => this._expectedSize);
			throw err;
		}
		this._cleanEnd = true;
		this._expectedSize = actual + data.length;
	}

	/**
	 * Atomically replaces the file with `text` (temp file, fsync, rename, fsync directory).
	 * Returns false, leaving the journal as it was, when another writer has touched it.
	 */
	async rewrite(text: string): Promise<boolean> {
		if (this._shared || await this._replacedOrGrown()) {
			return false;
		}
		const tmp = `${this.filePath}.${randomBytes(6).toString('hex')}.tmp`;
		const data = Buffer.from(text, 'utf8');
		const out = await fs.open(tmp, 'wx');
		try {
			await out.write(data, 0, data.length);
			await out.datasync();
		} finally {
			await out.close();
		}
		// Close first: Windows may refuse to replace a file we hold open.
		await this._closeHandle();
		try {
			await fs.rename(tmp, this.filePath);
		} catch (err) {
			await fs.rm(tmp, { force: true });
			throw err;
		}
		await fsyncDir(path.dirname(this.filePath));
		this._ino = (await fs.stat(this.filePath)).ino;
		this._expectedSize = data.length;
		this._cleanEnd = true;
		return true;
	}

	/** Closes the append handle. */
	async close(): Promise<void> {
		await this._closeHandle();
	}

	private async _ensureHandle(): Promise<fs.FileHandle> {
		if (this._handle && !(await this._replaced())) {
			return this._handle;
		}
		await this._closeHandle();
		const existed = await exists(this.filePath);
		const handle = await fs.open(this.filePath, 'a');
		const st = await handle.stat();
		if (this._ino !== undefined && st.ino !== this._ino) {
			this._markShared('it was replaced');
			this._expectedSize = st.size;
			this._cleanEnd = false;
		}
		this._ino = st.ino;
		if (!existed) {
			// A new directory entry is only durable once the directory itself is synced.
			await fsyncDir(path.dirname(this.filePath));
		}
		this._handle = handle;
		return handle;
	}

	private async _replaced(): Promise<boolean> {
		try {
			return (await fs.stat(this.filePath)).ino !== this._ino;
		} catch {
			return true;
		}
	}

	private async _replacedOrGrown(): Promise<boolean> {
		try {
			const st = await fs.stat(this.filePath);
			if ((this._ino !== undefined && st.ino !== this._ino) || st.size !== this._expectedSize) {
				this._markShared('it changed under us');
				return true;
			}
			return false;
		} catch {
			return this._expectedSize !== 0;
		}
	}

	private _markShared(reason: string): void {
		if (!this._shared) {
			this._shared = true;
			this._log.info(`tasks: another window writes ${path.basename(this.filePath)} (${reason}); compaction is off until reload`);
		}
	}

	private async _closeHandle(): Promise<void> {
		const handle = this._handle;
		this._handle = undefined;
		await handle?.close();
	}
}

async function exists(p: string): Promise<boolean> {
	try {
		await fs.stat(p);
		return true;
	} catch {
		return false;
	}
}

/** Best effort: Windows cannot open a directory for fsync, and that is fine there. */
async function fsyncDir(dir: string): Promise<void> {
	let handle: fs.FileHandle | undefined;
	try {
		handle = await fs.open(dir, 'r');
		await handle.sync();
	} catch {
		// Not supported on this platform/file system.
	} finally {
		await handle?.close().catch(() => undefined);
	}
}

async function removeStaleTemps(dir: string, fileName: string, log: Log): Promise<void> {
	let names: string[];
	try {
		names = await fs.readdir(dir);
	} catch {
		return;
	}
	const now = Date.now();
	for (const name of names) {
		if (!name.startsWith(fileName + '.') || !name.endsWith('.tmp')) {
			continue;
		}
		const p = path.join(dir, name);
		try {
			if (now - (await fs.stat(p)).mtimeMs > STALE_TEMP_MS) {
				await fs.rm(p, { force: true });
				log.debug(`tasks: removed leftover ${name}`);
			}
		} catch {
			// Another window may have just renamed or removed it.
		}
	}
}

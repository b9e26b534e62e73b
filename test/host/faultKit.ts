/**
 * What the fault matrix needs besides the fakes, all inside the extension host: a recorder of
 * what the user is shown (notifications, task snapshots), the extension's log file and task
 * journal, the download folder, and three injections the fakes cannot do from the wire side
 * (a refused connection, a full disk, a clock past the polling cap).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvoLinkStudioApi } from '../../src/publicApi';
import type { TaskSnapshot } from '../../src/shared/domain';

/** One message the extension showed, how, and the buttons it offered. */
export interface Shown {
	level: 'error' | 'warning' | 'info';
	text: string;
	buttons: string[];
}

type WindowFns = Record<'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage', unknown>;

/**
 * Records every notification the extension shows (they are answered at once, as if dismissed)
 * and every task snapshot it publishes. The test shares the extension's `vscode` API object,
 * so replacing the window functions replaces them for the extension too.
 */
export class Recorder implements vscode.Disposable {
	readonly shown: Shown[] = [];
	readonly snapshots: TaskSnapshot[] = [];
	private readonly saved: Partial<WindowFns> = {};
	private readonly sub: vscode.Disposable;

	constructor(api: EvoLinkStudioApi) {
		const w = vscode.window as unknown as WindowFns;
		const levels = { showErrorMessage: 'error', showWarningMessage: 'warning', showInformationMessage: 'info' } as const;
		for (const [fn, level] of Object.entries(levels) as [keyof WindowFns, Shown['level']][]) {
			this.saved[fn] = w[fn];
			w[fn] = (message: unknown, ...items: unknown[]) => {
				const buttons = items.filter((i): i is string => typeof i === 'string');
				this.shown.push({ level, text: String(message), buttons });
				return Promise.resolve(undefined);
			};
		}
		this.sub = api.onDidChangeTasks((t) => {
			this.snapshots.push(structuredClone(t));
		});
	}

	/** Error notifications shown since `from` (an index into `shown`). */
	errorsSince(from: number): Shown[] {
		return this.shown.slice(from).filter((s) => s.level === 'error');
	}

	dispose(): void {
		Object.assign(vscode.window, this.saved);
		this.sub.dispose();
	}
}

/** The extension's global storage folder, from a downloaded result (`<storage>/results/<task>/<n>.<ext>`). */
export function storageOf(localPath: string): string {
	return path.dirname(path.dirname(path.dirname(localPath)));
}

/** Every file under `dir`, recursively (none when it does not exist). */
export function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) { return []; }
	return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((f) => path.join(dir, f))
		.filter((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
}

/** Temp files of downloads (`<dest>.part-<hex>`) anywhere in the download folder. */
export function partialFiles(storage: string): string[] {
	return filesUnder(path.join(storage, 'results')).filter((f) => /\.part-[0-9a-f]+$/.test(f));
}

/** The files in one task's download folder. */
export function taskFiles(storage: string, taskId: string): string[] {
	return filesUnder(path.join(storage, 'results', taskId));
}

/** The task journal as written to disk (what survives a reload). */
export function journalText(storage: string): string {
	return filesUnder(path.join(storage, 'tasks')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** The "EvoLink Studio" log channel's files, under `<user data>/logs` (one per session and extension host). */
export function logText(storage: string): string {
	const logs = path.join(storage, '..', '..', '..', 'logs');
	const files = filesUnder(logs).filter((f) => f.endsWith('EvoLink Studio.log'));
	if (files.length === 0) { throw new Error(`no "EvoLink Studio.log" under ${logs}`); }
	return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** Waits until the log holds a line that `match`es (the log service writes with a delay). */
export async function waitForLog(storage: string, match: (line: string) => boolean, timeoutMs = 60_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const text = logText(storage);
		const line = text.split('\n').find(match);
		if (line) { return line; }
		if (Date.now() > deadline) { throw new Error(`no line of the log matched; its end:\n${text.split('\n').slice(-15).join('\n')}`); }
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Where each secret occurs in the named texts (empty when none does). */
export function leaks(texts: Record<string, string>, secrets: readonly string[]): string[] {
	const found: string[] = [];
	for (const [where, text] of Object.entries(texts)) {
		for (const secret of secrets) {
			if (text.includes(secret)) { found.push(`${where} contains "${secret}"`); }
		}
	}
	return found;
}

/** A loopback URL nothing listens on: connecting is refused at once. */
export async function refusingUrl(): Promise<string> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}

/**
 * Sets a user setting and waits until the extension host sees it: the extension reacts in its
 * configuration listener, which runs when the new value becomes visible.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
	const config = vscode.workspace.getConfiguration('evolink');
	await config.update(key, value, vscode.ConfigurationTarget.Global);
	const deadline = Date.now() + 10_000;
	while (vscode.workspace.getConfiguration('evolink').inspect(key)?.globalValue !== value) {
		if (Date.now() > deadline) { throw new Error(`the setting evolink.${key} did not change`); }
		await new Promise((r) => setTimeout(r, 50));
	}
}

/**
 * A full disk: the next download temp file under `storage` takes part of its first chunk, then
 * every write fails with ENOSPC, as `write(2)` does on a full file system. Done on the `node:fs`
 * module the extension's bundle calls at run time (`(0, fs.createWriteStream)(…)`), so it works
 * unprivileged; a tiny tmpfs would need `mount`, which CI containers may not allow.
 * Returns the undo.
 */
export function diskFullForDownloads(storage: string): () => void {
	// The module object itself: `import * as` would give a read-only copy of its bindings.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const nodeFs = require('node:fs') as typeof fs;
	const original = nodeFs.createWriteStream;
	const results = path.join(storage, 'results') + path.sep;
	type Write = (chunk: Buffer, encoding: BufferEncoding, callback: (err?: Error | null) => void) => void;
	nodeFs.createWriteStream = function(this: unknown, file: fs.PathLike, options?: unknown) {
		const stream = original.call(this, file, options as Parameters<typeof original>[1]);
		if (typeof file === 'string' && file.startsWith(results) && /\.part-[0-9a-f]+$/.test(file)) {
			const internals = stream as unknown as { _write: Write; _writev?: unknown };
			const write = internals._write.bind(stream);
			const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
			let full = false;
			internals._writev = null;
			internals._write = (chunk, encoding, callback) => {
				if (full) {
					callback(enospc());
					return;
				}
				full = true;
				write(chunk.subarray(0, Math.ceil(chunk.length / 2)), encoding, (err) => callback(err ?? enospc()));
			};
		}
		return stream;
	} as typeof original;
	return () => {
		nodeFs.createWriteStream = original;
	};
}

/**
 * Moves the extension's clock forward by `ms`: `Date.now` answers later only when called from the
 * extension's own code (a frame under `<extension>/dist/` or `<extension>/src/`). The rest of the
 * host keeps real time: its connection to the server times out by `Date.now`, and a host-wide jump
 * drops it. Timers are unaffected. Returns the undo. Used only for the poll-cap row: nothing else
 * in the product waits half an hour.
 */
export function shiftExtensionClock(extensionPath: string, ms: number): () => void {
	const realNow = Date.now;
	const own = [path.join(extensionPath, 'dist') + path.sep, path.join(extensionPath, 'src') + path.sep];
	let inside = false;
	Date.now = () => {
		// Formatting a stack may read the clock itself (the host hooks Error.prepareStackTrace).
		if (inside) { return realNow(); }
		inside = true;
		try {
			const stack = new Error().stack ?? '';
			return own.some((dir) => stack.includes(dir)) ? realNow() + ms : realNow();
		} finally {
			inside = false;
		}
	};
	return () => {
		Date.now = realNow;
	};
}

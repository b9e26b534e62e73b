/**
 * Preloaded into code-server's processes by activation.ts (`NODE_OPTIONS=--require …`); acts only
 * in the extension host. For every extension under EVOLINK_BENCH_EXT_ROOT whose main module the
 * host requires, it times that require and the `activate()` call (until its result resolves),
 * with `performance.now()`, the same way for every extension, whatever event activated it. Each
 * activation, and the extension's files in `require.cache` right after it and two seconds later,
 * go as JSON lines to EVOLINK_BENCH_ACT_DIR/host-<pid>.jsonl.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

interface ModuleInternals {
	_load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

/** One line of the output file. */
export type PreloadRecord =
	| {
		kind: 'activation';
		ext: string;
		order: number;
		requireMs: number;
		activateCallMs: number;
		activateResolveMs: number;
		totalMs: number;
		loaded: { file: string; bytes: number }[];
	}
	| { kind: 'settled'; ext: string; loaded: { file: string; bytes: number }[]; marks: Record<string, number> };

/**
 * The host's own marks for an extension (Date.now(), so whole milliseconds): will/didLoadExtensionCode
 * around its require, will/didActivateExtension around activate() once its ExtensionContext is ready.
 */
function marksOf(ext: string): Record<string, number> {
	const id = ext.replace(/-[\d.]+$/, '').toLowerCase();
	const store = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
	const marks = store?.getMarks() ?? [];
	return Object.fromEntries(marks.filter((m) => m.name.toLowerCase().endsWith(`/${id}`)).map((m) => [m.name.split('/')[2], m.startTime]));
}

const outDir = process.env.EVOLINK_BENCH_ACT_DIR;
const extRoot = process.env.EVOLINK_BENCH_EXT_ROOT;

function install(dir: string, root: string): void {
	const out = path.join(dir, `host-${process.pid}.jsonl`);
	const write = (r: PreloadRecord) => fs.appendFileSync(out, `${JSON.stringify(r)}\n`);
	const extOf = (file: string) => file.slice(root.length + 1).split(path.sep)[0];
	const loadedOf = (ext: string) =>
		Object.keys(require.cache)
			.filter((f) => f.startsWith(path.join(root, ext) + path.sep))
			.map((f) => ({ file: f.slice(root.length + ext.length + 2), bytes: fs.statSync(f).size }));
	let order = 0;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const internals = require('node:module') as ModuleInternals;
	const original = internals._load;
	internals._load = function(this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown {
		// Only the host's own require of an extension's main: an absolute path under the root, from outside it.
		if (!request.startsWith(root + path.sep) || parent?.filename?.startsWith(root + path.sep)) {
			return original.call(this, request, parent, isMain);
		}
		const t0 = performance.now();
		const exports = original.call(this, request, parent, isMain) as { activate?: (...args: unknown[]) => unknown } | undefined;
		const requireMs = performance.now() - t0;
		const activate = exports?.activate;
		if (typeof activate !== 'function') { return exports; }
		const ext = extOf(request);
		const position = order++;
		const timed = function(this: unknown, ...args: unknown[]): unknown {
			const t1 = performance.now();
			const result = activate.apply(this, args);
			const t2 = performance.now();
			const done = (t3: number) => {
				write({
					kind: 'activation',
					ext,
					order: position,
					requireMs,
					activateCallMs: t2 - t1,
					activateResolveMs: t3 - t2,
					totalMs: requireMs + (t3 - t1),
					loaded: loadedOf(ext),
				});
				setTimeout(() => write({ kind: 'settled', ext, loaded: loadedOf(ext), marks: marksOf(ext) }), 2000);
			};
			// Only a promise is waited for: a queued microtask would also time whatever the host runs next.
			if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
				void Promise.resolve(result).finally(() => done(performance.now()));
			} else {
				done(t2);
			}
			return result;
		};
		// esbuild's CommonJS exports are getters that cannot be redefined: hand the host a view with `activate` timed.
		return new Proxy(exports as object, { get: (target, key) => key === 'activate' ? timed : Reflect.get(target, key) });
	};
}

if (outDir && extRoot && process.argv.includes('--type=extensionHost')) {
	install(outDir, extRoot);
}

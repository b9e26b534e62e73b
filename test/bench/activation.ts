/**
 * Activation in the real host: our .vsix (from the bundles row) and a minimal extension (its
 * `activate()` returns at once, same engine and activation event) are both installed into one
 * extensions folder with code-server's `--install-extension`. Each session starts code-server
 * on it with fresh user data and opens the workbench in headless Chromium; both extensions then
 * activate on `onStartupFinished`. hostPreload.ts, preloaded into the extension host, times the
 * host's require of each `main` and the `activate()` call the same way for both. The figures
 * are medians over the sessions.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../harness/browser';
import { ensureCodeServer, startCodeServer } from '../harness/codeServer';
import { vsce } from './bundles';
import type { PreloadRecord } from './hostPreload';
import { median } from './results';

const OURS = 'evolink-studio.evolink-studio';
const MINIMAL = 'evolink-bench.minimal';

type Activation = Extract<PreloadRecord, { kind: 'activation' }>;
type Settled = Extract<PreloadRecord, { kind: 'settled' }>;
type Loaded = { file: string; bytes: number }[];

export interface ActivationResult {
	sessions: number;
	/** Sessions in which ours was activated before the minimal one. */
	oursFirst: number;
	oursMs: number;
	minimalMs: number;
	oursRequireMs: number;
	minimalRequireMs: number;
	oursActivateMs: number;
	/** The host's own marks (whole ms): didActivateExtension − willLoadExtensionCode, medians. */
	oursHostSpanMs: number;
	minimalHostSpanMs: number;
	/** Our files in require.cache right after activation, and 2 s later. */
	loadedAtActivation: Loaded;
	loadedAfterSettle: Loaded;
}

/** The minimal extension, packaged the same way as ours. */
function minimalVsix(dir: string): string {
	const src = path.join(dir, 'minimal');
	fs.mkdirSync(src);
	fs.writeFileSync(
		path.join(src, 'package.json'),
		JSON.stringify(
			{
				name: 'minimal',
				publisher: 'evolink-bench',
				displayName: 'Bench minimal',
				description: 'activate() returns at once',
				version: '0.0.1',
				license: 'MIT',
				engines: { vscode: '^1.100.0' },
				main: './extension.js',
				activationEvents: ['onStartupFinished'],
			},
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(src, 'extension.js'), 'exports.activate = function () {};\nexports.deactivate = function () {};\n');
	fs.writeFileSync(path.join(src, 'README.md'), "# Bench minimal\n\nThe baseline of `npm run bench`'s activation row.\n");
	const vsix = path.join(dir, 'minimal.vsix');
	vsce(src, ['--allow-missing-repository', '--skip-license', '-o', vsix]);
	return vsix;
}

function readRecords(dir: string): PreloadRecord[] {
	return fs.readdirSync(dir).filter((f) => f.startsWith('host-')).flatMap((f) =>
		fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as PreloadRecord)
	);
}

/** One code-server session: open the workbench, wait until both extensions activated and settled. */
async function session(extensionsDir: string, preload: string): Promise<PreloadRecord[]> {
	const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-act-ws-'));
	const records = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-act-rec-'));
	const server = await startCodeServer({
		folder: workspace,
		extensionsDir,
		env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(), EVOLINK_BENCH_ACT_DIR: records, EVOLINK_BENCH_EXT_ROOT: extensionsDir },
	});
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
		await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
		const deadline = Date.now() + 120_000;
		for (;;) {
			const got = readRecords(records);
			const settled = new Set(got.filter((r) => r.kind === 'settled').map((r) => r.ext.replace(/-[\d.]+$/, '')));
			if (settled.has(OURS) && settled.has(MINIMAL)) { return got; }
			if (Date.now() > deadline) {
				throw new Error(`no activation of ${[OURS, MINIMAL].filter((id) => !settled.has(id)).join(' and ')} within 120 s: ${server.output.slice(-5).join(' / ')}`);
			}
			await new Promise((r) => setTimeout(r, 250));
		}
	} finally {
		await browser.close().catch(() => undefined);
		await server.dispose();
		fs.rmSync(workspace, { recursive: true, force: true });
		fs.rmSync(records, { recursive: true, force: true });
	}
}

/** `vsix` is our packaged extension. */
export async function benchActivation(vsix: string, sessions = 6): Promise<ActivationResult> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-activation-'));
	try {
		const bin = ensureCodeServer();
		const extensionsDir = path.join(dir, 'extensions');
		for (const v of [vsix, minimalVsix(dir)]) {
			const r = spawnSync(bin, ['--install-extension', v, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(dir, 'install-data')], { encoding: 'utf8' });
			if (r.status !== 0) { throw new Error(`installing ${path.basename(v)} failed: ${r.stderr || r.stdout}`); }
		}
		const runs: { ours: Activation; minimal: Activation; settled: Loaded; oursSpan: number; minimalSpan: number }[] = [];
		for (let i = 0; i < sessions; i++) {
			const got = await session(extensionsDir, path.join(__dirname, 'hostPreload.js'));
			const find = (id: string) => got.find((r): r is Activation => r.kind === 'activation' && r.ext.startsWith(`${id}-`))!;
			const settled = (id: string) => got.find((r): r is Settled => r.kind === 'settled' && r.ext.startsWith(`${id}-`))!;
			const span = (id: string) => settled(id).marks.didActivateExtension - settled(id).marks.willLoadExtensionCode;
			runs.push({ ours: find(OURS), minimal: find(MINIMAL), settled: settled(OURS).loaded, oursSpan: span(OURS), minimalSpan: span(MINIMAL) });
		}
		const last = runs[runs.length - 1];
		return {
			sessions: runs.length,
			oursFirst: runs.filter((r) => r.ours.order < r.minimal.order).length,
			oursMs: median(runs.map((r) => r.ours.totalMs)),
			minimalMs: median(runs.map((r) => r.minimal.totalMs)),
			oursRequireMs: median(runs.map((r) => r.ours.requireMs)),
			minimalRequireMs: median(runs.map((r) => r.minimal.requireMs)),
			oursActivateMs: median(runs.map((r) => r.ours.activateCallMs + r.ours.activateResolveMs)),
			oursHostSpanMs: median(runs.map((r) => r.oursSpan)),
			minimalHostSpanMs: median(runs.map((r) => r.minimalSpan)),
			loadedAtActivation: last.ours.loaded,
			loadedAfterSettle: last.settled,
		};
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

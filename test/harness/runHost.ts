import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { repoRoot } from './paths';

/** What the host suite reports back (written by test/host/index.ts). */
export interface HostResults {
	vscodeVersion: string;
	passed: string[];
	failed: { title: string; error: string }[];
}

export interface HostRun {
	exitCode: number;
	results?: HostResults;
	/** Errors the workbench and extension host printed. */
	errors: string[];
}

export interface HostRunOptions {
	/** Absolute path of the compiled tests module (exports `run()`). */
	testsModule: string;
	/** Folder to open as the workspace (default: a fresh temp folder). */
	workspace?: string;
	/** Environment for code-server and so for the extension host (e.g. fake provider URLs). */
	env?: Record<string, string>;
	timeoutMs?: number;
}

/**
 * Runs a tests module inside the real VS Code extension host (code-server + headless
 * Chromium): the workbench loads our extension in development mode, runs the module's
 * `run()`, and reports through `window.codeAutomationExit(code)`.
 */
export async function runInHost(options: HostRunOptions): Promise<HostRun> {
	const workspace = options.workspace ?? fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-ws-'));
	const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-results-')), 'results.json');
	const server = await startCodeServer({ folder: workspace, env: { ...options.env, EVOLINK_HOST_RESULTS: resultsFile } });
	const browser = await launchBrowser();
	const errors: string[] = [];
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		let resolveExit!: (code: number) => void;
		const exited = new Promise<number>((r) => {
			resolveExit = r;
		});
		await page.exposeFunction('codeAutomationExit', (code: number) => {
			resolveExit(code);
		});
		page.on('console', (msg) => {
			if (msg.type() === 'error') {
				const text = msg.text();
				errors.push(text);
				if (!isNoise(text)) { console.error(`[host] ${text}`); }
			}
		});
		page.on('pageerror', (err) => {
			errors.push(String(err));
			console.error(`[host] ${String(err)}`);
		});
		const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
		const payload = [
			['extensionDevelopmentPath', remote(repoRoot)],
			['extensionTestsPath', remote(options.testsModule)],
		];
		const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
		await page.goto(url);
		const timeoutMs = options.timeoutMs ?? 10 * 60_000;
		const exitCode = await Promise.race([
			exited,
			new Promise<number>((r) =>
				setTimeout(() => {
					errors.push(`host suite timed out after ${timeoutMs} ms`);
					r(124);
				}, timeoutMs).unref()
			),
		]);
		const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostResults : undefined;
		if (exitCode !== 0) { console.error(server.output.slice(-30).join('\n')); }
		return { exitCode, results, errors };
	} finally {
		await browser.close().catch(() => undefined);
		await server.dispose();
		fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
	}
}

/** Workbench console errors that say nothing about our code (offline machine, no GPU). */
function isNoise(text: string): boolean {
	return /Failed to load resource|ERR_|net::|marketplace|vscode-cdn|GPU|WebGL|workbench\.desktop|Ignoring|An iframe which has both/.test(text);
}

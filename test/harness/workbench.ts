import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { repoRoot, screenshotDir } from './paths';

/** A code-server workbench in headless Chromium with our extension loaded in development mode. */
export interface Workbench {
	readonly page: Page;
	readonly server: RunningCodeServer;
	readonly workspace: string;
	/** Runs a command through the command palette, by its title as the palette shows it. */
	runCommand(title: string): Promise<void>;
	/** Drags the side bar's edge so it is `width` pixels wide (tree descriptions need room). */
	widenSideBar(width: number): Promise<void>;
	screenshot(name: string): Promise<string>;
	/** A second window on the same folder and user data (its own extension host), as a user opening the workspace twice. */
	openSecondWindow(): Promise<{ page: Page; runCommand(title: string): Promise<void> }>;
	close(): Promise<void>;
}

export interface WorkbenchOptions {
	env?: Record<string, string>;
	/** Files to create in the workspace (relative path → content). */
	files?: Record<string, string>;
	/** User settings to add. */
	settings?: Record<string, unknown>;
}

/** Opens the workbench and waits until our extension's contributions are in place. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
	const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-e2e-ws-'));
	for (const [rel, content] of Object.entries(options.files ?? {})) {
		fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
		fs.writeFileSync(path.join(workspace, rel), content);
	}
	const server = await startCodeServer({ folder: workspace, env: options.env });
	if (options.settings) {
		const file = path.join(server.userDataDir, 'User', 'settings.json');
		fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), ...options.settings }, null, 2));
	}
	let browser: Browser | undefined;
	try {
		browser = await launchBrowser();
		// One browser context: a second window shares its storage (and so the secrets), as two windows of one user do.
		const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
		const page = await context.newPage();
		page.on('pageerror', (err) => console.error(`[workbench] ${String(err)}`));
		const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${repoRoot}`]];
		await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
		await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
		await page.waitForSelector('.statusbar', { timeout: 30_000 });
		const b = browser;
		return {
			page,
			server,
			workspace,
			runCommand: (title) => runCommand(page, title),
			widenSideBar: async (width) => {
				const box = await page.locator('.part.sidebar').boundingBox();
				if (!box) { return; }
				const x = box.x + box.width;
				await page.mouse.move(x - 1, box.y + box.height / 2);
				await page.mouse.down();
				await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 5 });
				await page.mouse.up();
			},
			screenshot: async (name) => {
				fs.mkdirSync(screenshotDir, { recursive: true });
				const file = path.join(screenshotDir, `${name}.png`);
				await page.screenshot({ path: file });
				return file;
			},
			openSecondWindow: async () => {
				const second = await context.newPage();
				second.on('pageerror', (err) => console.error(`[workbench 2] ${String(err)}`));
				await second.goto(page.url());
				await second.waitForSelector('.monaco-workbench', { timeout: 60_000 });
				await second.waitForSelector('.statusbar', { timeout: 30_000 });
				return { page: second, runCommand: (title: string) => runCommand(second, title) };
			},
			close: async () => {
				await b.close().catch(() => undefined);
				await server.dispose();
				fs.rmSync(workspace, { recursive: true, force: true });
			},
		};
	} catch (e) {
		await browser?.close().catch(() => undefined);
		await server.dispose();
		throw e;
	}
}

/**
 * F1, type the title, pick the matching row. Right after start-up the extension host may
 * not have announced our contributions yet, so the palette is reopened until the row shows.
 */
async function runCommand(page: Page, title: string): Promise<void> {
	const input = page.locator('.quick-input-widget input');
	const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (!(await input.isVisible())) {
			await page.keyboard.press('F1');
			await input.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
		}
		await input.fill(`>${title}`);
		if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) { break; }
		if (Date.now() > deadline) { throw new Error(`the command palette never offered "${title}"`); }
		await page.keyboard.press('Escape');
	}
	await row.click();
	// The command may open a quick pick of its own, so wait for the palette's text to go, not the widget.
	await page.waitForFunction(
		`(() => { const i = document.querySelector('.quick-input-widget input'); return !i || i.offsetParent === null || !i.value.startsWith('>'); })()`,
		undefined,
		{ timeout: 10_000 },
	);
}

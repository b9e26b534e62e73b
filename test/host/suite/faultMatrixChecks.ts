/**
 * The checks and helpers of the fault matrix run (faultMatrix.test.ts) that need none of its
 * per-suite state: what a row runs, what it must tell, which requests its faults could strike,
 * and the preview pages of the kept tasks.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FaultSpec, FakeServer, Receipt } from '../../fakes';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { ROUTES, type Row } from './faultMatrix';

/** Completed, with every result on disk. */
export const done = (t: TaskSnapshot) => t.status === 'completed' && t.results.length > 0 && t.results.every((r) => r.localPath);
/** Completed and every download ended, well or not. */
export const downloadsEnded = (t: TaskSnapshot) => t.status === 'completed' && t.results.length > 0 && t.results.every((r) => r.localPath || r.downloadError);

/** The command and options a row runs (the options argument: nothing is asked). */
export function commandFor(row: Row): [string, Record<string, unknown>] {
	return row.provider === 'sounds'
		? ['evolink.generateSound', { prompt: `fault matrix ${row.id}: a coin pickup blip`, soundLoop: false }]
		: ['evolink.speakSelection', { prompt: `Fault matrix, row ${row.id}.`, format: 'mp3' }];
}

/** What happened and what to do, both on the surface. */
export function assertTold(row: Row, text: string, where: string): void {
	if (row.expect.message) { assert.match(text, row.expect.message, `${where} should say what happened: ${JSON.stringify(text)}`); }
	if (row.expect.action) { assert.match(text, row.expect.action, `${where} should say what to do: ${JSON.stringify(text)}`); }
}

/**
 * A poll fault narrowed to one task's polls: the window may still poll tasks of earlier suites,
 * whose requests reach these fakes too (the base URL settings point here now).
 */
export function forTask(row: Row, spec: FaultSpec, taskId: string | undefined): FaultSpec {
	if (taskId === undefined || spec.route !== ROUTES[row.provider].poll) { return spec; }
	return row.provider === 'evolink' ? { ...spec, route: `GET /v1/tasks/${taskId}` } : { ...spec, query: `taskId=${taskId}` };
}

/** The receipts a fake recorded since index `from` that `spec` could strike. */
export function since(fake: FakeServer, from: number, spec: FaultSpec): Receipt[] {
	const prefix = spec.route.endsWith('*') ? spec.route.slice(0, -1) : undefined;
	return fake.received.slice(from).filter((r) => {
		const key = `${r.method} ${r.path}`;
		return (prefix !== undefined ? key.startsWith(prefix) : key === spec.route) && (spec.query === undefined || r.query.includes(spec.query));
	});
}

/** The request after the one a Retry-After fault struck came no earlier than the header allowed. */
export function retryAfterHonoured(fake: FakeServer, from: number, specs: FaultSpec[]): void {
	const spec = specs.find((s) => s.retryAfter !== undefined);
	assert.ok(spec, 'the row injects a Retry-After');
	const [struck, next] = since(fake, from, spec);
	assert.ok(struck && next, `a request after the faulted one (receipts: ${JSON.stringify(since(fake, from, spec))})`);
	// A date has whole seconds; seconds count from when the answer was read, after `struck.at`.
	const earliest = typeof spec.retryAfter === 'number' ? struck.at + spec.retryAfter * 1000 : Date.parse(spec.retryAfter!);
	assert.ok(next.at >= earliest - 100, `the retry came ${earliest - next.at} ms before Retry-After allowed`);
}

/** Resolves with the first defined value of `probe`; fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) { return value; }
		if (Date.now() > deadline) { throw new Error(`timed out waiting for ${what}`); }
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Opens the real preview of each task and records what the extension posts to the pages, through
 * the shared `vscode.window` (the extension creates its panels with it).
 */
export async function previewMessages(ids: string[]): Promise<unknown[]> {
	const w = vscode.window as unknown as { createWebviewPanel: typeof vscode.window.createWebviewPanel };
	const original = w.createWebviewPanel;
	const posted: unknown[] = [];
	w.createWebviewPanel = (...args: Parameters<typeof original>) => {
		const panel = original.apply(vscode.window, args);
		const webview = panel.webview as { postMessage: vscode.Webview['postMessage'] };
		const post = webview.postMessage.bind(panel.webview);
		webview.postMessage = (message: unknown) => {
			posted.push(message);
			return post(message);
		};
		return panel;
	};
	try {
		for (const id of ids) {
			await vscode.commands.executeCommand('evolink.openPreview', id);
			await waitFor(
				() =>
					posted.some((m) =>
						(m as { type?: string; view?: { task?: { id?: string } } }).type === 'show' && (m as { view: { task: { id: string } } }).view.task.id === id
					) || undefined,
				`the preview page of ${id}`,
				120_000,
			);
		}
		return posted;
	} finally {
		w.createWebviewPanel = original;
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	}
}

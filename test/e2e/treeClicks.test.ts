import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { startFakeSounds, type FakeServer } from '../fakes';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { previewFrame, quickGenerate, setKey, taskRow } from './steps';

/**
 * Issue 11's lost click: a tree row clicked while other rows move from the Running group to the
 * history must open its preview. Rows A and B sit at the top of the history; older tasks finish
 * one after another below them (each finish refreshes the whole tree), and the test clicks A, B,
 * A, B… as fast as a user can. Every click must open the preview of the row clicked, in order.
 */
let wb: Workbench;
let sounds: FakeServer;

before(async () => {
	sounds = await startFakeSounds({ taskDurationMs: 600_000 });
	wb = await openWorkbench({ settings: { 'evolink.sounds.apiBaseUrl': sounds.baseUrl, 'evolink.notifyOnFinish': false } });
	await setKey(wb, 'Suno Sounds', sounds.apiKey);
	await wb.runCommand('EvoLink Studio: Focus on Tasks View');
	await wb.widenSideBar(430);
}, { timeout: 300_000 });
after(async () => {
	await wb?.close();
	await sounds?.close();
});

/** The extension's log, all files joined. */
function logText(): string {
	const root = path.join(wb.server.userDataDir, 'logs');
	const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('EvoLink Studio.log'));
	return files.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
}

/** The "open task <id>" lines of the extension's log, in order. */
function opened(): string[] {
	return [...logText().matchAll(/open task (\S+)/g)].map((m) => m[1]);
}

async function waitForOpens(count: number): Promise<string[]> {
	const deadline = Date.now() + 15_000;
	while (opened().length < count && Date.now() < deadline) { await wb.page.waitForTimeout(100); }
	// Both the selection and the command may log a click: wait until the log stops growing.
	for (let seen = -1; seen !== opened().length;) {
		seen = opened().length;
		await wb.page.waitForTimeout(1500);
	}
	return opened();
}

/** Task id → prompt, from the task journal (for failure messages). */
function prompts(): Map<string, string> {
	const files = fs.readdirSync(wb.server.userDataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('tasks.jsonl'));
	const names = new Map<string, string>();
	for (const f of files) {
		for (const line of fs.readFileSync(path.join(wb.server.userDataDir, f), 'utf8').split('\n')) {
			const m = /"id":"([^"]+)"[\s\S]*?"prompt":"([^"]*)"/.exec(line);
			if (m) { names.set(m[1], m[2]); }
		}
	}
	return names;
}

/** Quick Generate a sound, and wait until the fake has it (so a duration set next applies only to later tasks). */
async function generate(prompt: string): Promise<void> {
	const posts = sounds.count('POST /api/v1/generate/sounds');
	await quickGenerate(wb, 'Suno sound / loop', prompt);
	const deadline = Date.now() + 30_000;
	while (sounds.count('POST /api/v1/generate/sounds') === posts && Date.now() < deadline) { await wb.page.waitForTimeout(100); }
}

test('rows clicked while other tasks move from Running to the history open their previews, every click, in order', { timeout: 300_000 }, async () => {
	// One task that stays running keeps the Running group (collapsed) above the history, so A and B do not move.
	await generate('keeper drone that never ends');
	sounds.setTaskDuration(14_000);
	for (const name of ['mover one', 'mover two', 'mover three', 'mover four', 'mover five']) { await generate(name); }
	sounds.setTaskDuration(800);
	await generate('row B woodblock');
	await generate('row A cowbell');
	const a = taskRow(wb, 'row A cowbell');
	const b = taskRow(wb, 'row B woodblock');
	await taskRow(wb, 'row A cowbell', /variants/).waitFor({ timeout: 60_000 });
	await taskRow(wb, 'row B woodblock', /variants/).waitFor({ timeout: 60_000 });
	await wb.page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: /^Running/ }).click();
	// Learn the two task ids from the first opens.
	await a.click();
	await previewFrame(wb).locator('body[data-state="shown"]').waitFor({ timeout: 90_000 });
	const idA = (await waitForOpens(1)).at(-1);
	await b.click();
	await wb.page.waitForFunction(`(() => [...document.querySelectorAll('.tab')].some((t) => /row B woodblock/.test(t.textContent ?? '')))()`, undefined, { timeout: 30_000 });
	const opensBefore = opened().length;
	const idB = opened().at(-1);
	assert.ok(idA && idB && idA !== idB, 'two tasks opened');

	// What the mouse actually lands on, row by row (the list recycles its row elements).
	await wb.page.evaluate(
		`(() => { window.__hits = []; document.addEventListener('mousedown', (e) => { const row = e.target.closest && e.target.closest('.monaco-list-row'); const label = row && row.querySelector('.label-name'); window.__hits.push(label ? label.textContent : '?'); }, true); })()`,
	);
	// Click A, B, A, B… until every mover has finished (the Running group shows only the keeper).
	const clicks: string[] = [];
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const running = await wb.page.locator('.monaco-list-row', { hasText: /^Running \(1\)/ }).count();
		if (running > 0 && clicks.length >= 20) { break; }
		const [row, id] = clicks.length % 2 === 0 ? [a, idA] : [b, idB];
		await row.click();
		clicks.push(id);
		await wb.page.waitForTimeout(40);
	}
	const rows = await wb.page.locator('.monaco-list-row[role="treeitem"]').allInnerTexts();
	assert.ok(
		await wb.page.locator('.monaco-list-row', { hasText: /^Running \(1\)/ }).count() > 0,
		`every mover finished while the rows were clicked (${clicks.length} clicks; rows ${JSON.stringify(rows)})`,
	);

	const log = await waitForOpens(opensBefore + clicks.length);
	// The selection and the row's command may both open a click's preview: count runs, not lines.
	const runs = log.slice(opensBefore).filter((id, i, all) => i === 0 || all[i - 1] !== id);
	const recovered = (logText().match(/selected during a tree refresh/g) ?? []).length;
	console.log(`[tree clicks] ${clicks.length} clicks while 5 tasks finished; ${recovered} arrived while the tree refreshed and opened once it had`);
	// A row can move under the pointer between aiming and pressing (as it can under a user's):
	// what counts is the row the press landed on.
	const hits = (await wb.page.evaluate('window.__hits') as string[]).filter((h, i, all) => i === 0 || all[i - 1] !== h);
	const names = prompts();
	assert.equal(hits.length > 0 && clicks.length >= 20, true, `${clicks.length} clicks`);
	assert.deepEqual(runs.map((id) => names.get(id) ?? id), hits, 'each click opened the preview of the row it landed on, in order');
	// The last click's preview is the one in front.
	await wb.page.locator('.tab.active', { hasText: hits.at(-1) }).waitFor({ timeout: 15_000 });
});

import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../fakes';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { pick, setKey } from './steps';

/**
 * A writer's path through the real UI: set the key from the palette, select text, run
 * "EvoLink: Speak Selection", watch the task finish in the tree. Saves the README's screenshot.
 */
let wb: Workbench;
let evolink: FakeServer;
let sounds: FakeServer;
const TEXT = 'The old lighthouse keeper climbed the hundred steps one last time.';

before(async () => {
	evolink = await startFakeEvolink({ taskDurationMs: 4000 });
	sounds = await startFakeSounds({ taskDurationMs: 4000 });
	wb = await openWorkbench({
		files: { 'chapter1.md': `# Chapter one\n\n${TEXT}\n` },
		settings: {
			'evolink.apiBaseUrl': evolink.baseUrl,
			'evolink.filesApiBaseUrl': evolink.baseUrl,
			'evolink.sounds.apiBaseUrl': sounds.baseUrl,
			'evolink.notifyOnFinish': true,
		},
	});
}, { timeout: 180_000 });
after(async () => {
	await wb?.close();
	await evolink?.close();
	await sounds?.close();
});

test('set the key, select text, Speak Selection from the palette, and watch the tree item finish', { timeout: 240_000 }, async () => {
	try {
		await speakFlow();
	} catch (err) {
		await wb.page.screenshot({ path: 'test-results/speak-selection-failure.png' }).catch(() => undefined);
		throw err;
	}
});

async function speakFlow(): Promise<void> {
	const { page } = wb;
	await setKey(wb, 'EvoLink', evolink.apiKey);

	await wb.runCommand('Go to File');
	await page.locator('.quick-input-widget input').fill('chapter1.md');
	await pick(wb, 'chapter1.md');
	await page.locator('.monaco-editor .view-line', { hasText: 'lighthouse' }).first().click();
	await page.keyboard.press('End');
	await page.keyboard.press('Shift+Home');

	await wb.runCommand('EvoLink: Speak Selection');
	await pick(wb, 'Generate with defaults');
	await pick(wb, '(default)');

	await wb.runCommand('EvoLink Studio: Focus on Tasks View');
	await wb.widenSideBar(640);
	const row = page.locator('.monaco-list-row', { hasText: 'The old lighthouse keeper' }).first();
	await row.waitFor({ timeout: 30_000 });
	await page.locator('.monaco-list-row', { hasText: 'The old lighthouse keeper' }).filter({ has: page.locator('.codicon-sync.codicon-modifier-spin, .codicon-sync') }).first()
		.waitFor({ timeout: 10_000 }).catch(() => undefined);
	await page.locator('.monaco-list-row', { hasText: /The old lighthouse keeper[\s\S]*done/ }).first().waitFor({ timeout: 60_000 });
	assert.equal(evolink.count('POST /v1/audios/generations'), 1);
	const body = evolink.received.find((r) => r.method === 'POST')!.body as { prompt: string };
	assert.equal(body.prompt, TEXT, 'the selection was spoken, uncut');
	await page.locator('.notifications-toasts', { hasText: 'is ready' }).first().waitFor({ timeout: 20_000 });
	await wb.screenshot('tasks-tree');
}

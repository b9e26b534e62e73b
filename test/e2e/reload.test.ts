import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../fakes';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { pick, setKey } from './steps';

/**
 * Tasks survive a window reload: a task submitted before the reload is polled by the new
 * extension host and completes, and nothing is submitted twice.
 */
let wb: Workbench;
let evolink: FakeServer;
let sounds: FakeServer;

before(async () => {
	evolink = await startFakeEvolink({ taskDurationMs: 15_000 });
	sounds = await startFakeSounds({ taskDurationMs: 15_000 });
	wb = await openWorkbench({
		files: { 'notes.md': 'A storm rolled in from the west, and the harbour lights went out one by one.\n' },
		settings: { 'evolink.apiBaseUrl': evolink.baseUrl, 'evolink.filesApiBaseUrl': evolink.baseUrl, 'evolink.sounds.apiBaseUrl': sounds.baseUrl },
	});
}, { timeout: 180_000 });
after(async () => {
	await wb?.close();
	await evolink?.close();
	await sounds?.close();
});

/** Process ids of the running extension hosts (code-server forks one per window). */
function extensionHosts(): string[] {
	const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
	return ps.split('\n').filter((l) => l.includes('--type=extensionHost')).map((l) => l.trim().split(/\s+/)[0]);
}

test('a task started before a window reload resumes afterwards and completes, with one POST', { timeout: 240_000 }, async () => {
	const { page } = wb;
	await setKey(wb, 'EvoLink', evolink.apiKey);

	await wb.runCommand('EvoLink: Quick Generate…');
	await pick(wb, 'Seed-Audio speech');
	await page.locator('.quick-input-widget input').fill('The harbour lights went out one by one.');
	await page.keyboard.press('Enter');
	await wb.runCommand('EvoLink Studio: Focus on Tasks View');
	await page.locator('.monaco-list-row', { hasText: /harbour lights[\s\S]*(queued|%)/ }).first().waitFor({ timeout: 30_000 });
	assert.equal(evolink.count('POST /v1/audios/generations'), 1);

	const hostsBefore = extensionHosts();
	await page.reload();
	await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
	await wb.runCommand('EvoLink Studio: Focus on Tasks View');
	await wb.widenSideBar(640);
	await page.locator('.monaco-list-row', { hasText: /harbour lights[\s\S]*done/ }).first().waitFor({ timeout: 90_000 });
	assert.equal(evolink.count('POST /v1/audios/generations'), 1, 'nothing was submitted twice');
	const hostsAfter = extensionHosts();
	// Other processes on the machine may run extension hosts too: this window's was one of those before, and is gone.
	assert.ok(
		hostsBefore.some((pid) => !hostsAfter.includes(pid)) && hostsAfter.some((pid) => !hostsBefore.includes(pid)),
		`the extension host was replaced (${hostsBefore} → ${hostsAfter})`,
	);
	assert.ok(evolink.count('GET /media/*') >= 1, 'the result was downloaded after the reload');
});

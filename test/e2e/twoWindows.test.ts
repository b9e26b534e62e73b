import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../fakes';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { quickGenerate, setKey } from './steps';

/**
 * Issue 11: two windows of one workspace (two extension hosts on one user-data folder) do not
 * poll and download the same task twice; when the working window's host dies, the other takes
 * the task over and finishes it.
 */
let wb: Workbench;
let evolink: FakeServer;
let sounds: FakeServer;
let second: { page: Page; runCommand(title: string): Promise<void> };
let firstHosts: string[] = [];

function extensionHosts(): string[] {
	const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
	return ps.split('\n').filter((l) => l.includes('--type=extensionHost')).map((l) => l.trim().split(/\s+/)[0]);
}

const media = () => sounds.received.filter((r) => r.method === 'GET' && r.path.startsWith('/media/')).length;

/** A task row in a window's EvoLink view, by prompt, once it shows `status`. */
function row(page: Page, prompt: string, status: RegExp) {
	return page.locator('.monaco-list-row', { hasText: new RegExp(`${prompt}[\\s\\S]*(?:${status.source})`) }).first();
}

let hostsAtStart: string[] = [];

before(async () => {
	hostsAtStart = extensionHosts();
	evolink = await startFakeEvolink({ taskDurationMs: 1500 });
	sounds = await startFakeSounds({ taskDurationMs: 8000 });
	wb = await openWorkbench({
		settings: {
			'evolink.apiBaseUrl': evolink.baseUrl,
			'evolink.filesApiBaseUrl': evolink.baseUrl,
			'evolink.sounds.apiBaseUrl': sounds.baseUrl,
			'evolink.notifyOnFinish': false,
		},
	});
	await setKey(wb, 'Suno Sounds', sounds.apiKey);
	// This workbench's first window's host: the ones that appeared since the test began (other processes may run hosts too).
	firstHosts = extensionHosts().filter((p) => !hostsAtStart.includes(p));
	second = await wb.openSecondWindow();
	await second.runCommand('EvoLink Studio: Focus on Tasks View');
	await wb.runCommand('EvoLink Studio: Focus on Tasks View');
	const deadline = Date.now() + 60_000;
	while (extensionHosts().filter((p) => !firstHosts.includes(p) && !hostsAtStart.includes(p)).length === 0 && Date.now() < deadline) { await wb.page.waitForTimeout(500); }
}, { timeout: 300_000 });
after(async () => {
	await wb?.close();
	// The killed host's window may have started a new one; none of this test's hosts outlive it.
	for (const pid of extensionHosts().filter((p) => !hostsAtStart.includes(p))) {
		try {
			process.kill(Number(pid), 'SIGKILL');
		} catch { /* gone */ }
	}
	await evolink?.close();
	await sounds?.close();
});

test('a task started in one window is polled and downloaded once; the other window shows it done', { timeout: 180_000 }, async () => {
	assert.ok(extensionHosts().length >= 2, `two extension hosts (${extensionHosts().join(', ')})`);
	const before = media();
	await quickGenerate(wb, 'Suno sound / loop', 'harbour bell ringing');
	await row(second.page, 'harbour bell ringing', /2 variants/).waitFor({ timeout: 60_000 });
	await row(wb.page, 'harbour bell ringing', /2 variants/).waitFor({ timeout: 30_000 });
	// Give a second downloader every chance to show itself.
	await wb.page.waitForTimeout(4000);
	assert.equal(media() - before, 2, 'each of the two variants downloaded once, not once per window');
});

test("when the working window's extension host dies mid-task, the task is taken over and finished, each file downloaded once", { timeout: 180_000 }, async () => {
	const before = media();
	const posts = sounds.count('POST /api/v1/generate/sounds');
	await quickGenerate(wb, 'Suno sound / loop', 'foghorn in the distance');
	const deadline = Date.now() + 30_000;
	while (sounds.count('POST /api/v1/generate/sounds') === posts && Date.now() < deadline) { await wb.page.waitForTimeout(200); }
	await wb.page.waitForTimeout(1500);
	for (const pid of firstHosts) {
		try {
			process.kill(Number(pid), 'SIGKILL');
		} catch { /* gone */ }
	}
	await row(second.page, 'foghorn in the distance', /2 variants/).waitFor({ timeout: 90_000 }).catch((err: unknown) => {
		const logs = fs.readdirSync(path.join(wb.server.userDataDir, 'logs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('EvoLink Studio.log'));
		for (const f of logs) { console.error(`[diag] ${f}:\n${fs.readFileSync(path.join(wb.server.userDataDir, 'logs', f), 'utf8').split('\n').slice(-25).join('\n')}`); }
		throw err;
	});
	await second.page.waitForTimeout(4000);
	assert.equal(media() - before, 2, 'each variant downloaded once after the take-over');
	assert.equal(sounds.count('POST /api/v1/generate/sounds'), posts + 1, 'nothing submitted twice');
});

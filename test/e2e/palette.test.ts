import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openWorkbench, type Workbench } from '../harness/workbench';

/** Tier 3: drive the real workbench UI the way a user does. */
let wb: Workbench;
before(async () => {
	wb = await openWorkbench();
}, { timeout: 180_000 });
after(async () => {
	await wb?.close();
});

test('the command palette runs "EvoLink: Show Log" and the log shows the activation line', { timeout: 120_000 }, async () => {
	await wb.runCommand('EvoLink: Show Log');
	const output = wb.page.locator('.panel .output-view, .panel [id="workbench.panel.output"]');
	await output.first().waitFor({ timeout: 30_000 });
	const text = wb.page.locator('.panel .view-lines', { hasText: 'activated (VS Code 1.100.3)' });
	await text.first().waitFor({ timeout: 30_000 });
	assert.match((await text.first().innerText()).replace(/\s+/g, ' '), /activated \(VS Code 1\.100\.3\)/);
	const file = await wb.screenshot('log');
	assert.ok(file.endsWith('log.png'));
});

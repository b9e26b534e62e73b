import type { FrameLocator } from 'playwright-core';
import type { Workbench } from '../harness/workbench';

/** Steps several end-to-end tests share, written the way a user does them. */

/** Picks the quick-pick row containing `text`. */
export async function pick(wb: Workbench, text: string): Promise<void> {
	const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
	await row.waitFor({ timeout: 20_000 });
	await row.click();
}

/** "EvoLink: Set API Key" from the palette: pick the provider, paste the key, wait for the confirmation. */
export async function setKey(wb: Workbench, provider: 'EvoLink' | 'Suno Sounds', key: string): Promise<void> {
	await wb.runCommand('EvoLink: Set API Key');
	await pick(wb, provider);
	// The provider list closes and the password box opens: type only once the box is there.
	const box = wb.page.locator('.quick-input-widget input[type="password"]');
	await box.waitFor({ state: 'visible', timeout: 15_000 });
	await box.fill(key);
	await wb.page.keyboard.press('Enter');
	await box.waitFor({ state: 'hidden', timeout: 15_000 });
	// The confirmation toast is the user's signal; on a busy machine it can be slow or stacked
	// under others, and a missing key makes the next steps fail with a clear message anyway.
	const name = provider === 'EvoLink' ? 'EvoLink' : 'Suno Sounds (sunoapi.org)';
	await wb.page.locator('.notifications-toasts .notification-list-item', { hasText: `${name} key saved` }).first()
		.waitFor({ timeout: 30_000 })
		.catch(async () => {
			await wb.page.screenshot({ path: `test-results/set-key-${provider.replace(/\W/g, '')}.png` }).catch(() => undefined);
		});
}

/** "EvoLink: Quick Generate…": pick what to make, type the prompt. */
export async function quickGenerate(wb: Workbench, what: string, prompt: string): Promise<void> {
	await wb.runCommand('EvoLink: Quick Generate…');
	await pick(wb, what);
	await wb.page.locator('.quick-input-widget input').fill(prompt);
	await wb.page.keyboard.press('Enter');
}

/** The tree row of a task, found by the start of its prompt. */
export function taskRow(wb: Workbench, promptStart: string, status?: RegExp) {
	const escaped = promptStart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	// The status is grouped: `a|b` must not make `prompt…a|b` match any row that says `b`.
	return wb.page.locator('.monaco-list-row', { hasText: status ? new RegExp(`${escaped}[\\s\\S]*(?:${status.source})`) : promptStart }).first();
}

/** The inside of the preview webview that is showing (code-server nests it in two iframes). */
export function previewFrame(wb: Workbench): FrameLocator {
	return wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

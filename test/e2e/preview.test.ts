import { execFileSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../fakes';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { pick, previewFrame, quickGenerate, setKey, taskRow } from './steps';

/**
 * The preview, driven in the real workbench: speech, a sound loop, a song with two variants
 * and a video from the fake providers. Saves the README's preview screenshots.
 */
let wb: Workbench;
let evolink: FakeServer;
let sounds: FakeServer;
const XSS = '</script><img src=x onerror=alert(1)>';
let dialogs = 0;
const consoleErrors: string[] = [];

before(async () => {
	evolink = await startFakeEvolink({ taskDurationMs: 1500 });
	sounds = await startFakeSounds({ taskDurationMs: 1500 });
	wb = await openWorkbench({
		settings: {
			'evolink.apiBaseUrl': evolink.baseUrl,
			'evolink.filesApiBaseUrl': evolink.baseUrl,
			'evolink.sounds.apiBaseUrl': sounds.baseUrl,
			'evolink.notifyOnFinish': false,
			'evolink.video.duration': 3,
			'evolink.video.quality': '480p',
		},
	});
	wb.page.on('dialog', (d) => {
		dialogs++;
		void d.dismiss();
	});
	wb.page.on('console', (m) => {
		if (m.type() === 'error') { consoleErrors.push(m.text().slice(0, 400)); }
	});
	await setKey(wb, 'EvoLink', evolink.apiKey);
	await setKey(wb, 'Suno Sounds', sounds.apiKey);
	await quickGenerate(wb, 'Seed-Audio speech', 'The lighthouse beam swept across the water.');
	await quickGenerate(wb, 'Suno sound / loop', 'rain on a tin roof');
	await quickGenerate(wb, 'Suno song', 'a cheerful chiptune theme');
	await quickGenerate(wb, 'Seedance video', 'a paper boat on a stream');
	await quickGenerate(wb, 'Seed-Audio speech', XSS);
	await wb.runCommand('EvoLink Studio: Focus on Tasks View');
	await wb.widenSideBar(430);
}, { timeout: 300_000 });
after(async () => {
	await wb?.close();
	await evolink?.close();
	await sounds?.close();
});

/** Clicks the finished task's row (which opens its preview) and waits for the page to show it. */
async function openPreview(promptStart: string, status = /done|variants/) {
	await wb.runCommand('View: Close All Editors');
	await taskRow(wb, promptStart, status).waitFor({ timeout: 60_000 });
	await taskRow(wb, promptStart).click();
	const frame = previewFrame(wb);
	// The first webview of a session can take long to start in code-server (its service worker).
	await frame.locator('body[data-state="shown"]').waitFor({ timeout: 90_000 }).catch(async (err: unknown) => {
		// Say what the workbench showed: the rows, the selection, the webviews, the editor tabs.
		const rows = await wb.page.locator('.monaco-list-row[role="treeitem"]').evaluateAll((els) =>
			els.map((e) => `${e.getAttribute('aria-selected')}|${e.getAttribute('aria-expanded')}|${(e.textContent ?? '').replace(/\s+/g, ' ')}`)
		);
		const iframes = await wb.page.locator('iframe.webview').count();
		const tabs = await wb.page.locator('.tab').allInnerTexts();
		await wb.page.screenshot({ path: `test-results/preview-${promptStart.replace(/\W+/g, '_')}.png` }).catch(() => undefined);
		const logs = fs.readdirSync(path.join(wb.server.userDataDir, 'logs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('EvoLink Studio.log'));
		const tail = logs.map((f) => fs.readFileSync(path.join(wb.server.userDataDir, 'logs', f), 'utf8').split('\n').slice(-15).join('\n')).join('\n');
		console.error(`[diag] console: ${consoleErrors.slice(-10).join('\n')}\n[diag] log:\n${tail}`);
		throw new Error(`no preview for "${promptStart}": ${iframes} webview(s), tabs ${JSON.stringify(tabs)}, rows ${JSON.stringify(rows)}`, { cause: err });
	});
	return frame;
}

async function hook(frame: ReturnType<typeof previewFrame>, selector: string, name: string): Promise<number> {
	return Number(await frame.locator(selector).first().getAttribute(`data-${name}`));
}

test('speech: the audio loads with its duration, play advances the time, the waveform is drawn', { timeout: 180_000 }, async () => {
	const frame = await openPreview('The lighthouse beam');
	const card = '.result[data-index="0"]';
	await frame.locator(`${card}[data-load="ready"]`).waitFor({ timeout: 30_000 });
	const duration = await hook(frame, card, 'duration');
	assert.ok(Math.abs(duration - 3) < 0.2, `duration ${duration} s, the fake speaks for 3 s`);
	await frame.locator(`${card} canvas[data-waveform="drawn"]`).waitFor({ timeout: 30_000 });
	await frame.locator(`${card} button.play`).click();
	await frame.locator(`${card}[data-playing="true"]`).waitFor({ timeout: 10_000 });
	await wb.page.waitForTimeout(800);
	assert.ok(await hook(frame, card, 'current-time') > 0.2, 'the playhead moved');
	await wb.screenshot('preview-speech');
	await frame.locator(`${card} button.play`).click();
});

test('sound loop: Web Audio loops the decoded buffer without a gap and the playhead wraps', { timeout: 180_000 }, async () => {
	const frame = await openPreview('rain on a tin roof');
	const card = '.result[data-index="0"]';
	await frame.locator(`${card}[data-load="ready"]`).waitFor({ timeout: 30_000 });
	const duration = await hook(frame, card, 'duration');
	await frame.locator(`${card} canvas[data-waveform="drawn"]`).waitFor({ timeout: 30_000 });
	await frame.locator(`${card} button.play`).click();
	await frame.locator(`${card}[data-engine="webaudio"][data-playing="true"]`).waitFor({ timeout: 15_000 });
	await frame.locator(`${card}:not([data-loop-wraps="0"])`).waitFor({ timeout: (duration + 6) * 1000 });
	const position = await hook(frame, card, 'current-time');
	assert.ok(position >= 0 && position < duration, `after wrapping the playhead is inside the loop (${position} of ${duration})`);
	assert.equal(await frame.locator(`${card}[data-playing="true"]`).count(), 1, 'still playing after the wrap: one source, looping');
	await wb.screenshot('preview-loop');
	await frame.locator(`${card} button.play`).click();
});

test('loop workshop: move the loop end (snapped), crossfade the seam, hear it wrap, save an Ogg with its loop points', { timeout: 180_000 }, async () => {
	const frame = await openPreview('rain on a tin roof');
	const card = '.result[data-index="0"]';
	const ws = `${card} .workshop`;
	// Two takes side by side: the workshop is folded until asked for.
	await frame.locator(`${ws}:not([open]) > summary`).click();
	await frame.locator(`${ws}[open][data-ready="true"]`).waitFor({ timeout: 30_000 });
	const duration = await hook(frame, card, 'duration');
	assert.ok(duration > 2, `the loop lasts ${duration} s`);
	// A loop end typed where the wave is not at zero is snapped to a crossing within 5 ms.
	await frame.locator(`${ws} input.loop-end`).fill('1.3');
	await frame.locator(`${ws} input.loop-end`).press('Enter');
	await frame.locator(`${ws}:not([data-loop-end="${duration.toFixed(6)}"])`).waitFor({ timeout: 10_000 });
	const end = Number(await frame.locator(ws).getAttribute('data-loop-end'));
	assert.ok(Math.abs(end - 1.3) <= 0.0051, `loop end ${end} snapped near 1.3 s`);
	// The player now loops there: the playhead wraps before 1.3 s.
	await frame.locator(`${card} button.play`).click();
	await frame.locator(`${card}:not([data-loop-wraps="0"])`).waitFor({ timeout: 15_000 });
	assert.ok(await hook(frame, card, 'current-time') < end + 0.05, 'the playhead stays inside the new loop');
	await frame.locator(`${card} button.play`).click();
	// A crossfade makes the seam smooth, and the page says so.
	await frame.locator(`${ws} input.crossfade`).evaluate((el) => {
		const range = el as unknown as { value: string; dispatchEvent(e: Event): boolean };
		range.value = '60';
		range.dispatchEvent(new Event('input', { bubbles: true }));
	});
	await frame.locator(`${ws}[data-crossfade-ms="60"][data-seam-smooth="true"]`).waitFor({ timeout: 10_000 });
	assert.match(await frame.locator(`${ws} .seam-verdict`).innerText(), /smooth/);
	// Hear the seam: the loop's end runs into its start, over and over.
	await frame.locator(`${ws} button.hear-seam`).click();
	await frame.locator(`${ws}[data-seam-playing="true"]:not([data-seam-wraps="0"])`).waitFor({ timeout: 15_000 });
	await wb.screenshot('loop-workshop');
	await frame.locator(`${ws} button.hear-seam`).click();
	await frame.locator(`${ws}[data-seam-playing="false"]`).waitFor({ timeout: 5_000 });
	// Save for the engine: an Ogg with LOOPSTART/LOOPLENGTH where the workshop put them.
	await frame.locator(`${ws} select.format`).selectOption('ogg');
	await frame.locator(`${ws} button.save-engine`).click();
	await frame.locator(`${card}[data-last-action="saveToWorkspace:ok"]`).waitFor({ timeout: 60_000 });
	const folder = path.join(wb.workspace, 'generated');
	const ogg = fs.readdirSync(folder).find((f) => f.startsWith('rain-tin-roof') && f.endsWith('.ogg'));
	assert.ok(ogg, `an Ogg in ${fs.readdirSync(folder).join(', ')}`);
	const sidecar = JSON.parse(fs.readFileSync(path.join(folder, `${ogg}.evolink.json`), 'utf8'));
	assert.equal(sidecar.export.loop.writtenAs, 'vorbis-comments');
	assert.equal(sidecar.export.loop.crossfadeMs, 60);
	assert.ok(Math.abs(sidecar.export.loop.end / sidecar.export.sampleRate - end) < 0.006, `loop end ${sidecar.export.loop.end} at ${sidecar.export.sampleRate} Hz`);
	const tags = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream_tags=LOOPSTART,LOOPLENGTH', '-of', 'default=nw=1', path.join(folder, ogg)], { encoding: 'utf8' });
	assert.match(tags, new RegExp(`LOOPLENGTH=${sidecar.export.loop.end - sidecar.export.loop.start}`));
});

test('variants: two songs side by side; keeping one saves exactly that file', { timeout: 180_000 }, async () => {
	const frame = await openPreview('a cheerful chiptune', /2 variants/);
	await frame.locator('.result').nth(1).waitFor({ timeout: 30_000 });
	assert.equal(await frame.locator('.result').count(), 2);
	await frame.locator('.result[data-index="1"][data-load="ready"]').waitFor({ timeout: 30_000 });
	await frame.locator('.result[data-index="1"] .action[data-action="keepVariant"]').first().click();
	const folder = path.join(wb.workspace, 'generated');
	const deadline = Date.now() + 20_000;
	while (!(fs.existsSync(folder) && fs.readdirSync(folder).some((f) => f.endsWith('.mp3'))) && Date.now() < deadline) { await wb.page.waitForTimeout(200); }
	const saved = fs.readdirSync(folder).filter((f) => f.endsWith('.mp3'));
	assert.deepEqual(saved, ['cheerful-chiptune-theme-v2.mp3'], 'exactly the second variant, named from the prompt');
	await wb.screenshot('preview-variants');
});

test('batch: the palette asks how many variations; four tasks play side by side on one page; keeping two saves exactly those', { timeout: 240_000 }, async () => {
	await wb.runCommand('EvoLink: Generate Sound or Loop');
	const input = wb.page.locator('.quick-input-widget input');
	await input.waitFor({ state: 'visible', timeout: 15_000 });
	await input.fill('a coin pickup chime');
	await wb.page.keyboard.press('Enter');
	// Every question keeps its default (Enter) until "How many variations?".
	let title = '';
	for (let step = 0; step < 8; step++) {
		await wb.page.waitForFunction(
			`(() => { const w = document.querySelector('.quick-input-widget'); const t = document.querySelector('.quick-input-widget .quick-input-title'); return !!w && w.offsetParent !== null && !!t && t.textContent !== ${
				JSON.stringify(title)
			} && t.textContent !== ''; })()`,
			undefined,
			{ timeout: 20_000 },
		);
		title = await wb.page.locator('.quick-input-widget .quick-input-title').innerText();
		if (/How many variations/.test(title)) { break; }
		await wb.page.keyboard.press('Enter');
	}
	assert.match(title, /How many variations/);
	const posts = sounds.count('POST /api/v1/generate/sounds');
	await pick(wb, '4 variations');
	const deadline = Date.now() + 30_000;
	while (sounds.count('POST /api/v1/generate/sounds') < posts + 4 && Date.now() < deadline) { await wb.page.waitForTimeout(200); }
	assert.equal(sounds.count('POST /api/v1/generate/sounds'), posts + 4, 'one task per variation');
	// All four finished: no row is moving from the Running group to the history while it is clicked.
	await wb.page.locator('.monaco-list-row', { hasText: /a coin pickup chime[\s\S]*2 variants/ }).nth(3).waitFor({ timeout: 60_000 });
	await wb.page.locator('.monaco-list-row', { hasText: /^Running/ }).waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
	const frame = await openPreview('a coin pickup chime', /2 variants/);
	await frame.locator('.result[data-index="7"]').waitFor({ timeout: 60_000 });
	assert.equal(await frame.locator('.result').count(), 8, 'four tasks of two takes each, on one page');
	assert.match(await frame.locator('.result[data-index="0"] .result-title').innerText(), /-01/);
	assert.match(await frame.locator('.result[data-index="7"] .result-title').innerText(), /-04/);
	await frame.locator('.result[data-index="7"][data-load="ready"]').waitFor({ timeout: 60_000 });
	await frame.locator('.result[data-index="0"]').scrollIntoViewIfNeeded();
	await wb.screenshot('batch-audition');
	for (const index of [1, 6]) {
		await frame.locator(`.result[data-index="${index}"] .action[data-action="keepVariant"]`).first().click();
		await frame.locator(`.result[data-index="${index}"][data-last-action="keepVariant:ok"]`).waitFor({ timeout: 30_000 });
	}
	const kept = fs.readdirSync(path.join(wb.workspace, 'generated')).filter((f) => f.startsWith('coin-pickup-chime') && f.endsWith('.mp3')).sort();
	assert.deepEqual(kept, ['coin-pickup-chime-loop-01-v2.mp3', 'coin-pickup-chime-loop-04-v1.mp3'], 'exactly the two kept, named by variation and take');
});

test('video: the player loads the mp4 with its duration and a poster frame', { timeout: 180_000 }, async () => {
	const frame = await openPreview('a paper boat');
	const card = '.result[data-index="0"]';
	await frame.locator(`${card}[data-load="ready"]`).waitFor({ timeout: 30_000 });
	const duration = await hook(frame, card, 'duration');
	assert.ok(duration > 1 && duration <= 3.2, `duration ${duration}`);
	await frame.locator(`${card}[data-poster="ready"]`).waitFor({ timeout: 15_000 });
	await wb.screenshot('preview-video');
});

test('a prompt full of markup shows as text and runs nothing', { timeout: 180_000 }, async () => {
	const frame = await openPreview('</script>');
	assert.equal(await frame.locator('#details-prompt').innerText(), XSS);
	assert.equal(await frame.locator('img[src="x"]').count(), 0);
	assert.equal(dialogs, 0, 'no alert ran');
});

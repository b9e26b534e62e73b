import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../fakes';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { pick, previewFrame, setKey, taskRow } from './steps';

/**
 * The writer's chapter, end to end in the real workbench: a Markdown chapter longer than one
 * request is spoken as one job, its joined file plays in the preview with its parts listed,
 * the paragraph being heard is highlighted in the editor, and clicking a part seeks there.
 */
let wb: Workbench;
let evolink: FakeServer;
let sounds: FakeServer;
const words = 'the keeper climbed the stairs while the waves broke below and the lamp turned slowly'.split(' ');
const paragraph = (n: number) => `**Part ${n}.** ${Array.from({ length: 120 }, (_, i) => words[(i + n) % words.length]).join(' ')}.`;
const CHAPTER = ['# The Lighthouse', '', paragraph(1), '', paragraph(2), '', paragraph(3), ''].join('\n');

before(async () => {
	evolink = await startFakeEvolink({ taskDurationMs: 1500 });
	sounds = await startFakeSounds({ taskDurationMs: 1500 });
	wb = await openWorkbench({
		files: { 'chapter.md': CHAPTER },
		settings: {
			'evolink.apiBaseUrl': evolink.baseUrl,
			'evolink.filesApiBaseUrl': evolink.baseUrl,
			'evolink.sounds.apiBaseUrl': sounds.baseUrl,
			'evolink.notifyOnFinish': false,
		},
	});
	await setKey(wb, 'EvoLink', evolink.apiKey);
}, { timeout: 180_000 });
after(async () => {
	await wb?.close();
	await evolink?.close();
	await sounds?.close();
});

test('a chapter becomes one voiceover; playing it highlights the paragraph heard; a part click seeks there', { timeout: 300_000 }, async () => {
	const { page } = wb;
	await wb.runCommand('Go to File');
	await page.locator('.quick-input-widget input').fill('chapter.md');
	await pick(wb, 'chapter.md');
	await page.locator('.monaco-editor .view-line', { hasText: 'The Lighthouse' }).first().click();
	await page.keyboard.press('Control+A');
	await wb.runCommand('EvoLink: Speak Selection');
	await pick(wb, 'Generate with defaults');
	await pick(wb, '(default)');
	// The selection was captured; collapse it so the highlight is what stands out.
	await page.locator('.monaco-editor .view-line', { hasText: 'The Lighthouse' }).first().click();

	await wb.runCommand('EvoLink Studio: Focus on Tasks View');
	await wb.widenSideBar(520);
	await taskRow(wb, 'The Lighthouse', /done/).waitFor({ timeout: 90_000 });
	const sent = evolink.received.filter((r) => r.method === 'POST' && r.path === '/v1/audios/generations').map((r) => (r.body as { prompt: string }).prompt);
	assert.ok(sent.length >= 2, `the chapter went out in parts: ${sent.length}`);
	assert.ok(sent.every((s) => s.length <= 1500 && !s.includes('**')), 'each part under the limit, no Markdown');

	await taskRow(wb, 'The Lighthouse').click();
	const frame = previewFrame(wb);
	await frame.locator('body[data-state="shown"]').waitFor({ timeout: 90_000 });
	const parts = frame.locator('ol.parts li[data-part]');
	await parts.first().waitFor({ timeout: 30_000 });
	assert.equal(await parts.count(), sent.length, 'one row per part');
	// Click the part of the third paragraph: the audio seeks to its start and plays; the editor highlights it.
	const third = parts.filter({ hasText: 'Part 3.' });
	const start = Number(await third.getAttribute('data-start'));
	await third.locator('button').click();
	await frame.locator('ol.parts li[data-current="true"]', { hasText: 'Part 3.' }).waitFor({ timeout: 10_000 });
	const time = Number(await frame.locator('.result[data-index="0"]').getAttribute('data-current-time'));
	assert.ok(time >= start - 0.05, `playing from the part's start (${time} ≥ ${start})`);
	const highlight = page.locator('.monaco-editor .view-overlays div[class*="ced-"], .monaco-editor .view-overlays .cdr');
	await highlight.first().waitFor({ timeout: 10_000 });
	await wb.screenshot('writer-follow-along');
	// The highlight sits on the lines of the third paragraph (Monaco draws a whole-line decoration
	// in the overlay layer at the same top as the line it covers).
	const where = await page.evaluate(`(() => {
		const marked = [...document.querySelectorAll('.monaco-editor .view-overlays > div')].filter((d) => d.querySelector('[class*="ced-"]')).map((d) => d.style.top);
		const line = [...document.querySelectorAll('.monaco-editor .view-line')].find((l) => /Part\\s3\\./.test(l.textContent));
		return { marked, line: line ? line.style.top : null };
	})()`) as { marked: string[]; line: string | null };
	assert.ok(where.line !== null && where.marked.includes(where.line), `the third paragraph's first line (top ${where.line}) is highlighted: ${where.marked.join(', ')}`);
	await frame.locator('.result[data-index="0"] button.play').click();
});

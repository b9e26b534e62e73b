import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeEvolink, startFakeSounds } from '../fakes';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { previewFrame, quickGenerate, setKey, taskRow } from '../e2e/steps';

/**
 * Time from opening the preview (clicking the finished task in the tree) to `loadedmetadata`
 * (the card's `data-load="ready"`) and to a drawn waveform (`canvas[data-waveform="drawn"]`),
 * in the real workbench (code-server + headless Chromium), for a 10-minute WAV (44.1 kHz
 * stereo, 106 MB) against a short one (the fake's speech) as the baseline measured in the same
 * run. The long task's downloaded file is swapped for the 10-minute one before its preview opens.
 *
 * Each webview starts as in desktop VS Code: code-server serves every webview from one origin
 * and registers a new service worker (its script URL carries the webview's id) for each one,
 * which replaces the previous webview's worker and holds the new page's first load ~1 s; desktop
 * VS Code gives each webview its own origin, so every preview starts like the session's first.
 * The bench clears the previous webview's worker before each click, and measures one preview
 * without clearing too (`sharedWorker`), to show that cost apart.
 *   node out/test/bench/previewTiming.js
 */
export interface PreviewTiming {
	/** Until the player shows the file's duration (from the host's media info; before the element's metadata). */
	durationShownMs: number;
	metaMs: number;
	waveMs: number;
	durationSec: number;
	bytes: number;
	/** The preview's own log line about the waveform (decode and peak times), if the log has one. */
	log?: string;
}

const SHORT = 'short baseline clip';
const LONG = 'ten minute chapter';

/** The downloaded file of the task whose prompt is `prompt`, from the store's journal. */
function resultOf(wb: Workbench, prompt: string): string {
	const storage = path.join(wb.server.userDataDir, 'User', 'globalStorage', 'evolink-studio.evolink-studio');
	const lines = fs.readFileSync(path.join(storage, 'tasks', 'tasks.jsonl'), 'utf8').split('\n').filter(Boolean);
	const put = lines.map((l) => JSON.parse(l) as { op: string; task?: { id: string; prompt: string } }).find((op) => op.op === 'put' && op.task?.prompt === prompt);
	if (!put?.task) { throw new Error(`no task "${prompt}" in the journal`); }
	return path.join(storage, 'results', put.task.id, '1.wav');
}

/** Unregisters the webview service worker the last preview left (see above); the workbench's own stays. */
async function clearWebviewWorker(wb: Workbench): Promise<void> {
	await wb.page.evaluate(`(async () => {
		const all = await navigator.serviceWorker.getRegistrations();
		await Promise.all(all.filter((r) => r.scope.includes('/webview/browser/pre/')).map((r) => r.unregister()));
	})()`);
}

async function measure(wb: Workbench, prompt: string, file: string, fresh = true): Promise<PreviewTiming> {
	await wb.runCommand('View: Close All Editors');
	if (fresh) { await clearWebviewWorker(wb); }
	const t0 = Date.now();
	await taskRow(wb, prompt).click();
	const card = previewFrame(wb).locator('.result[data-index="0"]');
	// Both clocks run at once: the waveform may well be drawn before the element has read the file's metadata.
	const [durationShownMs, metaMs, waveMs] = await Promise.all([
		card.locator('.clock').filter({ hasText: /\/ \d+:\d\d/ }).first().waitFor({ timeout: 120_000 }).then(() => Date.now() - t0),
		previewFrame(wb).locator('.result[data-index="0"][data-load="ready"]').waitFor({ timeout: 120_000 }).then(() => Date.now() - t0),
		card.locator('canvas[data-waveform="drawn"]').waitFor({ timeout: 300_000 }).then(() => Date.now() - t0),
	]);
	return { durationShownMs, metaMs, waveMs, durationSec: Number(await card.getAttribute('data-duration')), bytes: fs.statSync(file).size, log: await waveformLog(wb) };
}

/** The newest "waveform drawn after … (decode …, peaks …)" line of the extension's log, which the preview writes. */
async function waveformLog(wb: Workbench): Promise<string | undefined> {
	const files = (dir: string): string[] =>
		fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
	const logs = path.join(wb.server.userDataDir, 'logs');
	for (let i = 0; i < 20; i++) {
		const lines = fs.existsSync(logs)
			? files(logs).filter((f) => f.endsWith('.log')).flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).filter((l) => l.includes('waveform drawn'))
			: [];
		if (lines.length) { return lines[lines.length - 1].replace(/^.*?(waveform drawn)/, '$1'); }
		await new Promise((r) => setTimeout(r, 250));
	}
	return undefined;
}

export async function benchPreview(): Promise<{ short: PreviewTiming; long: PreviewTiming; sharedWorker: PreviewTiming }> {
	const evolink = await startFakeEvolink({ taskDurationMs: 1000 });
	const sounds = await startFakeSounds({ taskDurationMs: 1000 });
	const wb = await openWorkbench({
		settings: { 'evolink.apiBaseUrl': evolink.baseUrl, 'evolink.filesApiBaseUrl': evolink.baseUrl, 'evolink.notifyOnFinish': false, 'evolink.speech.format': 'wav' },
	});
	try {
		await setKey(wb, 'EvoLink', evolink.apiKey);
		await quickGenerate(wb, 'Seed-Audio speech', SHORT);
		await quickGenerate(wb, 'Seed-Audio speech', LONG);
		await wb.runCommand('EvoLink Studio: Focus on Tasks View');
		await taskRow(wb, LONG, /done/).waitFor({ timeout: 60_000 });
		await taskRow(wb, SHORT, /done/).waitFor({ timeout: 60_000 });
		const longFile = resultOf(wb, LONG);
		execFileSync('ffmpeg', [
			'-v',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			'sine=frequency=220:sample_rate=44100:duration=600',
			'-ac',
			'2',
			'-c:a',
			'pcm_s16le',
			`${longFile}.tmp.wav`,
		]);
		fs.renameSync(`${longFile}.tmp.wav`, longFile);
		const short = await measure(wb, SHORT, resultOf(wb, SHORT));
		const long = await measure(wb, LONG, longFile);
		const sharedWorker = await measure(wb, SHORT, resultOf(wb, SHORT), false);
		return { short, long, sharedWorker };
	} finally {
		await wb.close();
		await evolink.close();
		await sounds.close();
	}
}

async function main(): Promise<void> {
	const { short, long, sharedWorker } = await benchPreview();
	console.log(`preview of a ${short.durationSec.toFixed(1)} s WAV: loadedmetadata ${short.metaMs} ms, waveform ${short.waveMs} ms`);
	console.log(
		`preview of a ${long.durationSec.toFixed(1)} s WAV (${(long.bytes / 1e6).toFixed(0)} MB): loadedmetadata ${long.metaMs} ms (×${
			(long.metaMs / short.metaMs).toFixed(1)
		}), waveform ${long.waveMs} ms (×${(long.waveMs / short.waveMs).toFixed(1)})`,
	);
	console.log(`the short WAV again, its webview worker left as code-server leaves it: waveform ${sharedWorker.waveMs} ms`);
}

if (require.main === module) {
	void main();
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeEvolink, startFakeSounds } from '../fakes';
import { openWorkbench } from '../harness/workbench';
import { previewFrame, quickGenerate, setKey, taskRow } from '../e2e/steps';

/**
 * Time from opening the preview (clicking the finished task) to `loadedmetadata` and to a
 * drawn waveform, for a 10-minute WAV (44.1 kHz stereo, 106 MB), against a 3-second one as
 * the baseline measured in the same run. The speech task's downloaded file is swapped for
 * the long one before the preview opens.
 *   node out/test/bench/previewTiming.js
 */
async function main(): Promise<void> {
	const evolink = await startFakeEvolink({ taskDurationMs: 1000 });
	const sounds = await startFakeSounds({ taskDurationMs: 1000 });
	const wb = await openWorkbench({ settings: { 'evolink.apiBaseUrl': evolink.baseUrl, 'evolink.filesApiBaseUrl': evolink.baseUrl, 'evolink.notifyOnFinish': false, 'evolink.speech.format': 'wav' } });
	try {
		await setKey(wb, 'EvoLink', evolink.apiKey);
		await quickGenerate(wb, 'Seed-Audio speech', 'short baseline clip');
		await quickGenerate(wb, 'Seed-Audio speech', 'ten minute chapter');
		await wb.runCommand('EvoLink Studio: Focus on Tasks View');
		await taskRow(wb, 'ten minute chapter', /done/).waitFor({ timeout: 60_000 });
		await taskRow(wb, 'short baseline clip', /done/).waitFor({ timeout: 60_000 });
		const results = path.join(wb.server.userDataDir, 'User', 'globalStorage', 'evolink-studio.evolink-studio', 'results');
		const longTask = fs.readdirSync(results).map((d) => path.join(results, d, '1.wav')).find((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs === Math.max(...fs.readdirSync(results).map((d) => fs.statSync(path.join(results, d, '1.wav')).mtimeMs)));
		execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=220:sample_rate=44100:duration=600', '-ac', '2', '-c:a', 'pcm_s16le', `${longTask}.tmp.wav`]);
		fs.renameSync(`${longTask}.tmp.wav`, longTask!);
		const measure = async (prompt: string) => {
			await wb.runCommand('View: Close All Editors');
			const t0 = Date.now();
			await taskRow(wb, prompt).click();
			const frame = previewFrame(wb);
			await frame.locator('.result[data-index="0"][data-load="ready"]').waitFor({ timeout: 120_000 });
			const meta = Date.now() - t0;
			await frame.locator('.result[data-index="0"] canvas[data-waveform="drawn"]').waitFor({ timeout: 300_000 });
			return { meta, wave: Date.now() - t0, duration: Number(await frame.locator('.result[data-index="0"]').getAttribute('data-duration')) };
		};
		const short = await measure('short baseline clip');
		const long = await measure('ten minute chapter');
		console.log(`preview of a ${short.duration.toFixed(1)} s WAV: loadedmetadata ${short.meta} ms, waveform ${short.wave} ms`);
		console.log(`preview of a ${long.duration.toFixed(1)} s WAV (${(fs.statSync(longTask!).size / 1e6).toFixed(0)} MB): loadedmetadata ${long.meta} ms (×${(long.meta / short.meta).toFixed(1)}), waveform ${long.wave} ms (×${(long.wave / short.wave).toFixed(1)})`);
	} finally {
		await wb.close();
		await evolink.close();
		await sounds.close();
	}
}

void main();

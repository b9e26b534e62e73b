/**
 * The audio worker: heavy audio work (decode, resample, loudness, encode; joining a chapter's parts) runs here, on a
 * worker thread, so the extension host's event loop never stalls on a long file. Bundled as
 * dist/audioWorker.js; `workerClient.ts` starts one per job and it exits when done.
 * Pure: no `vscode` import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { exportAudio } from './engineExport';
import { joinWavFiles } from './wavJoin';
import type { WorkerAnswer, WorkerRequest } from './workerClient';

/** ebur128-wasm's module: beside the bundle (dist/ebur128.wasm), or in node_modules when run from tsc's output. */
function loudnessWasm(): Uint8Array {
	const beside = path.join(__dirname, 'ebur128.wasm');
	return fs.readFileSync(fs.existsSync(beside) ? beside : require.resolve('ebur128-wasm/ebur128_wasm_bg.wasm'));
}

async function run(job: WorkerRequest): Promise<WorkerAnswer> {
	if (job.op === 'join') {
		const files = await Promise.all(job.inputs.map((f) => fs.promises.readFile(f)));
		const joined = joinWavFiles(files, { pausesMs: job.pausesMs });
		await fs.promises.writeFile(job.output, joined.wav);
		return { ok: true, join: { offsetsSec: joined.offsetsSec, durationSec: joined.durationSec } };
	}
	const bytes = await fs.promises.readFile(job.input);
	const out = await exportAudio({ bytes, ext: path.extname(job.input).slice(1), options: job.options, isLoop: job.isLoop, loudnessWasm: loudnessWasm() });
	await fs.promises.writeFile(job.output, out.bytes);
	return { ok: true, record: out.record };
}

parentPort?.once('message', (job: WorkerRequest) => {
	run(job).then(
		(answer) => parentPort?.postMessage(answer),
		(err: unknown) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies WorkerAnswer),
	);
});

/**
 * Runs one export on the audio worker (`worker.ts`, bundled as dist/audioWorker.js) and
 * answers with the written file: the host thread only passes file paths and the options.
 * Pure: no `vscode` import.
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ExportOptions, ExportRecord } from '../shared/exportOptions';

/** What the worker is asked to do. */
export interface AudioJob {
	/** The downloaded file. */
	input: string;
	/** Where to write: a temporary name the caller renames into place, so a crash never leaves half a file under the real name. */
	output: string;
	options: ExportOptions;
	isLoop: boolean;
}

/** What the worker answers: a finished file under a temporary name, or why not. */
export type AudioJobAnswer =
	| { ok: true; record: ExportRecord }
	| { ok: false; message: string };

/** Exports in a worker thread; resolves with what was done once `job.output` is written, or rejects with the reason (and no file). */
export function exportInWorker(workerPath: string, job: AudioJob, signal?: AbortSignal): Promise<ExportRecord> {
	return new Promise<ExportRecord>((resolve, reject) => {
		const worker = new Worker(workerPath);
		let settled = false;
		const finish = (fn: () => void): void => {
			if (settled) { return; }
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			void worker.terminate();
			fn();
		};
		const onAbort = (): void => finish(() => reject(new Error('The export was cancelled.')));
		signal?.addEventListener('abort', onAbort, { once: true });
		worker.once('message', (answer: AudioJobAnswer) => finish(() => answer.ok ? resolve(answer.record) : reject(new Error(answer.message))));
		worker.once('error', (err) => finish(() => reject(err)));
		worker.once('exit', (code) => finish(() => reject(new Error(`The audio worker stopped (exit ${code}) before finishing.`))));
		worker.postMessage(job);
	}).catch(async (err: unknown) => {
		await fs.promises.rm(job.output, { force: true });
		throw err;
	});
}

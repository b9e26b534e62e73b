/**
 * Runs heavy audio work on the audio worker (`worker.ts`, bundled as dist/audioWorker.js): an
 * engine export, or the join of a chapter's parts. The host thread only passes file paths and
 * options, and gets back what was written. Pure: no `vscode` import.
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ExportOptions, ExportRecord } from '../shared/exportOptions';

/** An engine export: one downloaded file in, one converted file out. */
export interface AudioJob {
	/** The downloaded file. */
	input: string;
	/** Where to write: a temporary name the caller renames into place, so a crash never leaves half a file under the real name. */
	output: string;
	options: ExportOptions;
	isLoop: boolean;
}

/** A join: the parts' WAVs in order, with a pause (ms) before each (the first is ignored). */
export interface JoinJob {
	inputs: string[];
	output: string;
	pausesMs: number[];
}

/** Where each part starts in the joined file, and its length. */
export interface JoinAnswer {
	offsetsSec: number[];
	durationSec: number;
}

/** What the worker is sent. */
export type WorkerRequest = ({ op: 'export' } & AudioJob) | ({ op: 'join' } & JoinJob);

/** What the worker answers: a finished file under the requested name, or why not. */
export type WorkerAnswer =
	| { ok: true; record?: ExportRecord; join?: JoinAnswer }
	| { ok: false; message: string };

/** Exports in a worker thread; resolves with what was done once `job.output` is written, or rejects with the reason (and no file). */
export async function exportInWorker(workerPath: string, job: AudioJob, signal?: AbortSignal): Promise<ExportRecord> {
	return (await runInWorker(workerPath, { op: 'export', ...job }, signal)).record!;
}

/** Joins WAV parts in a worker thread into `job.output`; resolves with where each part starts. */
export async function joinInWorker(workerPath: string, job: JoinJob, signal?: AbortSignal): Promise<JoinAnswer> {
	return (await runInWorker(workerPath, { op: 'join', ...job }, signal)).join!;
}

function runInWorker(workerPath: string, request: WorkerRequest, signal?: AbortSignal): Promise<Extract<WorkerAnswer, { ok: true }>> {
	return new Promise<Extract<WorkerAnswer, { ok: true }>>((resolve, reject) => {
		const worker = new Worker(workerPath);
		let settled = false;
		const finish = (fn: () => void): void => {
			if (settled) { return; }
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			void worker.terminate();
			fn();
		};
		const onAbort = (): void => finish(() => reject(new Error('The audio work was cancelled.')));
		signal?.addEventListener('abort', onAbort, { once: true });
		worker.once('message', (answer: WorkerAnswer) => finish(() => answer.ok ? resolve(answer) : reject(new Error(answer.message))));
		worker.once('error', (err) => finish(() => reject(err)));
		worker.once('exit', (code) => finish(() => reject(new Error(`The audio worker stopped (exit ${code}) before finishing.`))));
		worker.postMessage(request);
	}).catch(async (err: unknown) => {
		await fs.promises.rm(request.output, { force: true });
		throw err;
	});
}

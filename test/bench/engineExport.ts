/**
 * Engine export: a 3-minute stereo 44.1 kHz MP3 (192 kbit/s, made by ffmpeg from tones and noise)
 * to Ogg Vorbis at −16 LUFS.
 * - `exportAudio` (src/audio/engineExport.ts) on this thread: decode, measure, gain, encode;
 * - baseline: ffmpeg doing the same conversion, `-af loudnorm=I=-16 -c:a libvorbis`, with
 *   `-ar 44100` (loudnorm would otherwise upsample to 192 kHz) and `-q:a 6` (the quality ours encodes at);
 * - `exportInWorker` (src/audio/workerClient.ts) with the compiled worker (src/audio/worker.js
 *   beside this bench's output): this event loop's longest stall while the worker runs, next to
 *   the same over an idle loop as long.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportAudio } from '../../src/audio/engineExport';
import { exportInWorker } from '../../src/audio/workerClient';
import type { ExportOptions } from '../../src/shared/exportOptions';
import { eventLoopMaxDuring, idleEventLoopMax, median } from './results';

export interface ExportResult {
	inputBytes: number;
	exportMs: number;
	ffmpegMs: number;
	outputBytes: number;
	ffmpegOutputBytes: number;
	/** Integrated loudness after our export, as the record says. */
	lufsAfter: number | undefined;
	workerMs: number;
	workerEventLoopMaxMs: number;
	idleEventLoopMaxMs: number;
}

const OPTIONS: ExportOptions = { format: 'ogg', normalize: 'lufs', lufs: -16 };

export async function benchEngineExport(runs = 3): Promise<ExportResult> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
	try {
		const input = path.join(dir, 'music.mp3');
		execFileSync('ffmpeg', [
			'-v',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			'aevalsrc=0.25*sin(2*PI*220*t)*(1+0.5*sin(2*PI*0.5*t))+0.1*sin(2*PI*660*t)|0.25*sin(2*PI*277*t)*(1+0.5*sin(2*PI*0.3*t))+0.1*sin(2*PI*554*t):s=44100:d=180',
			'-f',
			'lavfi',
			'-i',
			'anoisesrc=d=180:c=pink:r=44100:a=0.05',
			'-filter_complex',
			'[1]aformat=channel_layouts=stereo[n];[0][n]amix=inputs=2:normalize=0',
			'-c:a',
			'libmp3lame',
			'-b:a',
			'192k',
			input,
		]);
		const bytes = fs.readFileSync(input);
		const loudnessWasm = fs.readFileSync(require.resolve('ebur128-wasm/ebur128_wasm_bg.wasm'));

		const worker = path.join(__dirname, '..', '..', 'src', 'audio', 'worker.js');
		if (!fs.existsSync(worker)) { throw new Error(`the compiled worker is missing: ${worker}`); }
		// First: the in-process runs below leave large buffers for the GC to find later.
		const t0 = performance.now();
		const { maxMs } = await eventLoopMaxDuring(() => exportInWorker(worker, { input, output: path.join(dir, 'worker.ogg'), options: OPTIONS, isLoop: false }));
		const workerMs = performance.now() - t0;
		const idle = await idleEventLoopMax(workerMs);

		let out: Awaited<ReturnType<typeof exportAudio>> | undefined;
		const exportMs = median(
			await sequence(runs, async () => {
				const t0 = performance.now();
				out = await exportAudio({ bytes, ext: 'mp3', options: OPTIONS, isLoop: false, loudnessWasm });
				return performance.now() - t0;
			}),
		);
		const ffOut = path.join(dir, 'ffmpeg.ogg');
		const ffmpegMs = median(
			await sequence(runs, async () => {
				const t0 = performance.now();
				execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', input, '-af', 'loudnorm=I=-16', '-ar', '44100', '-c:a', 'libvorbis', '-q:a', '6', ffOut]);
				return performance.now() - t0;
			}),
		);

		return {
			inputBytes: bytes.length,
			exportMs,
			ffmpegMs,
			outputBytes: out!.bytes.length,
			ffmpegOutputBytes: fs.statSync(ffOut).size,
			lufsAfter: out!.record.normalize?.after,
			workerMs,
			workerEventLoopMaxMs: maxMs,
			idleEventLoopMaxMs: idle.maxMs,
		};
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function sequence(n: number, fn: () => Promise<number>): Promise<number[]> {
	const xs: number[] = [];
	for (let i = 0; i < n; i++) { xs.push(await fn()); }
	return xs;
}

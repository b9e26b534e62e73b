/**
 * A child process for the download row: one `downloadToFile` through the real HttpClient, in a
 * process of its own so its memory is measured alone. A 64 KB download first warms the HTTP stack
 * up (undici compiles its HTTP parser on first use), then a full GC (the child runs with
 * --expose-gc), then RSS is read, sampled every 50 ms during the download, and compared with the
 * kernel's peak for the process (ru_maxrss) at the end.
 * With `bare` as third argument it uses undici's `request` piped into a file instead (a reference
 * for what the HTTP stack itself manages).
 *   fork('downloadChild.js', [url, dest, 'product' | 'bare'], { execArgv: ['--expose-gc'] }) → sends DownloadRun.
 */
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';
import { downloadToFile } from '../../src/api/download';
import { HttpClient } from '../../src/api/http';

export interface DownloadRun {
	bytes: number;
	ms: number;
	rssBefore: number;
	/** Highest RSS sampled every 50 ms, and the kernel's peak for the process (bytes). */
	rssPeakSampled: number;
	rssPeakKernel: number;
	error?: string;
}

/** undici's `request` piped straight into a file: what the stack itself does, for comparison. */
async function bare(url: string, dest: string): Promise<number> {
	const res = await request(url, { dispatcher });
	await pipeline(res.body, createWriteStream(dest));
	return (await stat(dest)).size;
}

const dispatcher = new Agent();

async function main(): Promise<void> {
	const [url, dest, mode] = process.argv.slice(2);
	const http = new HttpClient({ userAgent: 'bench' });
	const download = mode === 'bare'
		? (u: string, d: string) => bare(u, d)
		: async (u: string, d: string) => (await downloadToFile(http, u, d, { maxBytes: 2 ** 31 })).bytes;
	await download(`${url}?bytes=65536`, `${dest}.warm-up`);
	await unlink(`${dest}.warm-up`);
	(globalThis as { gc?: () => void }).gc?.();
	const rssBefore = process.memoryUsage.rss();
	let peak = rssBefore;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 50);
	const t0 = performance.now();
	try {
		const bytes = await download(url, dest);
		const ms = performance.now() - t0;
		peak = Math.max(peak, process.memoryUsage.rss());
		process.send?.({ bytes, ms, rssBefore, rssPeakSampled: peak, rssPeakKernel: process.resourceUsage().maxRSS * 1024 } satisfies DownloadRun);
	} catch (err) {
		process.send?.({ bytes: 0, ms: NaN, rssBefore, rssPeakSampled: peak, rssPeakKernel: NaN, error: String(err) } satisfies DownloadRun);
	} finally {
		clearInterval(sampler);
		await http.close();
		await dispatcher.close();
	}
}

void main();

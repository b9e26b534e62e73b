import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Services } from '../../src/services';
import { startFakeEvolink, type FakeServer } from '../fakes';

/**
 * Requests per task and detection delay against the fake EvoLink, in real time: one task of
 * each duration runs through the real engine (scheduler, client, store, downloader). The
 * fake reports `estimated_time` equal to the real duration, as a well-calibrated provider
 * would. Detection delay = when the store saw `completed` − when the fake finished the task.
 *   node out/test/bench/polling.js [seconds…]   (default: 5 60 180)
 */
interface Row { seconds: number; requests: number; delayMs: number }

async function measure(seconds: number): Promise<Row> {
	const fake: FakeServer = await startFakeEvolink({ taskDurationMs: seconds * 1000 });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-poll-'));
	const services = await Services.create({
		storageDir: dir,
		getApiKey: async () => fake.apiKey,
		settings: () => ({ evolinkBaseUrl: fake.baseUrl, evolinkFilesBaseUrl: fake.baseUrl, soundsBaseUrl: fake.baseUrl, maxDownloadMb: 50 }),
		log: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
		userAgent: 'bench',
	});
	try {
		const created = Date.now();
		const task = await services.engine.submit('doubao-seed-audio-1-0', { prompt: `bench ${seconds}`, format: 'mp3' });
		const finishedAt = created + seconds * 1000;
		const seenAt = await new Promise<number>((resolve) => {
			const sub = services.store.onDidChange((e) => {
				if (e.task.id === task.id && e.task.status === 'completed') { sub.dispose(); resolve(Date.now()); }
			});
		});
		return { seconds, requests: fake.count(`GET /v1/tasks/${task.id}`), delayMs: seenAt - finishedAt };
	} finally {
		await services.dispose();
		await fake.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const durations = process.argv.slice(2).map(Number).filter((n) => n > 0);
	const rows = await Promise.all((durations.length ? durations : [5, 60, 180]).map(measure));
	console.log('task length | GET /v1/tasks/{id} | detection delay');
	for (const r of rows) { console.log(`${String(r.seconds).padStart(8)} s | ${String(r.requests).padStart(18)} | ${(r.delayMs / 1000).toFixed(1)} s`); }
}

void main();

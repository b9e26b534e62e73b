/**
 * 200 tasks in flight: the real engine (Services: scheduler, HttpClient, store, downloader) in
 * this process, the fake EvoLink in a child (fakeHost.ts) that answers after 150 ms and counts
 * the requests it serves at once. All 200 are submitted together, polled until done and
 * downloaded. Figures: the most polls the fake served at once against the scheduler's cap, and
 * this event loop's longest stall over the whole run, next to the same measurement over an
 * idle loop as long (at most a minute).
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Services } from '../../src/services';
import { isFinal } from '../../src/shared/domain';
import { nullLog } from '../../src/util/log';
import type { FakeStats } from './fakeHost';
import { eventLoopMaxDuring, idleEventLoopMax } from './results';

/** The scheduler's default cap on polls in flight (TaskEngine's maxConcurrentPolls, not set by Services). */
export const POLL_CAP = 4;

export interface ManyTasksResult {
	tasks: number;
	latencyMs: number;
	wallMs: number;
	submitMs: number;
	stats: FakeStats;
	eventLoopMaxMs: number;
	eventLoopP99Ms: number;
	idleMaxMs: number;
	idleP99Ms: number;
	failed: number;
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
	return new Promise((resolve) => {
		child.once('message', (m) => resolve(m as T));
		child.send(message);
	});
}

export async function benchManyTasks(count = 200, taskDurationMs = 20_000, latencyMs = 150): Promise<ManyTasksResult> {
	const child = fork(path.join(__dirname, 'fakeHost.js'), [String(taskDurationMs), String(latencyMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-many-'));
	try {
		const fake = await new Promise<{ baseUrl: string; apiKey: string }>((resolve, reject) => {
			child.once('message', (m) => resolve(m as { baseUrl: string; apiKey: string }));
			child.once('exit', (code) => reject(new Error(`the fake's process exited with ${code}`)));
		});
		const services = await Services.create({
			storageDir: dir,
			getApiKey: async () => fake.apiKey,
			settings: () => ({ evolinkBaseUrl: fake.baseUrl, evolinkFilesBaseUrl: fake.baseUrl, soundsBaseUrl: fake.baseUrl, maxDownloadMb: 50 }),
			log: nullLog,
			userAgent: 'bench',
		});
		try {
			const t0 = Date.now();
			let submitMs = 0;
			const { maxMs, p99Ms } = await eventLoopMaxDuring(async () => {
				// From the events' own copies: listing the store on every event would cost more than the engine.
				const finished = new Set<string>();
				const done = new Promise<void>((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error(`only ${finished.size} of ${count} tasks were done and downloaded within 5 minutes`)), 5 * 60_000);
					const sub = services.store.onDidChange(({ task: t }) => {
						if (isFinal(t.status) && (t.status !== 'completed' || (t.results.length > 0 && t.results.every((r) => r.localPath || r.downloadError)))) {
							finished.add(t.id);
						}
						if (finished.size === count) {
							clearTimeout(timer);
							sub.dispose();
							resolve();
						}
					});
				});
				await Promise.all(
					Array.from(
						{ length: count },
						(_, i) => services.engine.submit('doubao-seed-audio-1-0', { prompt: `Task ${i} of the crowd: the keeper climbs the stairs.`, format: 'wav' }),
					),
				);
				submitMs = Date.now() - t0;
				await done;
				await services.engine.idle();
			});
			const wallMs = Date.now() - t0;
			const failed = services.store.list().filter((t) => t.status !== 'completed' || t.results.some((r) => r.downloadError)).length;
			const stats = await ask<FakeStats>(child, 'stats');
			// The baseline: this process's loop, idle, as long (at most a minute).
			const idle = await idleEventLoopMax(Math.min(wallMs, 60_000));
			return { tasks: count, latencyMs, wallMs, submitMs, stats, eventLoopMaxMs: maxMs, eventLoopP99Ms: p99Ms, idleMaxMs: idle.maxMs, idleP99Ms: idle.p99Ms, failed };
		} finally {
			await services.dispose();
		}
	} finally {
		child.send('close');
		await new Promise((r) => {
			child.once('exit', r);
			setTimeout(r, 3000).unref();
		});
		child.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

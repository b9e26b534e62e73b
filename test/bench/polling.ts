import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EvolinkClient } from '../../src/api/evolink/client';
import { HttpClient } from '../../src/api/http';
import type { ProviderClient } from '../../src/api/provider';
import { SoundsClient } from '../../src/api/sounds/client';
import { getModel } from '../../src/catalog';
import { isFinal } from '../../src/shared/domain';
import { Services } from '../../src/services';
import { nullLog } from '../../src/util/log';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../fakes';

/**
 * Completion detection against the fakes, in real time. Each scenario is one task run three ways,
 * side by side, each against its own fake (so the fake's request count is that task's):
 * - the product: the real engine (scheduler, client, store, downloader) through `Services`;
 * - fixed 1 s and fixed 5 s polling: the same client's `getTask` on a plain timer (see `fixed`).
 * Scenarios: Seed-Audio speech tasks of 5, 60 and 180 s, for which the fake reports
 * `estimated_time` equal to the real duration (a well-calibrated provider), and a Suno Sounds
 * task of 60 s, for which the provider gives no estimate (and the store holds no history).
 * Detection delay = when the poller saw the final state − when the fake finished the task
 * (its POST receipt + the duration).
 *   node out/test/bench/polling.js [seconds…]   (speech durations; default 5 60 180)
 */
export interface PollingScenario {
	id: string;
	seconds: number;
	estimate: boolean;
	/** The product's GETs of the task and detection delay (ms). */
	adaptive: { gets: number; delayMs: number };
	fixed1s: { gets: number; delayMs: number };
	fixed5s: { gets: number; delayMs: number };
}

const SPEECH = 'doubao-seed-audio-1-0';
const SOUNDS = 'suno-sounds';

interface Plan {
	id: string;
	seconds: number;
	model: typeof SPEECH | typeof SOUNDS;
}

async function startFake(plan: Plan): Promise<{ fake: FakeServer; route: string }> {
	return plan.model === SPEECH
		? { fake: await startFakeEvolink({ taskDurationMs: plan.seconds * 1000 }), route: 'GET /v1/tasks/*' }
		: { fake: await startFakeSounds({ taskDurationMs: plan.seconds * 1000 }), route: 'GET /api/v1/generate/record-info' };
}

function options(plan: Plan, tag: string): Record<string, unknown> {
	return plan.model === SPEECH ? { prompt: `bench ${plan.id} ${tag}`, format: 'wav' } : { prompt: `bench ${plan.id} ${tag}`, soundLoop: false };
}

/** When the fake finished the task: its creation POST's receipt plus the duration. */
function finishedAt(fake: FakeServer, seconds: number): number {
	const post = fake.received.find((r) => r.method === 'POST');
	if (!post) { throw new Error('the fake saw no POST'); }
	return post.at + seconds * 1000;
}

/** The product: submit through the engine, wait for the store to say completed. */
async function adaptive(plan: Plan): Promise<{ gets: number; delayMs: number }> {
	const { fake, route } = await startFake(plan);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-poll-'));
	const services = await Services.create({
		storageDir: dir,
		getApiKey: async () => fake.apiKey,
		settings: () => ({ evolinkBaseUrl: fake.baseUrl, evolinkFilesBaseUrl: fake.baseUrl, soundsBaseUrl: fake.baseUrl, maxDownloadMb: 50 }),
		log: nullLog,
		userAgent: 'bench',
	});
	try {
		// Listening before submitting: a 5 s task must not finish before anyone listens.
		const finals = new Map<string, number>();
		let wake = (): void => undefined;
		const sub = services.store.onDidChange((e) => {
			if (isFinal(e.task.status) && !finals.has(e.task.id)) {
				finals.set(e.task.id, Date.now());
				wake();
			}
		});
		const id = (await services.engine.submit(plan.model, options(plan, 'adaptive'))).id;
		const seenAt = finals.get(id) ?? await new Promise<number>((resolve) => {
			wake = () => {
				const at = finals.get(id);
				if (at !== undefined) { resolve(at); }
			};
		});
		sub.dispose();
		return { gets: fake.count(route), delayMs: seenAt - finishedAt(fake, plan.seconds) };
	} finally {
		await services.dispose();
		await fake.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * The baseline: the same client, `getTask` every `intervalMs` until final. The grid starts half
 * an interval after creation: a poller's phase against the task's end is arbitrary, and with
 * task lengths that are whole multiples of the interval a grid from creation would hit the end
 * exactly; offset by half, the delay is the average any fixed poller gets (interval / 2).
 */
async function fixed(plan: Plan, intervalMs: number): Promise<{ gets: number; delayMs: number }> {
	const { fake, route } = await startFake(plan);
	const http = new HttpClient({ userAgent: 'bench' });
	const getApiKey = async () => fake.apiKey;
	const client: ProviderClient = plan.model === SPEECH
		? new EvolinkClient({ baseUrl: fake.baseUrl, filesBaseUrl: fake.baseUrl, getApiKey, http, log: nullLog })
		: new SoundsClient({ baseUrl: fake.baseUrl, getApiKey, http, log: nullLog });
	try {
		const spec = getModel(plan.model)!;
		const opts = options(plan, `fixed ${intervalMs}`);
		const created = await client.createTask(spec.apiModel(opts), spec.toRequest(opts));
		const start = Date.now();
		for (let n = 1;; n++) {
			// On a grid from creation, whatever each request took.
			await new Promise((r) => setTimeout(r, Math.max(0, start + (n - 0.5) * intervalMs - Date.now())));
			const state = await client.getTask(created.id);
			if (isFinal(state.status)) {
				return { gets: fake.count(route), delayMs: Date.now() - finishedAt(fake, plan.seconds) };
			}
		}
	} finally {
		await http.close();
		await fake.close();
	}
}

/** Every scenario, all at once (the longest sets the wall time: about 3.5 minutes). */
export async function benchPolling(speechSeconds = [5, 60, 180], soundsSeconds = 60): Promise<PollingScenario[]> {
	const plans: Plan[] = [
		...speechSeconds.map((s): Plan => ({ id: `${s}s`, seconds: s, model: SPEECH })),
		{ id: 'no-estimate', seconds: soundsSeconds, model: SOUNDS },
	];
	return Promise.all(plans.map(async (plan) => {
		const [a, f1, f5] = await Promise.all([adaptive(plan), fixed(plan, 1000), fixed(plan, 5000)]);
		return { id: plan.id, seconds: plan.seconds, estimate: plan.model === SPEECH, adaptive: a, fixed1s: f1, fixed5s: f5 };
	}));
}

async function main(): Promise<void> {
	const durations = process.argv.slice(2).map(Number).filter((n) => n > 0);
	const rows = await benchPolling(durations.length ? durations : undefined);
	console.log('task             | product: GETs, delay | fixed 1 s: GETs, delay | fixed 5 s: GETs, delay');
	const cell = (x: { gets: number; delayMs: number }) => `${String(x.gets).padStart(4)}, ${(x.delayMs / 1000).toFixed(1).padStart(5)} s`;
	for (const r of rows) {
		console.log(`${`${r.seconds} s${r.estimate ? '' : ' (no estimate)'}`.padEnd(16)} | ${cell(r.adaptive).padEnd(20)} | ${cell(r.fixed1s).padEnd(22)} | ${cell(r.fixed5s)}`);
	}
}

if (require.main === module) {
	void main();
}

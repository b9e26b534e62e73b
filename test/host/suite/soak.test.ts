import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FaultSpec } from '../../fakes';
// mulberry32: the same faults for the same seed, so a failure can be replayed.
import { rng } from '../../fakes/media/pcm';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { setUpProviders, type Providers } from '../fixture';

/**
 * The soak: many tasks across both providers while faults are injected at random, in the real
 * extension host. Zero tasks lost, zero duplicate submissions, every result downloaded or its
 * failure reported, memory flat after the first minute. `npm test` runs a short version
 * (EVOLINK_SOAK_TASKS unset: 24 tasks); `npm run soak` runs 300 and prints the figures.
 */
const TASKS = Number(process.env.EVOLINK_SOAK_TASKS ?? 24);
const FULL = TASKS >= 100;
/** A new task every this many ms (the full run spreads 300 over about five minutes). */
const PACE_MS = FULL ? 1000 : 400;
const SEED = Number(process.env.EVOLINK_SOAK_SEED ?? 20261206);

/** The faults a soak draws from: transient ones the product must ride out or report, never ones that leave a POST's outcome unknown. */
function randomFault(r: () => number): { server: 'evolink' | 'sounds'; fault: FaultSpec } {
	const server = r() < 0.5 ? 'evolink' : 'sounds';
	const poll = server === 'evolink' ? 'GET /v1/tasks/*' : 'GET /api/v1/generate/record-info';
	const create = server === 'evolink' ? 'POST /v1/audios/generations' : 'POST /api/v1/generate/sounds';
	const pickOne = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
	const kind = pickOne(['poll500', 'poll502', 'poll503', 'pollMalformed', 'pollReset', 'pollDelay', 'media500', 'mediaTruncate', 'mediaReset', 'create503', 'create429']);
	const fault: FaultSpec = {
		poll500: { route: poll, kind: 'status', status: 500, times: 1 },
		poll502: { route: poll, kind: 'status', status: 502, times: 1 },
		poll503: { route: poll, kind: 'status', status: 503, retryAfter: 1, times: 1 },
		pollMalformed: { route: poll, kind: 'malformedJson', times: 1 },
		pollReset: { route: poll, kind: 'reset', times: 1 },
		pollDelay: { route: poll, kind: 'delay', ms: 1500, times: 2 },
		media500: { route: 'GET /media/*', kind: 'status', status: 500, times: 1 },
		mediaTruncate: { route: 'GET /media/*', kind: 'truncate', times: 1 },
		mediaReset: { route: 'GET /media/*', kind: 'reset', times: 1 },
		create503: { route: create, kind: 'status', status: 503, times: 1 },
		create429: { route: create, kind: 'status', status: 429, times: 1 },
	}[kind] as FaultSpec;
	return { server, fault };
}

/** Done: completed with every result downloaded or its download failure recorded, or failed with a reason. */
const settled = (t: TaskSnapshot | undefined) =>
	!!t && ((t.status === 'completed' && t.results.length > 0 && t.results.every((r) => r.localPath || r.downloadError)) || (t.status === 'failed' && !!t.error?.message));

describe(`soak: ${TASKS} tasks across both providers with random faults`, function() {
	this.timeout((FULL ? 12 : 3) * 60_000);
	let p: Providers;
	before(async () => {
		p = await setUpProviders(1500);
	});
	after(async () => {
		p.evolink.clearFaults();
		p.sounds.clearFaults();
		await p?.evolink.close();
		await p?.sounds.close();
	});

	it('loses no task, submits nothing twice, downloads every result or reports why, and keeps memory flat', async () => {
		const r = rng(SEED);
		const started = Date.now();
		const memory: { t: number; heapMb: number; rssMb: number }[] = [];
		const sample = () => {
			const m = process.memoryUsage();
			memory.push({ t: (Date.now() - started) / 1000, heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 });
		};
		const sampler = setInterval(sample, 2000);
		const faults: string[] = [];
		const accepted = new Map<string, string>();
		const refused = new Map<string, string>();
		const submissions: Promise<void>[] = [];
		try {
			for (let i = 0; i < TASKS; i++) {
				if (r() < 0.35) {
					const { server, fault } = randomFault(r);
					p[server].inject(fault);
					faults.push(`${server}:${fault.route}:${fault.kind}${fault.status ?? ''}`);
				}
				const prompt = `soak ${SEED} #${i} ${i % 2 === 0 ? 'a lighthouse keeper hums' : 'gravel footsteps'}`;
				const command = i % 2 === 0 ? 'evolink.speakSelection' : 'evolink.generateSound';
				const options = i % 2 === 0 ? { prompt } : { prompt, soundLoop: i % 4 === 1 };
				submissions.push(
					Promise.resolve(vscode.commands.executeCommand<string>(command, options)).then(
						(id) => {
							accepted.set(prompt, id);
						},
						(err: unknown) => {
							refused.set(prompt, err instanceof Error ? err.message : String(err));
						},
					),
				);
				await new Promise((res) => setTimeout(res, PACE_MS));
			}
			await Promise.all(submissions);
			const deadline = Date.now() + (FULL ? 5 : 2) * 60_000;
			let open = [...accepted.values()];
			while (open.length > 0 && Date.now() < deadline) {
				const tasks = await Promise.all(open.map((id) => p.api.getTask(id)));
				open = open.filter((_, k) => !settled(tasks[k]));
				if (open.length > 0) { await new Promise((res) => setTimeout(res, 1000)); }
			}
			sample();
			const tasks = await Promise.all([...accepted.values()].map((id) => p.api.getTask(id)));
			const lost = [...accepted.values()].filter((_, k) => tasks[k] === undefined);
			const unsettled = tasks.filter((t) => t && !settled(t)).map((t) => `${t!.id}:${t!.status}`);
			// Every POST the fakes received, by prompt: each prompt at most once (the extension never re-sends a POST).
			const posts = [...p.evolink.received, ...p.sounds.received].filter((x) =>
				x.method === 'POST' && typeof (x.body as { prompt?: unknown })?.prompt === 'string' && String((x.body as { prompt: string }).prompt).startsWith(`soak ${SEED} #`)
			);
			const perPrompt = new Map<string, number>();
			for (const x of posts) {
				const k = (x.body as { prompt: string }).prompt;
				perPrompt.set(k, (perPrompt.get(k) ?? 0) + 1);
			}
			const duplicates = [...perPrompt].filter(([, n]) => n > 1).map(([k]) => k);
			const results = tasks.flatMap((t) => t?.results ?? []);
			const downloaded = results.filter((x) => x.localPath).length;
			const reported = results.filter((x) => !x.localPath && x.downloadError).length;
			const failedTasks = tasks.filter((t) => t?.status === 'failed').length;
			const firstMinute = memory.filter((m) => m.t >= 50 && m.t <= 70);
			const tail = memory.slice(-Math.max(3, Math.floor(memory.length / 5)));
			const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
			const heapAtMinute = median(firstMinute.map((m) => m.heapMb));
			const heapAtEnd = median(tail.map((m) => m.heapMb));
			const figures = {
				tasks: TASKS,
				seconds: Math.round((Date.now() - started) / 1000),
				faultsInjected: faults.length,
				accepted: accepted.size,
				refusedWithReason: refused.size,
				lost: lost.length,
				duplicates: duplicates.length,
				unsettled: unsettled.length,
				results: results.length,
				downloaded,
				downloadFailuresReported: reported,
				failedTasks,
				heapMbAtOneMinute: Number(heapAtMinute.toFixed(1)),
				heapMbAtEnd: Number(heapAtEnd.toFixed(1)),
				rssMbAtEnd: Number((memory.at(-1)?.rssMb ?? 0).toFixed(1)),
			};
			// console.error: the launcher forwards the host's errors, so the figures show in the test output.
			console.error(`[soak] ${JSON.stringify(figures)}`);
			const out = process.env.EVOLINK_SOAK_OUT;
			if (out) {
				fs.mkdirSync(path.dirname(out), { recursive: true });
				fs.writeFileSync(out, JSON.stringify({ ...figures, memory, faults, refused: [...refused.values()].slice(0, 20) }, null, 2));
			}
			assert.deepEqual(lost, [], 'no accepted task lost');
			assert.deepEqual(duplicates, [], 'no prompt submitted twice');
			assert.deepEqual(unsettled, [], 'every task finished: downloaded, or its failure reported');
			assert.equal(accepted.size + refused.size, TASKS);
			for (const message of refused.values()) { assert.ok(message.length > 10, `a refusal says why: ${message}`); }
			assert.ok(accepted.size >= TASKS * 0.6, `most tasks were accepted (${accepted.size} of ${TASKS})`);
			if (FULL) { assert.ok(heapAtEnd - heapAtMinute < 32, `heap flat after the first minute (${heapAtMinute.toFixed(1)} → ${heapAtEnd.toFixed(1)} MB)`); }
		} finally {
			clearInterval(sampler);
			p.evolink.clearFaults();
			p.sounds.clearFaults();
		}
	});
});

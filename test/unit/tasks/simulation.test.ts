/**
 * Runs the real scheduler against a simulated provider on a fake clock and reports, per
 * kind of task, how many requests it costs and how late completion is noticed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PollScheduler } from '../../../src/tasks/scheduler';
import type { RemoteTaskState } from '../../../src/shared/domain';
import { FakeClock } from './fakeClock';
import { FakeProvider } from './fakeProvider';
import { makeTask, RecordingLog, remoteState, seededRandom } from './helpers';

const T0 = 1_000_000;
const LATENCY_MS = 300;
const SEEDS = 50;

interface Scenario {
	durationSec: number;
	etaSec?: number;
	/** `linear`: progress moves 0→99 over the duration; `none`: stays 0 until done (Suno Sounds). */
	progress: 'linear' | 'none';
}

interface Outcome {
	requests: number;
	delaySec: number;
}

async function simulate(s: Scenario, seed: number): Promise<Outcome> {
	const clock = new FakeClock(T0);
	const doneAt = T0 + s.durationSec * 1000;
	const answer = (id: string, now: number): RemoteTaskState => {
		if (now >= doneAt) {
			return remoteState(id, 'completed', 100);
		}
		const p = s.progress === 'linear' ? Math.min(99, Math.floor((100 * (now - T0)) / (s.durationSec * 1000))) : 0;
		return remoteState(id, now - T0 < 1_000 ? 'pending' : 'processing', p);
	};
	const provider = new FakeProvider(clock, (task, now) => answer(task.id, now), LATENCY_MS);
	let seenAt: number | undefined;
	const scheduler = new PollScheduler({
		clock,
		random: seededRandom(seed),
		poll: provider.poll,
		onResult: (_task, state) => {
			if (state.status === 'completed') {
				seenAt = clock.now();
			}
		},
		onError: () => undefined,
		log: new RecordingLog(),
	});
	scheduler.track(makeTask({ id: 'sim', createdAt: T0, estimatedTimeSec: s.etaSec }));
	await clock.advance(s.durationSec * 1000 + 300_000);
	scheduler.dispose();
	assert.ok(seenAt !== undefined, 'completion was seen');
	return { requests: provider.calls.length, delaySec: (seenAt - doneAt) / 1000 };
}

interface Row extends Scenario {
	reqMean: number;
	reqMax: number;
	delayMean: number;
	delayMax: number;
}

async function measure(s: Scenario): Promise<Row> {
	const outcomes: Outcome[] = [];
	for (let seed = 1; seed <= SEEDS; seed++) {
		outcomes.push(await simulate(s, seed));
	}
	const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
	return {
		...s,
		reqMean: mean(outcomes.map((o) => o.requests)),
		reqMax: Math.max(...outcomes.map((o) => o.requests)),
		delayMean: mean(outcomes.map((o) => o.delaySec)),
		delayMax: Math.max(...outcomes.map((o) => o.delaySec)),
	};
}

function printTable(rows: Row[]): void {
	const header = '| task takes | estimated_time | progress | requests mean (max) | detection delay mean / max |';
	const lines = [
		header,
		'|---|---|---|---|---|',
		...rows.map((r) =>
			`| ${r.durationSec} s | ${r.etaSec === undefined ? 'none' : `${r.etaSec} s`} | ${r.progress} | ` +
			`${r.reqMean.toFixed(1)} (${r.reqMax}) | ${r.delayMean.toFixed(1)} s / ${r.delayMax.toFixed(1)} s |`
		),
	];
	console.log(`\nPoll simulation (${SEEDS} seeds each, ${LATENCY_MS} ms latency):\n${lines.join('\n')}\n`);
}

describe('poll simulation', () => {
	it('costs few requests and notices completion promptly', async () => {
		const scenarios: Scenario[] = [
			{ durationSec: 5, etaSec: 5, progress: 'none' },
			{ durationSec: 5, etaSec: 5, progress: 'linear' },
			{ durationSec: 60, etaSec: 60, progress: 'none' },
			{ durationSec: 60, etaSec: 60, progress: 'linear' },
			{ durationSec: 180, etaSec: 180, progress: 'none' },
			{ durationSec: 180, etaSec: 180, progress: 'linear' },
			// Estimates that are wrong, and no estimate at all (Suno Sounds gives none).
			{ durationSec: 60, etaSec: 30, progress: 'none' },
			{ durationSec: 60, etaSec: 120, progress: 'none' },
			{ durationSec: 180, etaSec: 90, progress: 'none' },
			{ durationSec: 180, etaSec: 90, progress: 'linear' },
			{ durationSec: 60, progress: 'none' },
			{ durationSec: 180, progress: 'none' },
			{ durationSec: 180, progress: 'linear' },
		];
		const rows: Row[] = [];
		for (const s of scenarios) {
			rows.push(await measure(s));
		}
		printTable(rows);
		const row = (d: number, eta: number | undefined, p: Scenario['progress']) => rows.find((r) => r.durationSec === d && r.etaSec === eta && r.progress === p)!;

		// Accurate estimates: seen within max(1 s, 5 %) of the end (plus the simulated latency),
		// with fewer requests than polling every 5 s would cost.
		for (const p of ['none', 'linear'] as const) {
			for (const d of [5, 60, 180]) {
				const r = row(d, d, p);
				assert.ok(r.delayMax <= Math.max(1, 0.05 * d) + LATENCY_MS / 1000, `${d} s task (${p}) seen ${r.delayMax} s late`);
				assert.ok(r.reqMax <= Math.max(3, Math.ceil(d / 5)), `${d} s task (${p}): ${r.reqMax} requests, 5 s polling needs ${Math.ceil(d / 5)}`);
			}
		}
		// No estimate at all (Suno Sounds): bounded by the 10 s cap (+20 % jitter, + latency).
		for (const d of [60, 180]) {
			assert.ok(row(d, undefined, 'none').delayMax <= 12.5, `${d} s without an estimate seen ${row(d, undefined, 'none').delayMax} s late`);
		}
		// Wrong estimates: still bounded by the 30 s cap (+20 % jitter, + latency).
		for (const r of rows) {
			assert.ok(r.delayMax <= 37, `${r.durationSec} s / eta ${r.etaSec}: ${r.delayMax} s late`);
			assert.ok(r.reqMax <= 25, `${r.durationSec} s / eta ${r.etaSec}: ${r.reqMax} requests`);
		}
		// Progress makes an overrun visible: linear progress beats a flat one when the estimate is short.
		assert.ok(row(180, 90, 'linear').delayMean < row(180, 90, 'none').delayMean);
	});
});

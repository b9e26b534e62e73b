import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PollScheduler } from '../../../src/tasks/scheduler';
import { FakeClock } from './fakeClock';
import { constRandom, makeTask, RecordingLog, remoteState, seededRandom } from './helpers';
import { always, disposeRigs, rig, T0 } from './schedulerRig';

afterEach(disposeRigs);

describe('PollScheduler: lifecycle', () => {
	for (const final of ['completed', 'failed', 'cancelled'] as const) {
		it(`stops polling once the task is ${final}`, async () => {
			const { clock, provider, scheduler, results } = rig((task, _now, call) => remoteState(task.id, call < 3 ? 'processing' : final, 50));
			scheduler.track(makeTask({ id: 'a', createdAt: T0 - 3_600_000 }));
			await clock.advance(600_000);
			assert.equal(provider.calls.length, 3);
			assert.equal(results.at(-1)!.state.status, final);
			assert.equal(scheduler.isTracked('a'), false);
			assert.equal(clock.pendingTimers, 0);
		});
	}

	it('does not track a task that is already final', async () => {
		const { clock, provider, scheduler } = rig(always('processing'));
		scheduler.track(makeTask({ id: 'a', status: 'completed' }));
		await clock.advance(60_000);
		assert.equal(provider.calls.length, 0);
		assert.equal(scheduler.size, 0);
	});

	it('never runs two polls of one task, however often track() and pollNow() are called', async () => {
		const { clock, provider, scheduler } = rig(always('processing', 10), { latencyMs: 3_000 });
		const task = makeTask({ id: 'a', createdAt: T0 - 3_600_000 });
		for (let i = 0; i < 200; i++) {
			scheduler.track(task);
			scheduler.pollNow('a');
			scheduler.track(task);
			await clock.advance(250);
		}
		assert.equal(provider.maxInFlightPerTask, 1);
		assert.equal(scheduler.size, 1);
		// 50 s of refresh clicks: each poll takes 3 s, so at most one poll per 3 s can happen.
		assert.ok(provider.calls.length <= Math.ceil(50_000 / 3_000), `${provider.calls.length} polls`);
		assert.ok(provider.calls.length >= 10, 'refresh did move polls earlier');
	});

	it('keeps at most maxConcurrent polls in flight with 20 tasks, serving them fairly', async () => {
		const { clock, provider, scheduler } = rig(always('processing', 10), { latencyMs: 1_000, random: seededRandom(9) });
		for (let i = 0; i < 20; i++) {
			scheduler.track(makeTask({ id: `t${i}`, createdAt: T0 - 3_600_000 }));
		}
		await clock.advance(120_000);
		assert.equal(provider.maxInFlight, 4);
		const firstRound = provider.calls.slice(0, 20).map((c) => c.id);
		assert.equal(new Set(firstRound).size, 20, 'every task is polled once before any is polled twice');
		for (let i = 0; i < 20; i++) {
			assert.ok(provider.timesOf(`t${i}`).length >= 3, `t${i} polled ${provider.timesOf(`t${i}`).length} times`);
		}
	});

	it('dispose aborts polls in flight and leaves no timers', async () => {
		const { clock, provider, scheduler, results } = rig(always('completed', 100), { latencyMs: 10_000 });
		for (let i = 0; i < 6; i++) {
			scheduler.track(makeTask({ id: `t${i}`, createdAt: T0 - 3_600_000 }));
		}
		await clock.advance(100);
		assert.equal(provider.inFlight, 4);
		scheduler.dispose();
		await clock.advance(0);
		assert.deepEqual(provider.aborted.sort(), ['t0', 't1', 't2', 't3']);
		assert.equal(provider.inFlight, 0);
		assert.equal(clock.pendingTimers, 0);
		await clock.advance(60_000);
		assert.equal(provider.calls.length, 4);
		assert.equal(results.length, 0);
		scheduler.track(makeTask({ id: 'late' }));
		assert.equal(clock.pendingTimers, 0, 'track after dispose is ignored');
	});

	it('untrack aborts the poll in flight and stops polling that task', async () => {
		const { clock, provider, scheduler, results } = rig(always('processing'), { latencyMs: 5_000 });
		scheduler.track(makeTask({ id: 'a', createdAt: T0 - 3_600_000 }));
		await clock.advance(100);
		scheduler.untrack('a');
		await clock.advance(120_000);
		assert.deepEqual(provider.aborted, ['a']);
		assert.equal(provider.calls.length, 1);
		assert.equal(results.length, 0);
		assert.equal(clock.pendingTimers, 0);
	});

	it('a re-tracked task waits for its aborted poll to settle before polling again', async () => {
		let release: (() => void) | undefined;
		let calls = 0;
		let concurrent = 0;
		let maxConcurrent = 0;
		const clock = new FakeClock(T0);
		const scheduler = new PollScheduler({
			clock,
			random: constRandom(0.5),
			// A poll that ignores its abort signal until released: the worst case.
			poll: (task) => {
				calls++;
				maxConcurrent = Math.max(maxConcurrent, ++concurrent);
				return new Promise((resolve) => {
					release = () => {
						concurrent--;
						resolve(remoteState(task.id, 'processing'));
					};
				});
			},
			onResult: () => undefined,
			onError: () => undefined,
			log: new RecordingLog(),
		});
		const task = makeTask({ id: 'a', createdAt: T0 - 3_600_000 });
		scheduler.track(task);
		await clock.advance(0);
		scheduler.untrack('a');
		scheduler.track(task);
		await clock.advance(5_000);
		assert.equal(calls, 1, 'the new poller waits');
		release!();
		await clock.advance(0);
		assert.equal(calls, 2);
		assert.equal(maxConcurrent, 1);
		scheduler.dispose();
	});

	it('reports a task as stale after 30 min without change and stops polling it', async () => {
		const stale: string[] = [];
		const { clock, provider, scheduler } = rig(always('processing', 40), { onStale: (t) => stale.push(t.id) });
		scheduler.track(makeTask({ id: 'a', createdAt: T0, status: 'processing', rawStatus: 'processing', progress: 40 }));
		await clock.advance(3 * 3_600_000);
		assert.deepEqual(stale, ['a']);
		assert.equal(scheduler.isTracked('a'), false);
		const last = provider.timesOf('a').at(-1)!;
		assert.ok(last - T0 >= 30 * 60_000 && last - T0 < 31 * 60_000, `last poll at ${(last - T0) / 60_000} min`);
		assert.equal(clock.pendingTimers, 0);
	});

	it('exposes when the next poll is due', async () => {
		const { clock, scheduler } = rig(always('processing'));
		scheduler.track(makeTask({ id: 'a', createdAt: T0, estimatedTimeSec: 10 }));
		assert.equal(scheduler.nextPollAt('a'), T0 + 8_000);
		assert.equal(scheduler.pollNow('a'), true);
		assert.equal(scheduler.nextPollAt('a'), T0);
		assert.equal(scheduler.pollNow('nope'), false);
		await clock.advance(0);
		// ETA 10 s, polled at 0 s: half the remaining time.
		assert.equal(scheduler.nextPollAt('a'), T0 + 5_000);
	});
});

import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TaskStatus } from '../../../src/shared/domain';
import { gaps } from './fakeProvider';
import { constRandom, makeTask, remoteState, seededRandom } from './helpers';
import { always, disposeRigs, rig, T0 } from './schedulerRig';

afterEach(disposeRigs);

describe('PollScheduler: schedule', () => {
	it('polls first at 0.8 × the estimate after creation', async () => {
		const { clock, provider, scheduler } = rig(always('processing'));
		scheduler.track(makeTask({ id: 'a', createdAt: T0, estimatedTimeSec: 30 }));
		await clock.advance(23_999);
		assert.equal(provider.calls.length, 0);
		await clock.advance(1);
		assert.deepEqual(provider.timesOf('a'), [T0 + 24_000]);
	});

	it('polls a task resumed long after creation at once', async () => {
		const { clock, provider, scheduler } = rig(always('processing'));
		scheduler.track(makeTask({ id: 'a', createdAt: T0 - 3_600_000, estimatedTimeSec: 60 }));
		await clock.advance(0);
		assert.deepEqual(provider.timesOf('a'), [T0]);
	});

	it('with nothing to estimate the end, grows intervals ×1.5 and caps them at 10 s', async () => {
		const { clock, provider, scheduler } = rig(always('processing'));
		scheduler.track(makeTask({ id: 'a', createdAt: T0, status: 'processing', rawStatus: 'processing' }));
		await clock.advance(300_000);
		const g = gaps(provider.timesOf('a'));
		assert.deepEqual(g.slice(0, 5), [2_500, 3_750, 5_625, 8_437.5, 10_000]);
		assert.equal(Math.max(...g), 10_000);
		assert.deepEqual(g.slice(-3), [10_000, 10_000, 10_000]);
	});

	it('keeps jittered intervals within ±20 % of the cap and spreads them', async () => {
		const { clock, provider, scheduler } = rig(always('processing'), { random: seededRandom(3) });
		scheduler.track(makeTask({ id: 'a', createdAt: T0, status: 'processing', rawStatus: 'processing' }));
		await clock.advance(3_600_000 * 0.45);
		const atCap = gaps(provider.timesOf('a')).slice(10);
		assert.ok(atCap.length > 20);
		assert.ok(atCap.every((d) => d >= 8_000 && d <= 12_000), `intervals ${atCap.join(', ')}`);
		assert.ok(new Set(atCap.map((d) => Math.round(d))).size > atCap.length / 2, 'intervals are not all the same');
	});

	it('resets to the short interval when the status changes', async () => {
		let status: TaskStatus = 'pending';
		const { clock, provider, scheduler } = rig((task) => remoteState(task.id, status, 0));
		scheduler.track(makeTask({ id: 'a', createdAt: T0 }));
		await clock.advance(120_000);
		assert.equal(gaps(provider.timesOf('a')).at(-1), 10_000);
		status = 'processing';
		const before = provider.calls.length;
		await clock.advanceUntil(() => provider.calls.length > before, 30_000);
		const seenAt = provider.timesOf('a')[before];
		await clock.advance(10_000);
		const after = provider.timesOf('a').filter((t) => t >= seenAt);
		assert.deepEqual(gaps(after).slice(0, 2), [2_500, 3_750]);
	});

	it('polls again soon when progress jumps near completion after a long stall', async () => {
		let progress = 10;
		const { clock, provider, scheduler } = rig((task) => remoteState(task.id, 'processing', progress));
		scheduler.track(makeTask({ id: 'a', createdAt: T0, status: 'processing', rawStatus: 'processing', progress: 10 }));
		await clock.advance(150_000);
		assert.equal(gaps(provider.timesOf('a')).at(-1), 10_000);
		progress = 95;
		const at = provider.calls.length;
		await clock.advance(60_000);
		const after = gaps(provider.timesOf('a').slice(at - 1));
		// The rate since the last change (85 % in ~2.5 min) puts the end ~10 s away, in a task of
		// ~170 s: poll within its tolerance (5 %, ~8.5 s), and on the expected end.
		assert.ok(after[1] > 4_000 && after[1] <= 9_000, `interval after the jump: ${after.join(', ')}`);
		assert.ok(after[2] <= 9_000, `then within the tolerance as the end nears: ${after[2]}`);
	});

	it('uses a per-task policy (a larger cap for video)', async () => {
		const { clock, provider, scheduler } = rig(always('processing'), { policyFor: (t) => (t.model.includes('seedance') ? { capMs: 60_000 } : undefined) });
		scheduler.track(makeTask({ id: 'v', model: 'doubao-seedance-1.0-pro-fast', createdAt: T0, status: 'processing', rawStatus: 'processing', estimatedTimeSec: 900 }));
		await clock.advance(900_000);
		assert.equal(Math.max(...gaps(provider.timesOf('v'))), 60_000);
	});
});

describe('PollScheduler: errors', () => {
	it('backs off exponentially up to 60 s on errors', async () => {
		const { clock, provider, scheduler, errors } = rig(() => new Error('503'), { random: constRandom(1) });
		scheduler.track(makeTask({ id: 'a', createdAt: T0 - 3_600_000 }));
		await clock.advance(400_000);
		assert.deepEqual(gaps(provider.timesOf('a')).slice(0, 7), [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
		assert.equal(errors.length, provider.calls.length);
	});

	it('honours retryAfterMs: no poll before it, not even on refresh', async () => {
		const err = Object.assign(new Error('429'), { retryAfterMs: 45_000 });
		const { clock, provider, scheduler } = rig((task, _now, call) => (call === 1 ? err : remoteState(task.id, 'processing', 5)));
		scheduler.track(makeTask({ id: 'a', createdAt: T0 - 3_600_000 }));
		await clock.advance(0);
		assert.equal(provider.calls.length, 1);
		for (let t = 0; t < 44_000; t += 4_000) {
			scheduler.pollNow('a');
			await clock.advance(4_000);
		}
		assert.equal(provider.calls.length, 1, 'nothing before Retry-After');
		await clock.advance(1_000);
		assert.deepEqual(provider.timesOf('a'), [T0, T0 + 45_000]);
	});

	it('retries when onResult fails so a final state is not lost', async () => {
		let failOnce = true;
		const stored: TaskStatus[] = [];
		const { clock, provider, scheduler } = rig(always('completed', 100), {
			onResult: (_t, s) => {
				if (failOnce) {
					failOnce = false;
					throw new Error('disk full');
				}
				stored.push(s.status);
			},
		});
		scheduler.track(makeTask({ id: 'a', createdAt: T0 - 3_600_000 }));
		await clock.advance(10_000);
		assert.equal(provider.calls.length, 2);
		assert.deepEqual(stored, ['completed']);
		assert.equal(scheduler.isTracked('a'), false);
	});

	it('stops when onError untracks the task', async () => {
		const r = rig(() => new Error('404 task_not_found'), { onError: (t) => r2.scheduler.untrack(t.id) });
		const r2 = r;
		r.scheduler.track(makeTask({ id: 'a', createdAt: T0 - 3_600_000 }));
		await r.clock.advance(600_000);
		assert.equal(r.provider.calls.length, 1);
		assert.equal(r.clock.pendingTimers, 0);
	});
});

/**
 * A scheduler wired to a fake clock and a scripted provider, shared by the scheduler tests.
 */
import { PollScheduler, type PollSchedulerDeps } from '../../../src/tasks/scheduler';
import type { RemoteTaskState, TaskSnapshot, TaskStatus } from '../../../src/shared/domain';
import { FakeClock } from './fakeClock';
import { FakeProvider, type Responder } from './fakeProvider';
import { constRandom, RecordingLog, remoteState } from './helpers';

/** Creation time used by the scheduler tests. */
export const T0 = 1_000_000;

/** Everything a scheduler test looks at. */
export interface Rig {
	clock: FakeClock;
	provider: FakeProvider;
	scheduler: PollScheduler;
	results: { task: TaskSnapshot; state: RemoteTaskState }[];
	errors: unknown[];
	log: RecordingLog;
}

const rigs: Rig[] = [];

/** Builds a rig; random defaults to 0.5 (no jitter) and poll latency to 0. */
export function rig(respond: Responder, opts: Partial<PollSchedulerDeps> & { latencyMs?: number } = {}): Rig {
	const clock = new FakeClock(T0);
	const provider = new FakeProvider(clock, respond, opts.latencyMs ?? 0);
	const results: Rig['results'] = [];
	const errors: unknown[] = [];
	const log = new RecordingLog();
	const scheduler = new PollScheduler({
		clock,
		random: constRandom(0.5),
		poll: provider.poll,
		onResult: (task, state) => {
			results.push({ task, state });
		},
		onError: (_task, err) => {
			errors.push(err);
		},
		log,
		...opts,
	});
	const r = { clock, provider, scheduler, results, errors, log };
	rigs.push(r);
	return r;
}

/** Disposes every rig built so far (call from afterEach). */
export function disposeRigs(): void {
	for (const r of rigs.splice(0)) {
		r.scheduler.dispose();
	}
}

/** A responder that always answers `status` with `progress`. */
export function always(status: TaskStatus, progress = 0): Responder {
	return (task) => remoteState(task.id, status, progress);
}

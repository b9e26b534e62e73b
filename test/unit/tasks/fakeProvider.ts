/**
 * A scripted provider for scheduler tests: answers polls after a latency on the fake clock,
 * honours abort signals, and counts calls and concurrency.
 */
import type { RemoteTaskState, TaskSnapshot } from '../../../src/shared/domain';
import type { FakeClock } from './fakeClock';

/** Decides the answer to one poll: a state, or an Error to reject with. */
export type Responder = (task: TaskSnapshot, now: number, call: number) => RemoteTaskState | Error;

/** Counts and serves polls. */
export class FakeProvider {
	readonly calls: { id: string; at: number }[] = [];
	readonly aborted: string[] = [];
	maxInFlight = 0;
	maxInFlightPerTask = 0;
	private _inFlight = 0;
	private readonly _perTask = new Map<string, number>();

	constructor(private readonly _clock: FakeClock, private readonly _respond: Responder, private readonly _latencyMs = 200) {}

	/** The `poll` dependency of the scheduler. */
	readonly poll = (task: TaskSnapshot, signal: AbortSignal): Promise<RemoteTaskState> => {
		const call = this.calls.filter((c) => c.id === task.id).length + 1;
		this.calls.push({ id: task.id, at: this._clock.now() });
		this._inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this._inFlight);
		const mine = (this._perTask.get(task.id) ?? 0) + 1;
		this._perTask.set(task.id, mine);
		this.maxInFlightPerTask = Math.max(this.maxInFlightPerTask, mine);
		return new Promise<RemoteTaskState>((resolve, reject) => {
			const done = () => {
				this._inFlight--;
				this._perTask.set(task.id, (this._perTask.get(task.id) ?? 1) - 1);
			};
			const timer = this._clock.setTimeout(() => {
				signal.removeEventListener('abort', onAbort);
				done();
				const answer = this._respond(task, this._clock.now(), call);
				if (answer instanceof Error) {
					reject(answer);
				} else {
					resolve(answer);
				}
			}, this._latencyMs);
			const onAbort = () => {
				this._clock.clearTimeout(timer);
				this.aborted.push(task.id);
				done();
				reject(new DOMException('aborted', 'AbortError'));
			};
			signal.addEventListener('abort', onAbort, { once: true });
		});
	};

	/** Times of the polls of `id`. */
	timesOf(id: string): number[] {
		return this.calls.filter((c) => c.id === id).map((c) => c.at);
	}

	/** Polls currently running. */
	get inFlight(): number {
		return this._inFlight;
	}
}

/** Differences between consecutive numbers. */
export function gaps(times: number[]): number[] {
	return times.slice(1).map((t, i) => t - times[i]);
}

/**
 * A minimal typed event emitter that mirrors `vscode.EventEmitter`, so pure modules can
 * publish events and a vscode adapter can forward them with `emitter.event(x => vsEmitter.fire(x))`.
 */
import { Disposable, toDisposable } from './disposable';

/** Subscribes a listener; the returned Disposable unsubscribes it (same shape as `vscode.Event`). */
export type Event<T> = (
	listener: (e: T) => unknown,
	thisArgs?: unknown,
	disposables?: Disposable[],
) => Disposable;

/** An event that never fires, for optional collaborators. */
export const noneEvent: Event<never> = () => toDisposable(() => {/* nothing to undo */});

/** Options for an Emitter. */
export interface EmitterOptions {
	/**
	 * Receives errors thrown by listeners. Without it the first error is rethrown from
	 * `fire()` after every listener has run, so one bad listener cannot starve the rest.
	 */
	onListenerError?: (err: unknown) => void;
}

interface Registration<T> {
	readonly fn: (e: T) => unknown;
	readonly thisArgs: unknown;
}

/** Owns an event: `event` is handed to subscribers, `fire` is kept by the owner. */
export class Emitter<T> implements Disposable {
	private _listeners: Set<Registration<T>> | undefined = new Set();

	constructor(private readonly _options: EmitterOptions = {}) {}

	/** The subscribe function to expose publicly. */
	readonly event: Event<T> = (listener, thisArgs, disposables) => {
		const listeners = this._listeners;
		if (!listeners) {
			return toDisposable(() => {/* emitter already disposed */});
		}
		const reg: Registration<T> = { fn: listener, thisArgs };
		listeners.add(reg);
		const sub = toDisposable(() => listeners.delete(reg));
		disposables?.push(sub);
		return sub;
	};

	/** Calls every current listener with `value`; a no-op after `dispose()`. */
	fire(value: T): void {
		const listeners = this._listeners;
		if (!listeners || listeners.size === 0) {
			return;
		}
		let firstError: unknown;
		let failed = false;
		// Iterate over a copy so listeners may (un)subscribe while we deliver; a listener
		// removed by an earlier one in this round is skipped, like vscode does.
		for (const reg of [...listeners]) {
			if (!listeners.has(reg)) {
				continue;
			}
			try {
				reg.fn.call(reg.thisArgs, value);
			} catch (err) {
				if (this._options.onListenerError) {
					this._options.onListenerError(err);
				} else if (!failed) {
					failed = true;
					firstError = err;
				}
			}
		}
		if (failed) {
			throw firstError;
		}
	}

	/** True while at least one listener is subscribed. */
	get hasListeners(): boolean {
		return (this._listeners?.size ?? 0) > 0;
	}

	/** Drops all listeners; later `fire()` calls do nothing and new subscriptions are inert. */
	dispose(): void {
		this._listeners?.clear();
		this._listeners = undefined;
	}
}

/**
 * Lifetime helpers shaped like VS Code's `Disposable`, so pure modules can own timers and
 * listeners without importing `vscode`, and adapters can hand them straight to
 * `context.subscriptions`. Style guide practice 2: one base class with `_register()`.
 */

/** Anything that holds a resource until `dispose()` is called. */
export interface Disposable {
	dispose(): void;
}

/** Wraps a cleanup function as a Disposable that runs it at most once. */
export function toDisposable(fn: () => void): Disposable {
	let done = false;
	return {
		dispose() {
			if (done) {
				return;
			}
			done = true;
			fn();
		},
	};
}

/**
 * Disposes every item even if some throw, then rethrows: one failing child must not leak
 * the others (timers keep running, listeners keep firing).
 */
export function disposeAll(items: Iterable<Disposable>): void {
	const errors: unknown[] = [];
	for (const item of items) {
		try {
			item.dispose();
		} catch (err) {
			errors.push(err);
		}
	}
	if (errors.length === 1) {
		throw errors[0];
	}
	if (errors.length > 1) {
		throw new AggregateError(errors, 'Several disposables failed to dispose');
	}
}

/** Base for long-lived objects: children registered with `_register` are disposed once, with it. */
export class DisposableBase implements Disposable {
	private readonly _children = new Set<Disposable>();
	private _isDisposed = false;

	/** True once `dispose()` has run. */
	protected get isDisposed(): boolean {
		return this._isDisposed;
	}

	/**
	 * Ties a child's lifetime to this object. Registering on an already disposed object
	 * disposes the child at once, so a late registration cannot leak.
	 */
	protected _register<T extends Disposable>(d: T): T {
		if (this._isDisposed) {
			d.dispose();
		} else {
			this._children.add(d);
		}
		return d;
	}

	dispose(): void {
		if (this._isDisposed) {
			return;
		}
		this._isDisposed = true;
		// Newest first, like a stack: later children may depend on earlier ones.
		const children = [...this._children].reverse();
		this._children.clear();
		disposeAll(children);
	}
}

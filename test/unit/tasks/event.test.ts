import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../../src/util/event';
import { DisposableBase, disposeAll, toDisposable, type Disposable } from '../../../src/util/disposable';

describe('Emitter', () => {
	it('delivers values to listeners in subscription order and stops after unsubscribe', () => {
		const emitter = new Emitter<number>();
		const seen: string[] = [];
		const a = emitter.event((v) => seen.push(`a${v}`));
		emitter.event((v) => seen.push(`b${v}`));
		emitter.fire(1);
		a.dispose();
		emitter.fire(2);
		assert.deepEqual(seen, ['a1', 'b1', 'b2']);
	});

	it('binds thisArgs and collects the subscription into disposables', () => {
		const emitter = new Emitter<string>();
		const target = { got: '' };
		const bag: Disposable[] = [];
		emitter.event(
			function(this: typeof target, v) {
				this.got = v;
			},
			target,
			bag,
		);
		emitter.fire('x');
		assert.equal(target.got, 'x');
		assert.equal(bag.length, 1);
		bag[0].dispose();
		assert.equal(emitter.hasListeners, false);
	});

	it('skips a listener removed by an earlier one during the same fire', () => {
		const emitter = new Emitter<void>();
		const seen: string[] = [];
		const subs: { second?: Disposable } = {};
		emitter.event(() => {
			seen.push('first');
			subs.second?.dispose();
		});
		subs.second = emitter.event(() => seen.push('second'));
		emitter.fire();
		assert.deepEqual(seen, ['first']);
	});

	it('runs every listener even if one throws, then rethrows the first error', () => {
		const emitter = new Emitter<number>();
		const seen: number[] = [];
		emitter.event(() => {
			throw new Error('boom');
		});
		emitter.event((v) => seen.push(v));
		assert.throws(() => emitter.fire(7), /boom/);
		assert.deepEqual(seen, [7]);
	});

	it('hands listener errors to onListenerError when given', () => {
		const errors: unknown[] = [];
		const emitter = new Emitter<number>({ onListenerError: (e) => errors.push(e) });
		emitter.event(() => {
			throw new Error('bad');
		});
		emitter.fire(1);
		assert.equal(errors.length, 1);
	});

	it('is inert after dispose', () => {
		const emitter = new Emitter<number>();
		let count = 0;
		emitter.event(() => count++);
		emitter.dispose();
		emitter.fire(1);
		emitter.event(() => count++).dispose();
		emitter.fire(2);
		assert.equal(count, 0);
	});
});

describe('Disposable helpers', () => {
	it('toDisposable runs its function once', () => {
		let n = 0;
		const d = toDisposable(() => n++);
		d.dispose();
		d.dispose();
		assert.equal(n, 1);
	});

	it('DisposableBase disposes registered children once, newest first', () => {
		const order: string[] = [];
		class Owner extends DisposableBase {
			constructor() {
				super();
				this._register(toDisposable(() => order.push('first')));
				this._register(toDisposable(() => order.push('second')));
			}
			late(): void {
				this._register(toDisposable(() => order.push('late')));
			}
		}
		const owner = new Owner();
		owner.dispose();
		owner.dispose();
		assert.deepEqual(order, ['second', 'first']);
		owner.late();
		assert.deepEqual(order, ['second', 'first', 'late'], 'registering after dispose disposes at once');
	});

	it('disposeAll disposes everything even when some throw', () => {
		let disposed = 0;
		const ok = toDisposable(() => disposed++);
		const bad = {
			dispose: () => {
				throw new Error('x');
			},
		};
		assert.throws(() => disposeAll([bad, ok, bad]), AggregateError);
		assert.equal(disposed, 1);
	});
});

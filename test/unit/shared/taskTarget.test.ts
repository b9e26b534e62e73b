import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTaskTarget } from '../../../src/shared/taskTarget';

const snapshot = { id: 'task-unified-1', provider: 'evolink', status: 'completed', results: [{ index: 0 }, { index: 1 }] };

describe('parseTaskTarget', () => {
	it('reads a task id, with or without an index argument', () => {
		assert.deepEqual(parseTaskTarget('t1'), { taskId: 't1' });
		assert.deepEqual(parseTaskTarget('t1', 2), { taskId: 't1', resultIndex: 2 });
		assert.deepEqual(parseTaskTarget('t1', 0), { taskId: 't1', resultIndex: 0 });
		assert.deepEqual(parseTaskTarget('x'.repeat(200)), { taskId: 'x'.repeat(200) });
	});

	it('reads { taskId, resultIndex? }; an index argument wins', () => {
		assert.deepEqual(parseTaskTarget({ taskId: 't2' }), { taskId: 't2' });
		assert.deepEqual(parseTaskTarget({ taskId: 't2', resultIndex: 1 }), { taskId: 't2', resultIndex: 1 });
		assert.deepEqual(parseTaskTarget({ taskId: 't2', resultIndex: 1 }, 3), { taskId: 't2', resultIndex: 3 });
		assert.deepEqual(parseTaskTarget({ taskId: 't2', resultIndex: 1, extra: true }), { taskId: 't2', resultIndex: 1 });
	});

	it('reads a tree node: a task row, a result row, a job part row', () => {
		assert.deepEqual(parseTaskTarget({ kind: 'task', task: snapshot }), { taskId: 'task-unified-1' });
		assert.deepEqual(parseTaskTarget({ kind: 'result', task: snapshot, result: { index: 1, url: 'https://u' } }), { taskId: 'task-unified-1', resultIndex: 1 });
		assert.deepEqual(parseTaskTarget({ kind: 'result', task: snapshot, result: { index: 1 } }, 0), { taskId: 'task-unified-1', resultIndex: 0 });
		assert.deepEqual(parseTaskTarget({ kind: 'part', task: snapshot, part: { index: 4 } }), { taskId: 'task-unified-1' });
		// A context-menu command receives the selected nodes as its second argument: not an index.
		assert.deepEqual(parseTaskTarget({ kind: 'task', task: snapshot }, [{ kind: 'task', task: snapshot }]), { taskId: 'task-unified-1' });
	});

	it('reads a task snapshot { id, results }', () => {
		assert.deepEqual(parseTaskTarget(snapshot), { taskId: 'task-unified-1' });
		assert.deepEqual(parseTaskTarget(snapshot, 1), { taskId: 'task-unified-1', resultIndex: 1 });
	});

	it('prefers taskId, then task.id, then id', () => {
		assert.deepEqual(parseTaskTarget({ taskId: 'a', task: { id: 'b' }, id: 'c', results: [] }), { taskId: 'a' });
		assert.deepEqual(parseTaskTarget({ task: { id: 'b' }, id: 'c', results: [] }), { taskId: 'b' });
		assert.deepEqual(parseTaskTarget({ taskId: 5, id: 'c', results: [] }), { taskId: 'c' });
	});

	it('refuses bad ids: empty, longer than 200 characters, not a string', () => {
		const bad: unknown[] = [
			undefined,
			null,
			'',
			'x'.repeat(201),
			42,
			true,
			[],
			['t1'],
			{},
			{ taskId: '' },
			{ taskId: 'x'.repeat(201) },
			{ taskId: 5 },
			{ taskId: null },
			{ taskId: ['t'] },
			{ task: {} },
			{ task: { id: '' } },
			{ task: { id: 7 } },
			{ task: 't1' },
			{ task: null },
			{ id: 'x' },
			{ id: 'x', results: 'none' },
			{ id: '', results: [] },
			{ id: 3, results: [] },
		];
		for (const arg of bad) {
			assert.equal(parseTaskTarget(arg), undefined, JSON.stringify(arg));
			assert.equal(parseTaskTarget(arg, 1), undefined, `${JSON.stringify(arg)}, 1`);
		}
	});

	it('ignores negative, fractional and non-number indexes, in the argument or inside', () => {
		for (const index of [-1, 1.5, '2', NaN, Infinity, null, {}, 2 ** 53]) {
			assert.deepEqual(parseTaskTarget('t', index), { taskId: 't' }, String(index));
			assert.deepEqual(parseTaskTarget({ taskId: 't', resultIndex: index }), { taskId: 't' }, String(index));
			assert.deepEqual(parseTaskTarget({ task: { id: 't' }, result: { index } }), { taskId: 't' }, String(index));
			assert.deepEqual(parseTaskTarget({ taskId: 't', resultIndex: 1 }, index), { taskId: 't', resultIndex: 1 }, `inside wins over ${String(index)}`);
		}
		assert.deepEqual(parseTaskTarget({ task: { id: 't' }, result: 'first' }), { taskId: 't' });
		assert.deepEqual(parseTaskTarget({ task: { id: 't' }, result: null }, 2), { taskId: 't', resultIndex: 2 });
	});

	it("never hands back the caller's object", () => {
		const arg = { taskId: 't', resultIndex: 1 };
		const target = parseTaskTarget(arg);
		assert.notEqual(target, arg);
		assert.deepEqual(Object.keys(target!), ['taskId', 'resultIndex']);
	});
});

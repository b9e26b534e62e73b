import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { TaskStore, type TaskChangeEvent } from '../../../src/tasks/store';
import { makeTask, RecordingLog, tempDir } from './helpers';

/** Two windows on one storage folder: each store follows what the other writes. */
describe('TaskStore.sync: following another window', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	const open: TaskStore[] = [];
	const openStore = async (writerId: string) => {
		const store = await TaskStore.open(dir, new RecordingLog(), { writerId });
		open.push(store);
		return store;
	};
	beforeEach(async () => {
		({ dir, cleanup } = await tempDir());
	});
	afterEach(async () => {
		await Promise.all(open.splice(0).map((s) => s.close()));
		await cleanup();
	});

	it("sees the other window's adds, updates and removals, with events, and never re-applies its own lines", async () => {
		const a = await openStore('A');
		const b = await openStore('B');
		const seen: TaskChangeEvent[] = [];
		b.onDidChange((e) => seen.push(e));
		await a.add(makeTask({ id: 't1' }));
		assert.equal(await b.sync(), 1);
		assert.equal(b.get('t1')?.status, 'pending');
		await a.update('t1', { status: 'processing', progress: 40 });
		await b.update('t1', { prompt: 'edited in B' });
		assert.equal(await b.sync(), 1);
		assert.deepEqual([b.get('t1')?.status, b.get('t1')?.progress, b.get('t1')?.prompt], ['processing', 40, 'edited in B']);
		assert.equal(await a.sync(), 1, "A takes B's edit");
		assert.equal(a.get('t1')?.prompt, 'edited in B');
		await a.remove('t1');
		await b.sync();
		assert.equal(b.get('t1'), undefined);
		assert.deepEqual(seen.filter((e) => e.task.id === 't1').map((e) => e.kind), ['added', 'updated', 'updated', 'removed']);
		assert.equal(await b.sync(), 0, 'nothing new');
	});

	it("a third window opened later starts from everything, and both writers' lines replay to the same state", async () => {
		const a = await openStore('A');
		const b = await openStore('B');
		await a.add(makeTask({ id: 'x', createdAt: 1 }));
		await b.sync();
		await b.add(makeTask({ id: 'y', createdAt: 2 }));
		await a.update('x', { status: 'completed', progress: 100 });
		await a.sync();
		const c = await openStore('C');
		assert.deepEqual(c.list().map((t) => [t.id, t.status]), [['y', 'pending'], ['x', 'completed']]);
		assert.deepEqual(a.list(), c.list());
	});
});

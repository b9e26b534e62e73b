import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskStore } from '../../fakes/tasks';
import { FaultBook, routeMatches } from '../../fakes/faults';

test('fake provider (test double): task state machine: pending, then rising progress, then completed at the duration', () => {
	const store = new TaskStore<null>(1000);
	const rec = store.add('t1', null, false);
	const at = (ms: number) => store.view(rec, rec.createdMs + ms);
	assert.deepEqual([at(0).phase, at(0).progress], ['pending', 0]);
	assert.equal(at(140).phase, 'pending');
	let last = 0;
	for (let ms = 150; ms < 1000; ms += 50) {
		const v = at(ms);
		assert.equal(v.phase, 'processing');
		assert.ok(v.progress >= last && v.progress >= 5 && v.progress <= 95, `progress ${v.progress} at ${ms}`);
		last = v.progress;
	}
	assert.ok(last >= 90);
	const done = at(1000);
	assert.deepEqual([done.phase, done.progress, done.finishedAt], ['completed', 100, rec.createdMs + 1000]);
	assert.equal(at(5000).finishedAt, rec.createdMs + 1000);
});

test('fake provider (test double): task state machine: failures, forced outcomes and zero duration', () => {
	const store = new TaskStore<null>(1000);
	const bad = store.add('bad', null, true);
	assert.deepEqual([store.view(bad, bad.createdMs + 1000).phase, store.view(bad, bad.createdMs + 1000).progress], ['failed', 0]);
	const c = store.add('c', null, false);
	store.finish('c', 'cancelled');
	const v = store.view(c);
	assert.equal(v.phase, 'cancelled');
	assert.ok(v.finishedAt !== undefined && v.finishedAt <= Date.now());
	assert.throws(() => store.finish('nope', 'failed'), /unknown task/);
	store.durationMs = 0;
	const instant = store.add('i', null, false);
	assert.equal(store.view(instant).phase, 'completed');
	// A task keeps the duration it was created with.
	assert.equal(store.view(c).phase, 'cancelled');
	assert.equal(store.get('bad')?.durationMs, 1000);
});

test('fake provider (test double): fault book: first matching fault wins, times counts down, patterns', () => {
	assert.ok(routeMatches('*', 'GET /x'));
	assert.ok(routeMatches('GET /v1/tasks/*', 'GET /v1/tasks/task-unified-1-a'));
	assert.ok(!routeMatches('GET /v1/tasks/*', 'POST /v1/tasks/x'));
	assert.ok(routeMatches('GET /v1/credits', 'GET /v1/credits'));
	assert.ok(!routeMatches('GET /v1/credits', 'GET /v1/credits/x'));
	const book = new FaultBook();
	book.add({ route: 'GET /a', kind: 'delay', ms: 1, times: 2 });
	book.add({ route: '*', kind: 'reset' });
	assert.equal(book.take('GET /a')?.kind, 'delay');
	assert.equal(book.take('GET /a')?.kind, 'delay');
	assert.equal(book.take('GET /a')?.kind, 'reset');
	assert.equal(book.take('POST /b')?.kind, 'reset');
	book.clear();
	assert.equal(book.take('GET /a'), undefined);
});

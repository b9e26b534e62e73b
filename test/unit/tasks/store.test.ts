import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { TaskStore, type TaskChangeEvent } from '../../../src/tasks/store';
import { makeTask, RecordingLog, tempDir } from './helpers';

function counterClock(start = 5_000_000): () => number {
	let t = start;
	return () => ++t;
}

/** The journal's operations, without the writer mark (`w`) each line carries. */
function journalLines(text: string): unknown[] {
	return text.split('\n').filter((l) => l !== '').map((l) => {
		const { w: _writer, ...op } = JSON.parse(l) as Record<string, unknown>;
		return op;
	});
}

describe('TaskStore', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	let log: RecordingLog;
	const open: TaskStore[] = [];

	async function openStore(options = {}): Promise<TaskStore> {
		const store = await TaskStore.open(dir, log, { now: counterClock(), ...options });
		open.push(store);
		return store;
	}

	beforeEach(async () => {
		({ dir, cleanup } = await tempDir());
		log = new RecordingLog();
	});

	afterEach(async () => {
		await Promise.all(open.splice(0).map((s) => s.close()));
		await cleanup();
	});

	it('has the task on disk when add resolves', async () => {
		const store = await openStore();
		const task = makeTask({ id: 'task-a' });
		await store.add(task);
		const text = await readFile(path.join(dir, 'tasks.jsonl'), 'utf8');
		assert.deepEqual(journalLines(text), [{ op: 'put', task }]);
	});

	it('fires added/updated/removed after the change is durable', async () => {
		const store = await openStore();
		const events: TaskChangeEvent[] = [];
		const onDisk: number[] = [];
		store.onDidChange((e) => {
			events.push(e);
			onDisk.push(journalLines(readFileSync(path.join(dir, 'tasks.jsonl'), 'utf8')).length);
		});
		await store.add(makeTask({ id: 'a' }));
		await store.update('a', { status: 'processing', progress: 10 });
		await store.remove('a');
		assert.deepEqual(events.map((e) => [e.kind, e.task.id, e.task.status]), [
			['added', 'a', 'pending'],
			['updated', 'a', 'processing'],
			['removed', 'a', 'processing'],
		]);
		assert.deepEqual(onDisk, [1, 2, 3], 'each event saw its own line already on disk');
	});

	it('updates with a patch or a function, sets updatedAt, and removes', async () => {
		const store = await openStore();
		await store.add(makeTask({ id: 'a', updatedAt: 1 }));
		const patched = await store.update('a', { status: 'processing', progress: 40 });
		assert.equal(patched?.status, 'processing');
		assert.ok(patched!.updatedAt > 5_000_000);
		const fn = await store.update('a', (t) => ({ ...t, progress: t.progress + 10, error: { message: 'x', retryable: true } }));
		assert.equal(fn?.progress, 50);
		assert.ok(fn!.updatedAt > patched!.updatedAt);
		const cleared = await store.update('a', { error: undefined });
		assert.equal('error' in cleared!, false, 'undefined in a patch removes the field');
		assert.equal(await store.update('missing', { progress: 1 }), undefined);
		assert.equal(await store.remove('a'), true);
		assert.equal(await store.remove('a'), false);
		assert.equal(store.get('a'), undefined);
	});

	it('writes nothing and keeps updatedAt when a patch changes nothing', async () => {
		const store = await openStore();
		await store.add(makeTask({ id: 'a' }));
		const before = (await stat(path.join(dir, 'tasks.jsonl'))).size;
		const same = await store.update('a', { status: 'pending', progress: 0 });
		assert.equal(same?.updatedAt, makeTask().updatedAt);
		assert.equal((await stat(path.join(dir, 'tasks.jsonl'))).size, before);
	});

	it('journals updates as patches of the changed fields only', async () => {
		const store = await openStore();
		await store.add(makeTask({ id: 'a', prompt: 'p'.repeat(5_000) }));
		await store.update('a', { progress: 10 });
		const lines = (await readFile(path.join(dir, 'tasks.jsonl'), 'utf8')).split('\n');
		assert.ok(lines[1].length < 200, `patch line is ${lines[1].length} chars`);
		assert.deepEqual(Object.keys((JSON.parse(lines[1]) as { set: object }).set).sort(), ['progress', 'updatedAt']);
	});

	it('lists newest first and filters unfinished', async () => {
		const store = await openStore();
		await store.add(makeTask({ id: 'old', createdAt: 1 }));
		await store.add(makeTask({ id: 'new', createdAt: 3, status: 'completed' }));
		await store.add(makeTask({ id: 'mid', createdAt: 2, status: 'processing' }));
		assert.deepEqual(store.list().map((t) => t.id), ['new', 'mid', 'old']);
		assert.deepEqual(store.unfinished().map((t) => t.id), ['mid', 'old']);
	});

	it('hands out copies callers cannot use to mutate the store', async () => {
		const store = await openStore();
		const task = makeTask({ id: 'a' });
		await store.add(task);
		task.prompt = 'changed by caller';
		const got = store.get('a')!;
		got.results.push({ index: 0, url: 'https://x' });
		store.list()[0].status = 'failed';
		assert.equal(store.get('a')!.prompt, makeTask().prompt);
		assert.deepEqual(store.get('a')!.results, []);
		assert.equal(store.get('a')!.status, 'pending');
	});

	it('restores identical snapshots when reopened (a reload), also while the first is open', async () => {
		const first = await openStore();
		await first.add(makeTask({ id: 'a', createdAt: 1 }));
		await first.add(makeTask({ id: 'b', createdAt: 2 }));
		await first.update('a', { status: 'completed', progress: 100, results: [{ index: 0, url: 'https://cdn/x.mp3', expiresAt: 9 }] });
		await first.remove('b');
		const second = await openStore();
		assert.deepEqual(second.list(), first.list());
		await first.close();
		const third = await openStore();
		assert.deepEqual(third.list(), second.list());
	});

	it('skips a torn last line with a warning and keeps appending cleanly', async () => {
		const first = await openStore();
		await first.add(makeTask({ id: 'a' }));
		await first.close();
		const file = path.join(dir, 'tasks.jsonl');
		await appendFile(file, '{"op":"put","task":{"id":"b","provi');
		const second = await openStore();
		assert.deepEqual(second.list().map((t) => t.id), ['a']);
		assert.equal(log.at('warn').filter((m) => m.includes('incomplete last journal line')).length, 1);
		await second.add(makeTask({ id: 'c', createdAt: 2_000_000 }));
		await second.close();
		const third = await openStore();
		assert.deepEqual(third.list().map((t) => t.id), ['c', 'a']);
	});

	it('skips a damaged middle line and drops it from disk at the next write', async () => {
		const file = path.join(dir, 'tasks.jsonl');
		const good = JSON.stringify({ op: 'put', task: makeTask({ id: 'a' }) });
		await writeFile(file, `${good}\nnot json\n{"op":"put","task":{"id":5}}\n`);
		const store = await openStore();
		assert.equal(store.size, 1);
		assert.equal(log.at('warn').length, 2);
		await store.add(makeTask({ id: 'b', createdAt: 2 }));
		const lines = (await readFile(file, 'utf8')).trim().split('\n');
		assert.equal(lines.length, 2);
		assert.ok(lines.every((l) => !l.includes('not json')));
	});

	it('compacts once the journal outgrows the live records, keeping the data', async () => {
		const store = await openStore({ minCompactBytes: 0 });
		const file = path.join(dir, 'tasks.jsonl');
		for (let i = 0; i < 20; i++) {
			await store.add(makeTask({ id: `t${i}`, createdAt: i }));
		}
		let maxSize = 0;
		for (let round = 0; round < 20; round++) {
			for (let i = 0; i < 20; i++) {
				await store.update(`t${i}`, { progress: round + 1, rawStatus: `step-${round}` });
			}
			maxSize = Math.max(maxSize, (await stat(file)).size);
		}
		for (let i = 0; i < 15; i++) {
			await store.remove(`t${i}`);
		}
		const expected = store.list();
		const size = (await stat(file)).size;
		const liveBytes = expected.reduce((n, t) => n + JSON.stringify({ op: 'put', task: t }).length + 1, 0);
		assert.ok(size <= 2 * liveBytes + 1_000, `journal ${size} B for ${liveBytes} B of live records`);
		assert.ok(size < maxSize, 'the file shrank at some point');
		const reopened = await openStore();
		assert.deepEqual(reopened.list(), expected);
		assert.equal(expected.length, 5);
		assert.equal(expected[0].progress, 20);
	});

	it('loses nothing when two windows write the same journal (compaction stands down)', async () => {
		const a = await openStore({ minCompactBytes: 0 });
		const b = await openStore({ minCompactBytes: 0 });
		for (let i = 0; i < 5; i++) {
			await a.add(makeTask({ id: `a${i}`, createdAt: i }));
			await b.add(makeTask({ id: `b${i}`, createdAt: 10 + i }));
		}
		for (let round = 0; round < 20; round++) {
			await Promise.all([
				...[0, 1, 2, 3, 4].map((i) => a.update(`a${i}`, { progress: round + 1 })),
				...[0, 1, 2, 3, 4].map((i) => b.update(`b${i}`, { progress: round + 1 })),
			]);
		}
		await Promise.all([a.close(), b.close()]);
		const merged = await openStore();
		assert.deepEqual(merged.list().map((t) => [t.id, t.progress]), [
			...[4, 3, 2, 1, 0].map((i) => [`b${i}`, 20]),
			...[4, 3, 2, 1, 0].map((i) => [`a${i}`, 20]),
		]);
		assert.ok(log.at('info').some((m) => m.includes('another window')));
	});

	it('round-trips 2,000 tasks', async () => {
		const store = await openStore();
		const ids = Array.from({ length: 2_000 }, (_, i) => `task-${String(i).padStart(4, '0')}`);
		await Promise.all(ids.map((id, i) => store.add(makeTask({
			id,
			createdAt: 1_000 + i,
			status: i % 3 === 0 ? 'processing' : 'completed',
			params: { n: i },
		}))));
		await store.close();
		const reopened = await openStore();
		const list = reopened.list();
		assert.equal(list.length, 2_000);
		assert.equal(list[0].id, 'task-1999');
		assert.equal(list[1_999].id, 'task-0000');
		assert.deepEqual(list[500].params, { n: 1_499 });
		assert.equal(reopened.unfinished().length, 667);
	});

	it('applies concurrent updates without losing any, journalled in call order', async () => {
		const store = await openStore();
		await store.add(makeTask({ id: 'a', params: { hits: 0 } }));
		await Promise.all(Array.from({ length: 100 }, () => store.update('a', (t) => ({ ...t, params: { hits: (t.params.hits as number) + 1 } }))));
		assert.equal(store.get('a')!.params.hits, 100);
		const reopened = await openStore();
		assert.equal(reopened.get('a')!.params.hits, 100);
		const lines = journalLines(await readFile(path.join(dir, 'tasks.jsonl'), 'utf8')) as { set?: { params: { hits: number } } }[];
		const hits = lines.slice(1).map((l) => l.set!.params.hits);
		assert.deepEqual(hits, Array.from({ length: 100 }, (_, i) => i + 1));
	});

	it('rejects changes after dispose but finishes writes already issued', async () => {
		const store = await openStore();
		const pending = store.add(makeTask({ id: 'a' }));
		store.dispose();
		await pending;
		await assert.rejects(store.add(makeTask({ id: 'b' })), /disposed/);
		await assert.rejects(store.update('a', { progress: 1 }), /disposed/);
		const reopened = await openStore();
		assert.deepEqual(reopened.list().map((t) => t.id), ['a']);
	});

	it('rejects values that are not task snapshots', async () => {
		const store = await openStore();
		await assert.rejects(store.add({ id: 'x' } as never), TypeError);
		await store.add(makeTask({ id: 'a' }));
		await assert.rejects(store.update('a', () => ({ id: 'a' }) as never), TypeError);
	});
});

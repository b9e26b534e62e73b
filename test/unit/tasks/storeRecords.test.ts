import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyOp, decodeLine, diffTasks, encodeOp, isTaskSnapshot, jsonClone, replay, writerOf, type JournalOp } from '../../../src/tasks/storeRecords';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { makeTask, RecordingLog } from './helpers';

describe('journal records', () => {
	it('round-trips every operation through one line', () => {
		const ops: JournalOp[] = [
			{ op: 'put', task: makeTask() },
			{ op: 'patch', id: 'a', set: { progress: 5 }, unset: ['error'] },
			{ op: 'del', id: 'a' },
		];
		for (const op of ops) {
			const line = encodeOp(op);
			assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'));
			assert.deepEqual(decodeLine(line), op);
		}
	});

	it('reads the writer mark and leaves it out of the operation', () => {
		const ops: JournalOp[] = [{ op: 'put', task: makeTask() }, { op: 'patch', id: 'a', set: { progress: 5 } }, { op: 'del', id: 'a' }];
		for (const op of ops) {
			const line = encodeOp(op, 'w-1a2b3c');
			assert.equal(writerOf(line), 'w-1a2b3c');
			assert.deepEqual(decodeLine(line), op);
		}
		assert.equal(writerOf(encodeOp({ op: 'del', id: 'a' })), undefined);
		assert.equal(decodeLine('{"op":"del","id":"a","w":5}'), undefined, 'a writer mark is a string');
	});

	it('rejects malformed operations', () => {
		for (const line of [
			'',
			'null',
			'[]',
			'"put"',
			'{"op":"put"}',
			'{"op":"put","task":{"id":"x"}}',
			'{"op":"patch","id":"a"}',
			'{"op":"patch","id":"a","set":{},"unset":[1]}',
			'{"op":"patch","id":"a","set":[]}',
			'{"op":"patch","id":"","set":{}}',
			'{"op":"del"}',
			'{"op":"del","id":7}',
			'{"op":"drop","id":"a"}',
			'{"op":"PUT","id":"a"}',
			'{"id":"a"}',
			encodeOp({ op: 'put', task: makeTask({ id: '' }) }),
			encodeOp({ op: 'put', task: makeTask({ results: null as never }) }),
		]) {
			assert.equal(decodeLine(line), undefined, line);
		}
	});

	it('keeps fields it does not know (a newer version wrote them) through decode and patches', () => {
		const task = {
			...makeTask({ id: 'a', saveTo: 'audio/a.mp3' }),
			job: { kind: 'speech', parts: [], pauseMs: 400, cachedParts: 0, maxChars: 300 },
			comesLater: { x: [1, 2] },
		} as TaskSnapshot;
		const op = decodeLine(encodeOp({ op: 'put', task }));
		assert.ok(op?.op === 'put');
		assert.deepEqual(op.task, task);
		const tasks = new Map([['a', op.task]]);
		applyOp(tasks, decodeLine(encodeOp({ op: 'patch', id: 'a', set: { progress: 50, laterStill: true } }))!);
		assert.deepEqual(tasks.get('a'), { ...task, progress: 50, laterStill: true });
		assert.deepEqual(jsonClone(tasks.get('a')), tasks.get('a'));
	});

	it('isTaskSnapshot checks the shape a task must have, nothing more', () => {
		assert.equal(isTaskSnapshot(makeTask()), true);
		assert.equal(isTaskSnapshot({ ...makeTask(), status: 'a-status-from-the-future', provider: 'another' }), true);
		for (const bad of [
			undefined,
			null,
			'task',
			[makeTask()],
			{ ...makeTask(), id: '' },
			{ ...makeTask(), progress: '5' },
			{ ...makeTask(), results: {} },
			{ ...makeTask(), params: [] },
			{ ...makeTask(), resultData: null },
			{ ...makeTask(), createdAt: undefined },
		]) {
			assert.equal(isTaskSnapshot(bad), false, JSON.stringify(bad));
		}
	});

	it('diffs top-level fields, including removals', () => {
		const a = makeTask({ error: { message: 'x', retryable: false } });
		const b: TaskSnapshot = { ...a, progress: 50, results: [{ index: 0, url: 'https://u' }] };
		delete b.error;
		assert.deepEqual(diffTasks(a, b), { set: { progress: 50, results: [{ index: 0, url: 'https://u' }] }, unset: ['error'] });
		assert.equal(diffTasks(a, structuredClone(a)), undefined);
	});

	it('applies patches, ignores patches of unknown ids and keeps the id', () => {
		const tasks = new Map([['a', makeTask({ id: 'a' })]]);
		applyOp(tasks, { op: 'patch', id: 'a', set: { progress: 9, id: 'evil' } });
		applyOp(tasks, { op: 'patch', id: 'zzz', set: { progress: 1 } });
		assert.equal(tasks.get('a')!.progress, 9);
		assert.equal(tasks.get('a')!.id, 'a');
		assert.equal(tasks.size, 1);
		applyOp(tasks, { op: 'patch', id: 'a', set: { results: 'nope' } });
		assert.deepEqual(tasks.get('a')!.results, [], 'a patch that would break the snapshot is refused');
	});

	it('replays, skipping bad lines and flagging a torn tail', () => {
		const log = new RecordingLog();
		const data = Buffer.from(encodeOp({ op: 'put', task: makeTask({ id: 'a' }) }) + 'garbage\n' + '{"op":"del","i');
		const result = replay(data, log);
		assert.deepEqual([...result.tasks.keys()], ['a']);
		assert.equal(result.badLines, 2);
		assert.equal(result.tornTail, true);
		assert.equal(log.at('warn').length, 2);
	});

	it('skips a damaged line in the middle with a warning and keeps the rest', () => {
		const log = new RecordingLog();
		const data = Buffer.from([
			encodeOp({ op: 'put', task: makeTask({ id: 'a' }) }, 'w1'),
			'{"op":"put","task":{"id":"b","provider":"evolink"}}\n',
			encodeOp({ op: 'put', task: makeTask({ id: 'c' }) }, 'w2'),
			encodeOp({ op: 'patch', id: 'c', set: { progress: 70 } }, 'w2'),
			'{"op":"patch","id":"a","set":"progress=1"}\n',
		].join(''));
		const result = replay(data, log);
		assert.deepEqual([...result.tasks.keys()], ['a', 'c']);
		assert.equal(result.tasks.get('c')!.progress, 70);
		assert.equal(result.tasks.get('a')!.progress, 0);
		assert.equal(result.badLines, 2);
		assert.equal(result.tornTail, false);
		assert.deepEqual(log.at('warn'), ['tasks: skipped unreadable journal line 2', 'tasks: skipped unreadable journal line 5']);
	});
});

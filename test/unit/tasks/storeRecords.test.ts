import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyOp, decodeLine, diffTasks, encodeOp, replay, type JournalOp } from '../../../src/tasks/storeRecords';
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

	it('rejects malformed operations', () => {
		for (const line of ['', 'null', '[]', '{"op":"put"}', '{"op":"put","task":{"id":"x"}}', '{"op":"patch","id":"a"}',
			'{"op":"patch","id":"a","set":{},"unset":[1]}', '{"op":"del"}', '{"op":"drop","id":"a"}']) {
			assert.equal(decodeLine(line), undefined, line);
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
});

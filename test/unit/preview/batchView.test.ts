import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchOf, batchPreviewId, composeBatch } from '../../../src/preview/batchView';
import type { TaskSnapshot } from '../../../src/shared/domain';

function member(index: number, status: TaskSnapshot['status'], results: number, other?: Partial<TaskSnapshot>): TaskSnapshot {
	return {
		id: `t${index}`,
		provider: 'sounds',
		model: 'suno-sounds',
		status,
		rawStatus: status,
		progress: status === 'completed' ? 100 : 40,
		prompt: 'coin pickup chime',
		params: { prompt: 'coin pickup chime', soundLoop: false, batch: { id: 'b1', index, count: 3 } },
		createdAt: 1000 + index,
		updatedAt: 2000 + index,
		results: Array.from({ length: results }, (_, r) => ({ index: r, url: `https://x/${index}/${r}.mp3`, localPath: `/s/${index}-${r}.mp3` })),
		resultData: {},
		creditsReserved: 10,
		...other,
	};
}

describe('a batch previewed as one page', () => {
	it("lists every member's results in batch order, named -01 · take 1 …, each mapped back to its own task", () => {
		const tasks = [member(2, 'completed', 2), member(0, 'completed', 2), member(1, 'completed', 2), { ...member(0, 'completed', 1), id: 'other', params: { prompt: 'x' } }];
		const c = composeBatch(tasks, batchPreviewId('b1'))!;
		assert.equal(c.task.id, 'batch:b1');
		assert.equal(c.task.status, 'completed');
		assert.deepEqual(c.task.results.map((r) => [r.index, r.title]), [
			[0, '-01 · take 1'],
			[1, '-01 · take 2'],
			[2, '-02 · take 1'],
			[3, '-02 · take 2'],
			[4, '-03 · take 1'],
			[5, '-03 · take 2'],
		]);
		assert.deepEqual(c.members[3], { taskId: 't1', resultIndex: 1 });
		assert.equal(c.task.params.variations, 3);
		assert.equal('batch' in c.task.params, false);
		assert.equal(c.task.creditsReserved, 30);
	});

	it('is running while any member runs, with the mean progress; unknown batches and single tasks are not batches', () => {
		const c = composeBatch([member(0, 'completed', 2), member(1, 'processing', 0), member(2, 'pending', 0)], 'batch:b1')!;
		assert.equal(c.task.status, 'processing');
		assert.equal(c.task.progress, 60);
		assert.equal(c.task.finishedAt, undefined);
		assert.equal(composeBatch([member(0, 'completed', 1)], 'batch:zzz'), undefined);
		assert.equal(composeBatch([member(0, 'completed', 1)], 't0'), undefined);
		assert.equal(batchOf({ ...member(0, 'completed', 1), params: { batch: { index: 0, count: 4 } } }), undefined, 'no id: saved before batches had one');
		assert.deepEqual(batchOf(member(1, 'completed', 1)), { id: 'b1', index: 1, count: 3 });
	});
});

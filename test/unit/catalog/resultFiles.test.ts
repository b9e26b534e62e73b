import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { resultFile, taskResultDir } from '../../../src/tasks/resultFiles';

const dir = path.resolve('/tmp/storage');

test('result files are named by us and stay inside the storage folder', () => {
	assert.equal(resultFile(dir, 'task-unified-1-abc', 0, 'mp3'), path.join(dir, 'results', 'task-unified-1-abc', '1.mp3'));
	for (const hostile of ['../../x', '..\\x', '/abs', 'C:\\x', 'a\u0000b', 'x'.repeat(300), '', '.', '..']) {
		assert.throws(() => taskResultDir(dir, hostile), /unsafe task id/, hostile);
	}
	assert.throws(() => resultFile(dir, 'ok', 0, '../mp3'), /extension/);
	assert.throws(() => resultFile(dir, 'ok', -1, 'mp3'), /index/);
});

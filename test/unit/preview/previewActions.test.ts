import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACTION_COMMANDS, OPEN_PREVIEW_COMMAND, parseOpenArgs } from '../../../src/preview/previewActions';
import { PREVIEW_ACTIONS } from '../../../src/shared/protocol';
import { makeTask } from './fixtures';

describe('preview actions', () => {
	test('every page action runs an evolink command; regenerate is retryTask', () => {
		assert.deepEqual(Object.keys(ACTION_COMMANDS).sort(), [...PREVIEW_ACTIONS].sort());
		for (const [action, command] of Object.entries(ACTION_COMMANDS)) {
			assert.match(command, /^evolink\.[a-zA-Z]+$/, action);
		}
		assert.equal(ACTION_COMMANDS.regenerate, 'evolink.retryTask');
		assert.equal(ACTION_COMMANDS.saveToWorkspace, 'evolink.saveToWorkspace');
		assert.equal(ACTION_COMMANDS.openExternal, 'evolink.openExternal');
		assert.equal(OPEN_PREVIEW_COMMAND, 'evolink.openPreview');
	});
});

describe('evolink.openPreview arguments', () => {
	test('a task id, with or without a result index', () => {
		assert.deepEqual(parseOpenArgs('t1'), { taskId: 't1' });
		assert.deepEqual(parseOpenArgs('t1', 2), { taskId: 't1', resultIndex: 2 });
	});

	test('{ taskId, resultIndex? } and a task snapshot', () => {
		assert.deepEqual(parseOpenArgs({ taskId: 't2' }), { taskId: 't2' });
		assert.deepEqual(parseOpenArgs({ taskId: 't2', resultIndex: 1 }), { taskId: 't2', resultIndex: 1 });
		assert.deepEqual(parseOpenArgs({ taskId: 't2', resultIndex: 1 }, 3), { taskId: 't2', resultIndex: 3 });
		assert.deepEqual(parseOpenArgs(makeTask()), { taskId: 'task-abc-123456789' });
	});

	test('nothing usable gives undefined; a bad index is ignored', () => {
		for (const arg of [undefined, null, '', 42, {}, { id: 'x' }, { taskId: 5 }, 'x'.repeat(201)]) {
			assert.equal(parseOpenArgs(arg), undefined, JSON.stringify(arg));
		}
		assert.deepEqual(parseOpenArgs('t', -1), { taskId: 't' });
		assert.deepEqual(parseOpenArgs('t', 1.5), { taskId: 't' });
		assert.deepEqual(parseOpenArgs('t', '2'), { taskId: 't' });
	});
});

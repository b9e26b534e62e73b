import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { formatDuration, statusText, taskContextValue, taskDescription, taskTooltip } from '../../../src/views/taskLabels';

function task(over: Partial<TaskSnapshot> = {}): TaskSnapshot {
	return {
		id: 't1',
		provider: 'evolink',
		model: 'doubao-seed-audio-1-0',
		status: 'processing',
		rawStatus: 'processing',
		progress: 40,
		prompt: 'Hello world',
		params: {},
		createdAt: 0,
		updatedAt: 0,
		results: [],
		resultData: {},
		...over,
	};
}

test('durations read naturally', () => {
	assert.equal(formatDuration(4_400), '4s');
	assert.equal(formatDuration(185_000), '3m 05s');
	assert.equal(formatDuration(3_720_000), '1h 02m');
});

test('a running task shows model, progress, elapsed time, ETA and credits', () => {
	assert.equal(taskDescription(task({ estimatedTimeSec: 60, creditsReserved: 9.6 }), 20_000), 'Seed-Audio speech · 40% · 20s · ETA 40s · 9.6 cr');
	assert.equal(taskDescription(task({ estimatedTimeSec: 10 }), 20_000), 'Seed-Audio speech · 40% · 20s · finishing');
});

test('status words cover downloads, variants, failures and unknown statuses', () => {
	const r = { index: 0, url: 'u' };
	assert.equal(statusText(task({ status: 'completed', results: [r] })), 'downloading');
	assert.equal(statusText(task({ status: 'completed', results: [{ ...r, localPath: '/a' }, { ...r, index: 1, localPath: '/b' }] })), '2 variants');
	assert.equal(statusText(task({ status: 'completed', results: [{ ...r, downloadError: 'gone' }] })), 'download failed');
	assert.equal(statusText(task({ status: 'unknown', rawStatus: 'WEIRD' })), 'status "WEIRD"');
});

test('context values encode state for menus', () => {
	assert.equal(taskContextValue(task({ canCancel: true })), 'task:processing:cancellable');
	assert.equal(taskContextValue(task({ status: 'completed', model: 'suno-music', results: [{ index: 0, url: 'u', localPath: '/a' }] })), 'task:completed:media:music');
});

test('tooltips are plain text that includes the error and what to do', () => {
	const text = taskTooltip(task({ status: 'failed', error: { message: 'Blocked', retryable: false, action: 'Change the prompt.' } }));
	assert.match(text, /Error: Blocked/);
	assert.match(text, /Next: Change the prompt\./);
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { settled, setUpProviders, waitForTask, type Providers } from '../fixture';

const CREATE = 'POST /v1/audios/generations';

/** What a command's rejection says (commands driven with options reject with the reason). */
async function failure(command: string, options: Record<string, unknown>): Promise<string> {
	try {
		const id = await vscode.commands.executeCommand(command, options);
		return `resolved with ${String(id)}`;
	} catch (err) {
		return (err as Error).message;
	}
}

/** The fault matrix: every failure gives a clear message, nothing is submitted twice, tasks are kept. */
describe('failures and the fault matrix', function () {
	this.timeout(90_000);
	let p: Providers;
	before(async () => { p = await setUpProviders(); });
	afterEach(() => { p.evolink.clearFaults(); p.sounds.clearFaults(); });
	after(async () => { await p?.evolink.close(); await p?.sounds.close(); });

	it('text over the model limit is refused with the limit and the length, before any request', async () => {
		// (Speech over the limit becomes a job of parts instead: see speechJob.test.)
		const route = 'POST /api/v1/generate/sounds';
		const before = p.sounds.count(route);
		const message = await failure('evolink.generateSound', { prompt: 'x'.repeat(501) });
		assert.match(message, /at most 500 characters \(got 501\)/);
		assert.equal(p.sounds.count(route), before, 'nothing was sent');
	});

	it('a POST whose connection dies after the body was sent is not retried, and says the outcome is unknown', async () => {
		const before = p.evolink.count(CREATE);
		const tasksBefore = (await p.api.getTasks()).length;
		p.evolink.inject({ route: CREATE, kind: 'resetAfterBody', times: 1 });
		const message = await failure('evolink.speakSelection', { prompt: 'Did this reach the server?' });
		assert.match(message, /may or may not have been created|outcome/i, message);
		assert.equal(p.evolink.count(CREATE), before + 1, 'exactly one POST reached the server');
		assert.equal((await p.api.getTasks()).length, tasksBefore);
	});

	it('402 on create: a clear message about the balance, no task, no retry', async () => {
		const before = p.evolink.count(CREATE);
		p.evolink.inject({ route: CREATE, kind: 'status', status: 402, times: 1 });
		const message = await failure('evolink.speakSelection', { prompt: 'Out of credits?' });
		assert.match(message, /quota|balance|credit/i, message);
		assert.equal(p.evolink.count(CREATE), before + 1);
	});

	it('429 with Retry-After on create is not blindly retried', async () => {
		const before = p.evolink.count(CREATE);
		p.evolink.inject({ route: CREATE, kind: 'status', status: 429, retryAfter: 1, times: 1 });
		const message = await failure('evolink.speakSelection', { prompt: 'Too fast?' });
		assert.match(message, /rate|too many|slow/i, message);
		assert.equal(p.evolink.count(CREATE), before + 1, 'exactly one POST: the 429 was answered and not retried');
	});

	it('Suno Sounds body code 429 means out of credits and says so', async () => {
		p.sounds.inject({ route: 'POST /api/v1/generate/sounds', kind: 'status', status: 429, times: 1 });
		const message = await failure('evolink.generateSound', { prompt: 'a coin pickup blip', soundLoop: false });
		assert.match(message, /credit/i, message);
	});

	it('polls that fail with 500s and malformed JSON back off and the task still completes', async () => {
		p.evolink.inject({ route: 'GET /v1/tasks/*', kind: 'status', status: 500, times: 2 });
		p.evolink.inject({ route: 'GET /v1/tasks/*', kind: 'malformedJson', times: 1 });
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'Through the storm.', format: 'mp3' });
		const task = await waitForTask(p.api, id, settled, 60_000);
		assert.equal(task.status, 'completed');
		assert.ok(task.results[0].localPath);
	});

	it('a failed task keeps the provider message and stays in the list', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'This one [[fail]] on purpose.' });
		const task = await waitForTask(p.api, id, (t) => t.status === 'failed');
		assert.ok(task.error?.message, 'has a message');
		assert.ok((await p.api.getTasks()).some((t) => t.id === id));
	});

	it('a link that expired before download is a clear failure, not a crash', async () => {
		p.evolink.setLinkTtl(0);
		try {
			const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'Too late to fetch.', format: 'mp3' });
			const task = await waitForTask(p.api, id, settled);
			assert.equal(task.status, 'completed');
			assert.match(task.results[0].downloadError ?? '', /expired|gone/i);
			assert.equal(task.results[0].localPath, undefined);
		} finally {
			p.evolink.setLinkTtl(24 * 3_600_000);
		}
	});
});

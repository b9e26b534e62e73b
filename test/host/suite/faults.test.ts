import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { setUpProviders, waitForTask, type Providers } from '../fixture';

/** What a command's rejection says (commands driven with options reject with the reason). */
async function failure(command: string, options: Record<string, unknown>): Promise<string> {
	try {
		const id = await vscode.commands.executeCommand(command, options);
		return `resolved with ${String(id)}`;
	} catch (err) {
		return (err as Error).message;
	}
}

/**
 * Failures outside the fault matrix: limits checked before any request, and a task the provider
 * fails. Transport faults, error statuses and download failures are rows of faultMatrix.ts.
 */
describe('failures: local limits and failed tasks', function() {
	this.timeout(90_000);
	let p: Providers;
	before(async () => {
		p = await setUpProviders();
	});
	afterEach(() => {
		p.evolink.clearFaults();
		p.sounds.clearFaults();
	});
	after(async () => {
		await p?.evolink.close();
		await p?.sounds.close();
	});

	it('text over the model limit is refused with the limit and the length, before any request', async () => {
		// (Speech over the limit becomes a job of parts instead: see speechJob.test.)
		const route = 'POST /api/v1/generate/sounds';
		const before = p.sounds.count(route);
		const message = await failure('evolink.generateSound', { prompt: 'x'.repeat(501) });
		assert.match(message, /at most 500 characters \(got 501\)/);
		assert.equal(p.sounds.count(route), before, 'nothing was sent');
	});

	it('a failed task keeps the provider message and stays in the list', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'This one [[fail]] on purpose.' });
		const task = await waitForTask(p.api, id, (t) => t.status === 'failed');
		assert.ok(task.error?.message, 'has a message');
		assert.ok((await p.api.getTasks()).some((t) => t.id === id));
	});
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { settled, setUpProviders, waitForTask, type Providers } from '../fixture';

/** API keys: set (checked against the provider), clear, missing; only ever in SecretStorage. */
describe('API keys', function() {
	this.timeout(60_000);
	let p: Providers;
	before(async () => {
		p = await setUpProviders();
	});
	after(async () => {
		await vscode.commands.executeCommand('evolink.setApiKey', 'evolink', p.evolink.apiKey);
		await p?.evolink.close();
		await p?.sounds.close();
	});

	it('a key the provider rejects is not saved', async () => {
		assert.equal(await vscode.commands.executeCommand('evolink.setApiKey', 'evolink', 'sk-evo-wrong-key'), false);
	});

	it('with the key cleared, a generation explains and sends nothing', async () => {
		assert.equal(await vscode.commands.executeCommand('evolink.clearApiKey', 'evolink'), true);
		const before = p.evolink.count('POST /v1/audios/generations');
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('evolink.speakSelection', { prompt: 'No key here.' })), /No EvoLink API key is set/);
		assert.equal(p.evolink.count('POST /v1/audios/generations'), before);
	});

	it('setting a valid key again makes generation work, the key is in no setting, and result links never get it', async () => {
		assert.equal(await vscode.commands.executeCommand('evolink.setApiKey', 'evolink', p.evolink.apiKey), true);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'Key restored.' });
		assert.ok(id);
		const task = await waitForTask(p.api, id, settled);
		assert.ok(task.results[0].localPath, 'the result was downloaded');
		const settings = JSON.stringify(vscode.workspace.getConfiguration('evolink'));
		assert.ok(!settings.includes(p.evolink.apiKey));
		const receipts = p.evolink.received.filter((r) => r.path.startsWith('/media/'));
		assert.ok(receipts.length > 0, 'the download reached the fake');
		assert.ok(receipts.every((r) => r.headers.authorization === undefined), 'no Authorization header to result links');
	});
});

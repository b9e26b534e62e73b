import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { settled, setUpProviders, waitForTask, type Providers } from '../fixture';

/** Actions on finished tasks: save with a sidecar, keep one variant, insert a reference, copy, retry, remove. */
describe('task actions', function() {
	this.timeout(90_000);
	let p: Providers;
	let folder: string;
	before(async () => {
		p = await setUpProviders();
		folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
	});
	after(async () => {
		await p?.evolink.close();
		await p?.sounds.close();
	});

	it('save to workspace copies the file into the output folder with a sidecar that can regenerate it', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'Save me to the assets folder.', format: 'wav' });
		await waitForTask(p.api, id, settled);
		const saved = await vscode.commands.executeCommand<string[]>('evolink.saveToWorkspace', id);
		assert.equal(saved.length, 1);
		const file = vscode.Uri.parse(saved[0]).fsPath;
		assert.equal(path.dirname(file), path.join(folder, 'generated'));
		assert.equal(path.basename(file), 'save-me-assets-folder.wav', "named from the prompt's words");
		const sidecar = JSON.parse(fs.readFileSync(`${file}.evolink.json`, 'utf8'));
		assert.equal(sidecar.taskId, id);
		assert.equal(sidecar.prompt, 'Save me to the assets folder.');
		assert.equal(sidecar.model, 'doubao-seed-audio-1-0');
		assert.equal(sidecar.parameters.format, 'wav');
		assert.ok(sidecar.creditsReserved > 0);
		const task = await p.api.getTask(id);
		assert.equal(task!.results[0].savedPath, file);
	});

	it('keeping one variant saves exactly that file', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.generateSound', { prompt: 'footsteps on gravel', soundLoop: false });
		const task = await waitForTask(p.api, id, settled);
		const before = fs.readdirSync(path.join(folder, 'generated')).filter((f) => f.startsWith('footsteps'));
		assert.equal(before.length, 0);
		await vscode.commands.executeCommand('evolink.keepVariant', { taskId: id, resultIndex: 1 });
		const after = fs.readdirSync(path.join(folder, 'generated')).filter((f) => f.startsWith('footsteps') && f.endsWith('.mp3'));
		assert.deepEqual(after, ['footsteps-gravel-v2.mp3']);
		assert.deepEqual(fs.readFileSync(path.join(folder, 'generated', after[0])), fs.readFileSync(task.results[1].localPath!));
	});

	it("insert reference puts the saved file's relative path at the cursor", async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
		const editor = await vscode.window.showTextDocument(doc);
		const id = (await p.api.getTasks()).find((t) => t.model === 'doubao-seed-audio-1-0' && t.results[0]?.savedPath)!.id;
		await vscode.commands.executeCommand('evolink.insertReference', id);
		assert.match(editor.document.getText(), /generated\/save-me-assets-folder\.wav$/);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	it('copy task id puts the id on the clipboard', async () => {
		const id = (await p.api.getTasks())[0].id;
		await vscode.commands.executeCommand('evolink.copyTaskId', id);
		assert.equal(await vscode.env.clipboard.readText(), id);
	});

	it('retry submits the same parameters as a new task', async () => {
		const first = await vscode.commands.executeCommand<string>('evolink.generateVideo', { prompt: 'Lanterns over a river', duration: 3, quality: '480p' });
		const again = await vscode.commands.executeCommand<string>('evolink.retryTask', first);
		assert.notEqual(again, first);
		const [a, b] = await Promise.all([p.api.getTask(first), p.api.getTask(again)]);
		assert.deepEqual(b!.params, a!.params);
		await waitForTask(p.api, again, settled);
	});

	it('remove forgets a finished task; the public API reports changes', async () => {
		const id = (await p.api.getTasks()).at(-1)!.id;
		const seen: string[] = [];
		const sub = p.api.onDidChangeTasks((t) => seen.push(t.id));
		assert.equal(await vscode.commands.executeCommand('evolink.removeTask', id), true);
		sub.dispose();
		assert.equal(await p.api.getTask(id), undefined);
		assert.ok(seen.includes(id), 'the removal was announced');
	});

	it('cancel on a running task explains that the provider has no cancel call, and the task goes on', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'Still running when cancel is pressed.', format: 'mp3' });
		const running = await p.api.getTask(id);
		assert.ok(running && (running.status === 'pending' || running.status === 'processing'), `running: ${running?.status}`);
		const message = await vscode.commands.executeCommand<string>('evolink.cancelTask', id);
		assert.match(message, /^EvoLink offers no way to cancel a task: it runs to its end and is billed\./);
		const task = await waitForTask(p.api, id, settled);
		assert.equal(task.status, 'completed', "it was not cancelled behind the user's back");
	});
});

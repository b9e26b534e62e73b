import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { settled, setUpProviders, waitForTask, type Providers } from '../fixture';

/** Game developers: results land in the project's own asset folders, named as a developer would. */
describe('asset folders and asset names', function() {
	this.timeout(90_000);
	let p: Providers;
	let folder: string;
	const config = () => vscode.workspace.getConfiguration('evolink');
	before(async () => {
		p = await setUpProviders();
		folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
	});
	after(async () => {
		await config().update('assetFolders', undefined, vscode.ConfigurationTarget.Workspace);
		fs.rmSync(path.join(folder, 'assets'), { recursive: true, force: true });
		await p?.evolink.close();
		await p?.sounds.close();
	});

	it("a loop is saved into the workspace's sound folder as rain-tin-roof-loop-120bpm-Am.mp3, with its sidecar, never overwriting", async () => {
		await config().update('assetFolders', { sound: 'assets/sfx' }, vscode.ConfigurationTarget.Workspace);
		const id = await vscode.commands.executeCommand<string>('evolink.generateSound', { prompt: 'Rain on a tin roof', soundLoop: true, soundTempo: 120, soundKey: 'Am' });
		await waitForTask(p.api, id, settled);
		const first = vscode.Uri.parse(await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', id, 0)).fsPath;
		assert.equal(first, path.join(folder, 'assets', 'sfx', 'rain-tin-roof-loop-120bpm-Am-v1.mp3'));
		assert.ok(fs.existsSync(`${first}.evolink.json`), 'the sidecar sits beside it');
		const again = await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', id, 0);
		assert.equal(vscode.Uri.parse(again).fsPath, path.join(folder, 'assets', 'sfx', 'rain-tin-roof-loop-120bpm-Am-v1-2.mp3'), 'a second save gets the next number');
	});

	it('a batch of 4 makes 4 tasks (4 POSTs) and 4 files named in sequence', async () => {
		const before = p.sounds.count('POST /api/v1/generate/sounds');
		const ids = await vscode.commands.executeCommand<string[]>('evolink.generateSound', { prompt: 'Footstep on gravel', soundLoop: false, count: 4 });
		assert.ok(Array.isArray(ids) && ids.length === 4 && new Set(ids).size === 4, JSON.stringify(ids));
		assert.equal(p.sounds.count('POST /api/v1/generate/sounds') - before, 4);
		const names: string[] = [];
		for (const id of ids) {
			await waitForTask(p.api, id, settled);
			names.push(path.basename(vscode.Uri.parse(await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', id, 0)).fsPath));
		}
		assert.deepEqual(names, ['footstep-gravel-01-v1.mp3', 'footstep-gravel-02-v1.mp3', 'footstep-gravel-03-v1.mp3', 'footstep-gravel-04-v1.mp3']);
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('evolink.generateSound', { prompt: 'x', count: 9 })), /count must be a whole number from 1 to 8/);
	});

	it('in a Godot project, Insert Reference puts preload("res://…") of the saved loop into a .gd file', async () => {
		fs.writeFileSync(path.join(folder, 'project.godot'), '[application]\nconfig/name="Lighthouse"\n');
		const script = path.join(folder, 'scripts', 'player.gd');
		fs.mkdirSync(path.dirname(script), { recursive: true });
		fs.writeFileSync(script, 'extends Node2D\n\nvar rain = \n');
		try {
			const editor = await vscode.window.showTextDocument(vscode.Uri.file(script));
			editor.selection = new vscode.Selection(2, 11, 2, 11);
			const id = (await p.api.getTasks()).find((t) => t.prompt === 'Rain on a tin roof')!.id;
			const text = await vscode.commands.executeCommand<string>('evolink.insertReference', id, 0);
			// The task's result was last saved as the -2 copy: that is the file referenced.
			assert.equal(text, 'preload("res://assets/sfx/rain-tin-roof-loop-120bpm-Am-v1-2.mp3")');
			assert.equal(editor.document.lineAt(2).text, 'var rain = preload("res://assets/sfx/rain-tin-roof-loop-120bpm-Am-v1-2.mp3")');
			// A file from the Explorer works the same, with no task involved.
			const file = vscode.Uri.file(path.join(folder, 'assets', 'sfx', 'rain-tin-roof-loop-120bpm-Am-v1.mp3'));
			assert.equal(await vscode.commands.executeCommand('evolink.insertReference', file), 'preload("res://assets/sfx/rain-tin-roof-loop-120bpm-Am-v1.mp3")');
		} finally {
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
			fs.rmSync(path.join(folder, 'project.godot'), { force: true });
			fs.rmSync(path.join(folder, 'scripts'), { recursive: true, force: true });
		}
	});

	it('regenerate from a saved file, after its task left the list: the sidecar alone gives the same settings, or a new prompt', async () => {
		const id = (await p.api.getTasks()).find((t) => t.prompt === 'Rain on a tin roof')!.id;
		assert.equal(await vscode.commands.executeCommand('evolink.removeTask', id), true);
		assert.equal(await p.api.getTask(id), undefined, 'the task is gone');
		const file = vscode.Uri.file(path.join(folder, 'assets', 'sfx', 'rain-tin-roof-loop-120bpm-Am-v1.mp3'));
		const route = 'POST /api/v1/generate/sounds';
		const before = p.sounds.count(route);
		const again = await vscode.commands.executeCommand<string>('evolink.regenerateFromFile', file, {});
		assert.ok(again && again !== id);
		assert.equal(p.sounds.count(route), before + 1, 'one request');
		const sent = () => p.sounds.received.filter((r) => r.method === 'POST').at(-1)!.body as Record<string, unknown>;
		assert.deepEqual([sent().prompt, sent().soundLoop, sent().soundTempo, sent().soundKey], ['Rain on a tin roof', true, 120, 'Am']);
		const sidecar = vscode.Uri.file(`${file.fsPath}.evolink.json`);
		await vscode.commands.executeCommand('evolink.regenerateFromFile', sidecar, { prompt: 'Rain on a glass roof' });
		assert.deepEqual([sent().prompt, sent().soundLoop, sent().soundTempo, sent().soundKey], ['Rain on a glass roof', true, 120, 'Am']);
		await assert.rejects(
			Promise.resolve(vscode.commands.executeCommand('evolink.regenerateFromFile', vscode.Uri.file(path.join(folder, 'nothing.wav')), {})),
			/only files EvoLink Studio saved/,
		);
	});

	it('hovering over a string that names a saved sound shows its format and duration, with a Play link', async () => {
		const code = path.join(folder, 'src', 'game.ts');
		fs.mkdirSync(path.dirname(code), { recursive: true });
		fs.writeFileSync(code, "const rain = '../assets/sfx/rain-tin-roof-loop-120bpm-Am-v1.mp3';\nconst gone = 'missing.wav';\n");
		try {
			const uri = vscode.Uri.file(code);
			await vscode.workspace.openTextDocument(uri);
			const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 30));
			const text = hovers.flatMap((h) => h.contents.map((c) => typeof c === 'string' ? c : c.value)).join('\n');
			assert.match(text, /\*\*rain-tin-roof-loop-120bpm-Am-v1\.mp3\*\* — MP3 · /);
			assert.match(text, /MP3/);
			assert.match(text, /\d:\d\d/, 'a duration');
			assert.match(text, /\[\$\(play\) Play\]\(command:vscode\.open\?/);
			const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 16));
			assert.ok(!none.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('Play'))), 'no hover for a file that does not exist');
		} finally {
			fs.rmSync(path.join(folder, 'src'), { recursive: true, force: true });
		}
	});

	it('a folder outside the workspace folder is refused with a clear message, and nothing is written anywhere', async () => {
		const outside = path.join(path.dirname(folder), `evolink-outside-${path.basename(folder)}`);
		await config().update('assetFolders', { sound: `../${path.basename(outside)}` }, vscode.ConfigurationTarget.Workspace);
		const id = (await p.api.getTasks()).find((t) => t.model === 'suno-sounds' && t.results[0]?.localPath)!.id;
		const before = fs.readdirSync(path.join(folder, 'assets', 'sfx')).length;
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('evolink.saveToWorkspace', id, 0)), /leaves the workspace folder.*Nothing was written/);
		assert.equal(fs.existsSync(outside), false, 'nothing outside');
		assert.equal(fs.readdirSync(path.join(folder, 'assets', 'sfx')).length, before, 'nothing inside either');
	});
});

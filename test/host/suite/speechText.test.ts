import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Providers, setUpProviders, speechPromptsSince } from '../fixture';

const SPEECH = 'POST /v1/audios/generations';

/** Speak Selection sends what should be read: Markdown as prose, code as its comments, the lexicon applied, one task per cursor. */
describe('speakable text, lexicon and several cursors', function() {
	this.timeout(90_000);
	let p: Providers;
	let folder: string;
	before(async () => {
		p = await setUpProviders();
		folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
	});
	after(async () => {
		fs.rmSync(path.join(folder, '.evolink'), { recursive: true, force: true });
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await p?.evolink.close();
		await p?.sounds.close();
	});

	const promptsSince = (since: number): string[] => speechPromptsSince(p, since);
	const speechPosts = (): number => p.evolink.count(SPEECH);

	it('an options prompt in Markdown is sent as prose; clean: false sends it as it is', async () => {
		const before = speechPosts();
		const markdown = '# The Keeper\n\nMara climbed the **stairs** at `dusk`, as the [log](https://example.com/log) said.\n\n```js\nlight();\n```';
		await vscode.commands.executeCommand('evolink.speakSelection', { prompt: markdown, format: 'mp3' });
		await vscode.commands.executeCommand('evolink.speakSelection', { prompt: '**as is**', clean: false, format: 'mp3' });
		assert.deepEqual(promptsSince(before), [
			'The Keeper.\n\nMara climbed the stairs at dusk, as the log said.',
			'**as is**',
		]);
	});

	it('two cursors in a Markdown file make two tasks, each its own cleaned text, with the lexicon applied', async () => {
		fs.mkdirSync(path.join(folder, '.evolink'), { recursive: true });
		fs.writeFileSync(path.join(folder, '.evolink', 'lexicon.json'), JSON.stringify({ Mara: 'MAH-rah' }));
		const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '*Mara* waits.\n\nThe [lamp](x.png) **burns**.\n' });
		const editor = await vscode.window.showTextDocument(doc);
		editor.selections = [new vscode.Selection(doc.lineAt(0).range.start, doc.lineAt(0).range.end), new vscode.Selection(doc.lineAt(2).range.start, doc.lineAt(2).range.end)];
		const before = speechPosts();
		const ids = await vscode.commands.executeCommand<string[]>('evolink.speakSelection', { format: 'mp3' });
		assert.ok(Array.isArray(ids) && ids.length === 2, `two task ids: ${JSON.stringify(ids)}`);
		assert.notEqual(ids[0], ids[1]);
		assert.deepEqual(promptsSince(before), ['MAH-rah waits.', 'The lamp burns.']);
		for (const id of ids) { assert.ok(await p.api.getTask(id), `task ${id} is in the list`); }
	});

	it('a selection in a TypeScript file speaks its comments, not the code', async () => {
		const doc = await vscode.workspace.openTextDocument({
			language: 'typescript',
			content: '// The beam sweeps the bay.\nconst url = "http://x"; // every ten seconds\nsweep(url);\n',
		});
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(0, 0, 3, 0);
		const before = speechPosts();
		await vscode.commands.executeCommand('evolink.speakSelection', { format: 'mp3' });
		assert.deepEqual(promptsSince(before), ['The beam sweeps the bay.\n\nevery ten seconds']);
	});

	it('code without comments sends nothing and the script is told why', async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;\n' });
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(0, 0, 1, 0);
		const before = speechPosts();
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('evolink.speakSelection', { format: 'mp3' })), /Nothing to read aloud in the selection/);
		assert.equal(speechPosts(), before, 'no request');
	});

	it('evolink.addPronunciation writes the word into .evolink/lexicon.json, keeping what was there', async () => {
		const file = await vscode.commands.executeCommand<string>('evolink.addPronunciation', 'Nginx', 'engine x');
		assert.equal(file, path.join(folder, '.evolink', 'lexicon.json'));
		assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { Mara: 'MAH-rah', Nginx: 'engine x' });
		const before = speechPosts();
		await vscode.commands.executeCommand('evolink.speakSelection', { prompt: 'Nginx serves Mara.', format: 'mp3' });
		assert.deepEqual(promptsSince(before), ['engine x serves MAH-rah.']);
	});
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { probe, settled, setUpProviders, waitForTask, type Providers } from '../fixture';

const CREATE = 'POST /v1/audios/generations';
const CHARLIE = 'ICL_uranus_en_female_charlie_tob';
const ETHAN = 'ICL_uranus_en_male_ethan_tob';
const ALASTOR = 'ICL_uranus_en_male_alastor_tob';
const SCRIPT = 'MARA: Is the **lamp** lit?\nTOBIAS: Since dusk.\nNARRATOR: The sea was calm.\nMARA: Then we wait.';

/** A script is voiced by its cast, line by line, in script order, into one file. */
describe('speech with a cast: a script, many voices', function() {
	let jobId = '';
	this.timeout(120_000);
	let p: Providers;
	let folder: string;
	before(async () => {
		p = await setUpProviders(1000);
		folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
	});
	after(async () => {
		fs.rmSync(path.join(folder, '.evolink'), { recursive: true, force: true });
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await p?.evolink.close();
		await p?.sounds.close();
	});

	const sentSince = (since: number) =>
		p.evolink.received
			.filter((r) => r.method === 'POST' && r.path === '/v1/audios/generations')
			.slice(since)
			.map((r) => r.body as { prompt: string; audio_references?: string[] });

	it('a speaker without a voice stops the job before anything is sent, naming them', async () => {
		const before = p.evolink.count(CREATE);
		await assert.rejects(
			Promise.resolve(vscode.commands.executeCommand('evolink.speakSelection', { prompt: SCRIPT, cast: { MARA: CHARLIE } })),
			/No voice in the cast for TOBIAS, NARRATOR\./,
		);
		assert.equal(p.evolink.count(CREATE), before, 'nothing was sent');
	});

	it('Build Cast from Script writes .evolink/cast.json with a voice per speaker', async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: SCRIPT });
		await vscode.window.showTextDocument(doc);
		const file = await vscode.commands.executeCommand<string>('evolink.buildCast', { voices: { MARA: CHARLIE, TOBIAS: ETHAN, NARRATOR: ALASTOR } });
		assert.equal(file, path.join(folder, '.evolink', 'cast.json'));
		assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { MARA: CHARLIE, TOBIAS: ETHAN, NARRATOR: ALASTOR });
	});

	it("the selected script is spoken line by line in each speaker's voice, in order, joined into one file", async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: SCRIPT });
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(0, 0, doc.lineCount, 0);
		const before = p.evolink.count(CREATE);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { format: 'mp3' });
		assert.match(id, /^job-/);
		const job = await waitForTask(p.api, id, settled, 60_000);
		assert.equal(job.status, 'completed', JSON.stringify(job.error));
		const sent = sentSince(before);
		assert.deepEqual(sent.map((b) => [b.prompt, b.audio_references]), [
			['Is the lamp lit?', [CHARLIE]],
			['Since dusk.', [ETHAN]],
			['The sea was calm.', [ALASTOR]],
			['Then we wait.', [CHARLIE]],
		]);
		const parts = (await p.api.getTask(id))!.parts!;
		assert.deepEqual(parts.map((x) => x.paragraph), [0, 1, 2, 3], 'a line never shares a part');
		const joined = probe(job.results[0].localPath!);
		assert.ok(joined.duration > 4 * 2.9 + 3 * 0.39, `one file of four lines and three pauses: ${joined.duration} s`);
		jobId = id;
	});

	it('on request, each line becomes a file of its own, NN-speaker, in script order', async () => {
		const uris = await vscode.commands.executeCommand<string[]>('evolink.saveCastLines', jobId);
		const names = uris.map((u) => path.basename(vscode.Uri.parse(u).fsPath));
		assert.deepEqual(names, ['01-mara.wav', '02-tobias.wav', '03-narrator.wav', '04-mara.wav']);
		const dir = path.dirname(vscode.Uri.parse(uris[0]).fsPath);
		assert.match(path.basename(dir), /-lines$/);
		for (const u of uris) {
			const file = vscode.Uri.parse(u).fsPath;
			assert.ok(probe(file).duration > 2.5, `${file} is a line of speech`);
			assert.ok(fs.existsSync(`${file}.evolink.json`), 'with its sidecar');
		}
		assert.deepEqual(await vscode.commands.executeCommand<string[]>('evolink.saveCastLines', jobId), uris, 'asking again writes nothing new');
		fs.rmSync(dir, { recursive: true, force: true });
	});
});

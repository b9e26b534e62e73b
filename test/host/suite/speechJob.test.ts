import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JobPartView } from '../../../src/publicApi';
import { probe, type Providers, settled, setUpProviders, speechPromptsSince, waitForTask } from '../fixture';

const CREATE = 'POST /v1/audios/generations';
const LIMIT = 1500;

/** A paragraph of about `length` characters, with Markdown a writer would use. */
function paragraph(n: number, length: number): string {
	const words = ['the', 'keeper', 'climbed', 'stairs', 'while', 'waves', 'broke', 'below', 'and', 'lamp', 'turned', 'slowly'];
	let text = `**Paragraph ${n}.** Mara [watched](https://example.com/${n}) the sea.`;
	for (let i = 0; text.length < length; i++) {
		text += `${i % 9 === 0 ? ' ' : ' '}${words[(i * 7 + n) % words.length]}${i % 11 === 10 ? '.' : ''}`;
	}
	return `${text}.`;
}

/** A 10,000-character chapter: short and long paragraphs, a heading and a code block (not read). */
function chapter(edit?: number): string {
	const paragraphs = Array.from({ length: 12 }, (_, i) => paragraph(i + 1, i % 5 === 0 ? 1900 : 640) + (edit === i ? ' Edited here.' : ''));
	return ['# Chapter One', ...paragraphs.slice(0, 3), '```ts\nconst notRead = true;\n```', ...paragraphs.slice(3)].join('\n\n');
}

/** A writer's chapter becomes one voiceover: parts under the limit, joined; nothing paid twice. */
describe('speech jobs: a chapter becomes one file', function() {
	this.timeout(180_000);
	let p: Providers;
	before(async () => {
		p = await setUpProviders(1000);
	});
	afterEach(() => {
		p.evolink.clearFaults();
	});
	after(async () => {
		await p?.evolink.close();
		await p?.sounds.close();
	});

	const promptsSince = (since: number): string[] => speechPromptsSince(p, since);

	let firstParts: JobPartView[] = [];

	it('over the limit, speakSelection returns a job; every request is under the limit, free of Markdown, in order; one joined file', async () => {
		const text = chapter();
		assert.ok(text.length > 10_000, `chapter of ${text.length} characters`);
		const before = p.evolink.count(CREATE);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: text, voice: 'ICL_uranus_en_female_charlie_tob' });
		assert.match(id, /^job-/);
		const job = await waitForTask(p.api, id, settled, 150_000);
		assert.equal(job.status, 'completed', JSON.stringify(job.error));
		const view = await p.api.getTask(id);
		const parts = view!.parts!;
		firstParts = parts;
		const sent = promptsSince(before);
		assert.equal(sent.length, parts.length, 'one request per part');
		assert.deepEqual(sent, parts.map((x) => x.text), 'the requests are the parts, in order');
		for (const prompt of sent) {
			assert.ok(prompt.length <= LIMIT, `a request of ${prompt.length} characters`);
			for (const syntax of ['**', '](', '```', '# ', 'https://', 'notRead']) { assert.ok(!prompt.includes(syntax), `"${syntax}" sent in: ${prompt.slice(0, 80)}`); }
		}
		assert.ok(parts.every((x) => x.status === 'completed' && !x.fromCache));
		assert.ok(parts.length > 12, 'the long paragraphs were split');
		// The joined file lasts as long as the parts plus the pauses between them.
		assert.equal(job.results.length, 1);
		const joined = probe(job.results[0].localPath!);
		assert.equal(joined.codec, 'pcm_s16le');
		let expected = 0;
		for (const [i, part] of parts.entries()) {
			const t = await p.api.getTask(part.taskId!);
			expected += probe(t!.results[0].localPath!).duration;
			if (i > 0) { expected += part.paragraph !== parts[i - 1].paragraph ? 0.4 : 0.15; }
		}
		assert.ok(Math.abs(joined.duration - expected) < 0.01, `joined ${joined.duration} s, parts and pauses ${expected} s`);
		assert.deepEqual(job.job!.offsetsSec!.length, parts.length);
	});

	it('speaking the same chapter again sends no request and reuses every part', async () => {
		const before = p.evolink.count(CREATE);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: chapter(), voice: 'ICL_uranus_en_female_charlie_tob' });
		const job = await waitForTask(p.api, id, settled, 60_000);
		assert.equal(job.status, 'completed');
		assert.equal(p.evolink.count(CREATE), before, '0 requests');
		assert.equal(job.job!.cachedParts, firstParts.length);
		assert.ok((await p.api.getTask(id))!.parts!.every((x) => x.fromCache));
	});

	it("after editing one paragraph, only that paragraph's parts are generated again", async () => {
		const before = p.evolink.count(CREATE);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: chapter(5), voice: 'ICL_uranus_en_female_charlie_tob' });
		const job = await waitForTask(p.api, id, settled, 60_000);
		assert.equal(job.status, 'completed');
		const parts = (await p.api.getTask(id))!.parts!;
		const fresh = parts.filter((x) => !x.fromCache);
		assert.ok(fresh.length >= 1, 'the edited paragraph was spoken again');
		assert.ok(fresh.every((x) => x.paragraph === fresh[0].paragraph), 'all from one paragraph');
		assert.ok(fresh.some((x) => x.text.includes('Edited here.')));
		assert.equal(p.evolink.count(CREATE) - before, fresh.length, 'exactly those requests');
	});

	it("a selected chapter can be followed: the job knows each paragraph's lines, and Play from Cursor finds the cursor's part", async () => {
		const text = ['# The Light', '', paragraph(201, 900), '', paragraph(202, 900), '', paragraph(203, 900)].join('\n');
		const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(0, 0, doc.lineCount, 0);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { voice: 'ICL_uranus_en_female_charlie_tob' });
		assert.match(id, /^job-/);
		const job = await waitForTask(p.api, id, settled, 60_000);
		assert.equal(job.status, 'completed', JSON.stringify(job.error));
		assert.equal(job.job!.source!.uri, doc.uri.toString());
		assert.deepEqual(job.job!.source!.paragraphLines, [[0, 1], [2, 3], [4, 5], [6, 7]]);
		editor.selection = new vscode.Selection(4, 3, 4, 3);
		const hit = await vscode.commands.executeCommand<{ taskId: string; part: number }>('evolink.playFromCursor');
		assert.equal(hit.taskId, id);
		const parts = (await p.api.getTask(id))!.parts!;
		assert.equal(parts[hit.part].paragraph, 2, "the cursor's paragraph (the third block, line 5)");
		assert.ok(parts[hit.part].text.startsWith('Paragraph 202.'));
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	it('a part that failed is retried alone, and the job then joins', async () => {
		const text = [paragraph(101, 700), paragraph(102, 700), paragraph(103, 700)].join('\n\n');
		p.evolink.inject({ route: CREATE, kind: 'status', status: 500, times: 1 });
		const before = p.evolink.count(CREATE);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: text, voice: 'ICL_uranus_en_female_charlie_tob' });
		const failed = await waitForTask(p.api, id, settled, 60_000);
		assert.equal(failed.status, 'failed');
		assert.match(failed.error!.message, /1 of 3 parts failed; part 1/);
		assert.match(failed.error!.action ?? '', /Retry the failed part alone/);
		assert.equal(p.evolink.count(CREATE) - before, 3, 'three POSTs, the first answered 500');
		assert.equal(await vscode.commands.executeCommand('evolink.retryPart', { jobId: id, index: 0 }), id);
		const job = await waitForTask(p.api, id, (t) => t.status === 'completed', 60_000);
		assert.equal(p.evolink.count(CREATE) - before, 4, 'only the failed part was sent again');
		assert.ok(job.results[0].localPath);
	});
});

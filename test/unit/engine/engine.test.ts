import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Services } from '../../../src/services';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../../fakes';

let evolink: FakeServer;
let sounds: FakeServer;
before(async () => {
	evolink = await startFakeEvolink({ taskDurationMs: 800 });
	sounds = await startFakeSounds({ taskDurationMs: 800 });
});
after(async () => {
	await evolink.close();
	await sounds.close();
});

async function open(dir: string): Promise<Services> {
	return Services.create({
		storageDir: dir,
		getApiKey: async (p) => p === 'evolink' ? evolink.apiKey : sounds.apiKey,
		settings: () => ({ evolinkBaseUrl: evolink.baseUrl, evolinkFilesBaseUrl: evolink.baseUrl, soundsBaseUrl: sounds.baseUrl, maxDownloadMb: 50 }),
		log: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
		userAgent: 'test',
	});
}

async function until(s: Services, id: string, done: (t: TaskSnapshot) => boolean, ms = 20_000): Promise<TaskSnapshot> {
	const end = Date.now() + ms;
	for (;;) {
		const t = s.store.get(id);
		if (t && done(t)) { return t; }
		if (Date.now() > end) { throw new Error(`timeout; last ${JSON.stringify(t)}`); }
		await new Promise((r) => setTimeout(r, 100));
	}
}

const downloaded = (t: TaskSnapshot) => t.status === 'completed' && t.results.length > 0 && t.results.every((r) => r.localPath || r.downloadError);

test('submit persists the task before polling, then downloads the result into storage', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
	const s = await open(dir);
	try {
		const task = await s.engine.submit('doubao-seed-audio-1-0', { prompt: 'hello there', format: 'mp3' });
		const journal = fs.readFileSync(path.join(dir, 'tasks', 'tasks.jsonl'), 'utf8');
		assert.ok(journal.includes(task.id), 'on disk when submit resolves');
		const done = await until(s, task.id, downloaded);
		assert.equal(done.results[0].downloadError, undefined);
		assert.ok(fs.statSync(done.results[0].localPath!).size > 1000);
	} finally {
		await s.dispose();
	}
});

test('a crash mid-task loses nothing: a new engine over the same storage resumes, completes and downloads, with one POST', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
	evolink.setTaskDuration(1500);
	const posts = evolink.count('POST /v1/audios/generations');
	const first = await open(dir);
	const task = await first.engine.submit('doubao-seed-audio-1-0', { prompt: 'survive the crash', format: 'wav' });
	await first.dispose();
	const second = await open(dir);
	try {
		const done = await until(second, task.id, downloaded);
		assert.ok(done.results[0].localPath);
		assert.equal(evolink.count('POST /v1/audios/generations'), posts + 1);
	} finally {
		await second.dispose();
		evolink.setTaskDuration(800);
	}
});

test('a finished task whose result was not downloaded before the crash is downloaded on resume', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
	const first = await open(dir);
	const task = await first.engine.submit('suno-sounds', { prompt: 'a door creak', soundLoop: false });
	await first.dispose();
	sounds.finishTask(task.id, 'completed');
	const second = await open(dir);
	try {
		const done = await until(second, task.id, downloaded);
		assert.equal(done.results.length, 2);
		assert.ok(done.results.every((r) => r.localPath));
	} finally {
		await second.dispose();
	}
});

test('refreshing a running task many times never starts a second poller', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
	evolink.setTaskDuration(3000);
	const s = await open(dir);
	try {
		const task = await s.engine.submit('doubao-seed-audio-1-0', { prompt: 'patience', format: 'mp3' });
		const route = `GET /v1/tasks/${task.id}`;
		for (let i = 0; i < 50; i++) { s.engine.refresh(task.id); }
		await until(s, task.id, downloaded);
		assert.ok(evolink.count(route) <= 12, `polled ${evolink.count(route)} times for a 3 s task despite 50 refreshes`);
	} finally {
		await s.dispose();
		evolink.setTaskDuration(800);
	}
});

test('the journal holds the task but never the API key', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
	const s = await open(dir);
	try {
		const task = await s.engine.submit('doubao-seed-audio-1-0', { prompt: 'no secrets on disk' });
		await until(s, task.id, downloaded);
	} finally {
		await s.dispose();
	}
	const journal = fs.readFileSync(path.join(dir, 'tasks', 'tasks.jsonl'), 'utf8');
	assert.ok(journal.includes('no secrets on disk'));
	assert.ok(!journal.includes(evolink.apiKey) && !journal.includes(sounds.apiKey));
});

test('a Suno Sounds task the provider does not know (body code 400) stops polling at once, with what to do next', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
	sounds.setTaskDuration(60_000);
	const first = await open(dir);
	const task = await first.engine.submit('suno-sounds', { prompt: 'a ghost task', soundLoop: false });
	await first.dispose();
	sounds.setTaskDuration(800);
	// The provider forgets it: the journal now names an id the fake never issued.
	const journal = path.join(dir, 'tasks', 'tasks.jsonl');
	fs.writeFileSync(journal, fs.readFileSync(journal, 'utf8').replaceAll(task.id, 'ghost0000000000000000000000000000'));
	const polls = () => sounds.received.filter((r) => r.path === '/api/v1/generate/record-info' && r.query.includes('ghost0000')).length;
	const second = await open(dir);
	try {
		const failed = await until(second, 'ghost0000000000000000000000000000', (t) => t.error !== undefined, 10_000);
		assert.match(failed.error!.message, /task not found/);
		assert.match(failed.error!.action ?? '', /does not know this task/);
		const seen = polls();
		await new Promise((r) => setTimeout(r, 3000));
		assert.equal(polls(), seen, 'no more polls after the provider said it does not know the task');
		assert.equal(seen, 1);
	} finally {
		await second.dispose();
	}
});

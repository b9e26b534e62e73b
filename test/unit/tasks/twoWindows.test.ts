import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeSounds, type FakeServer } from '../../fakes';
import type { TaskSnapshot } from '../../../src/shared/domain';

/** A "window": the services in a child process, sharing one storage folder with the others. */
class Window {
	private next = 0;
	private readonly waiting = new Map<number, (v: unknown) => void>();
	readonly proc: ChildProcess;
	constructor(readonly name: string) {
		this.proc = fork(path.join(__dirname, 'windowProcess.js'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		this.proc.on('message', (m: { id?: number; value?: unknown; error?: string }) => {
			if (m.id !== undefined) {
				this.waiting.get(m.id)?.(m.error ? new Error(m.error) : m.value);
				this.waiting.delete(m.id);
			}
		});
	}
	async start(storage: string, sounds: FakeServer): Promise<void> {
		const ready = new Promise((r) => this.proc.once('message', r));
		this.proc.send({ storage, soundsUrl: sounds.baseUrl, key: sounds.apiKey, name: this.name });
		await ready;
	}
	private call(op: 'submit' | 'get', extra: object = {}): Promise<unknown> {
		const id = this.next++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, (v) => v instanceof Error ? reject(v) : resolve(v));
			this.proc.send({ id, op, ...extra });
		});
	}
	submit(prompt: string): Promise<string> {
		return this.call('submit', { prompt }) as Promise<string>;
	}
	async task(id: string): Promise<TaskSnapshot | undefined> {
		return ((await this.call('get')) as TaskSnapshot[]).find((t) => t.id === id);
	}
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) { return v; }
		if (Date.now() > deadline) { throw new Error(`timed out waiting for ${what}`); }
		await new Promise((r) => setTimeout(r, 200));
	}
}

const downloaded = (t: TaskSnapshot | undefined) => t?.status === 'completed' && t.results.length > 0 && t.results.every((r) => r.localPath) ? t : undefined;

/** Issue 11: two windows of one workspace must not poll and download the same task twice. */
describe('two windows on one storage folder (two processes)', { timeout: 120_000 }, () => {
	let sounds: FakeServer;
	let storage: string;
	const windows: Window[] = [];
	before(async () => {
		sounds = await startFakeSounds({ taskDurationMs: 5000 });
		storage = await mkdtemp(path.join(os.tmpdir(), 'evolink-windows-'));
	});
	after(async () => {
		for (const w of windows) { w.proc.kill('SIGKILL'); }
		await sounds.close();
		await rm(storage, { recursive: true, force: true });
	});
	const byWindow = (name: string, pathPrefix: string, taskId?: string) =>
		sounds.received.filter((r) => r.headers['user-agent'] === `window-${name}` && r.path.startsWith(pathPrefix) && (!taskId || r.query.includes(taskId))).length;
	const media = () => sounds.received.filter((r) => r.method === 'GET' && r.path.startsWith('/media/'));

	it('only the window that submitted polls and downloads; the other follows the same task to done through the store', async () => {
		const a = new Window('A');
		const b = new Window('B');
		windows.push(a, b);
		await a.start(storage, sounds);
		await b.start(storage, sounds);
		const mediaBefore = media().length;
		const id = await a.submit('a door creaks open');
		const inB = await until('B to see the task downloaded', async () => downloaded(await b.task(id)));
		assert.equal(inB.results.length, 2);
		assert.ok(byWindow('A', '/api/v1/generate/record-info', id) >= 1, 'A polled');
		assert.equal(byWindow('B', '/api/v1/generate/record-info', id), 0, 'B never polled it');
		assert.equal(media().length - mediaBefore, 2, 'each result downloaded once');
		assert.equal(media().slice(mediaBefore).filter((r) => r.headers['user-agent'] === 'window-B').length, 0, 'B downloaded nothing');
	});

	it('when the polling window dies mid-task, the other takes over within seconds and finishes it, downloading each result once', async () => {
		const [a, b] = windows;
		const mediaBefore = media().length;
		// Long enough that A is still waiting for it when it dies.
		sounds.setTaskDuration(20_000);
		const id = await a.submit('rain against a window');
		await until('A to poll once', async () => byWindow('A', '/api/v1/generate/record-info', id) > 0 || undefined);
		a.proc.kill('SIGKILL');
		const killedAt = Date.now();
		const inB = await until('B to finish the task', async () => downloaded(await b.task(id)));
		const took = Date.now() - killedAt;
		assert.ok(byWindow('B', '/api/v1/generate/record-info', id) >= 1, 'B polled after A died');
		assert.equal(inB.results.length, 2);
		assert.equal(media().length - mediaBefore, 2, 'each result downloaded once');
		assert.equal(media().slice(mediaBefore).filter((r) => r.headers['user-agent'] === 'window-B').length, 2, 'by B');
		assert.ok(took < 40_000, `took over and finished ${took} ms after the kill`);
		assert.equal(sounds.count('POST /api/v1/generate/sounds'), 2, 'nothing submitted twice');
	});
});

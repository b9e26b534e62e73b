import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { startFakeEvolink } from '../../fakes';

const MAIN = join(__dirname, '../../fakes/main.js');

async function freePort(): Promise<number> {
	const srv = createServer().listen(0, '127.0.0.1');
	await once(srv, 'listening');
	const port = (srv.address() as { port: number }).port;
	await new Promise((r) => srv.close(r));
	return port;
}

test('fake provider (test double): main.js prints one JSON line with both fakes and stops on SIGTERM', async () => {
	const port = await freePort();
	const child = spawn(process.execPath, [MAIN, '--evolink-port', String(port), '--task-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
		const info = JSON.parse(line);
		assert.deepEqual(Object.keys(info), ['evolink', 'sounds']);
		assert.equal(info.evolink.baseUrl, `http://127.0.0.1:${port}`);
		assert.equal(info.evolink.apiKey, 'sk-evo-test-0123456789abcdef');
		assert.match(info.sounds.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.equal(info.sounds.apiKey, 'suno-test-0123456789abcdef');

		const created = await fetch(`${info.evolink.baseUrl}/v1/audios/generations`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${info.evolink.apiKey}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ model: 'doubao-seed-audio-1-0', prompt: 'sandbox' }),
		}).then((r) => r.json() as Promise<{ id: string }>);
		// --task-ms 0: the task is complete at once.
		const task = await fetch(`${info.evolink.baseUrl}/v1/tasks/${created.id}`, { headers: { Authorization: `Bearer ${info.evolink.apiKey}` } }).then((r) =>
			r.json() as Promise<{ status: string }>
		);
		assert.equal(task.status, 'completed');
		const credit = await fetch(`${info.sounds.baseUrl}/api/v1/generate/credit`, { headers: { Authorization: `Bearer ${info.sounds.apiKey}` } }).then((r) => r.json());
		assert.deepEqual(credit, { code: 200, msg: 'success', data: 500 });
	} finally {
		child.kill('SIGTERM');
	}
	const [code] = (await once(child, 'exit')) as [number | null];
	assert.equal(code, 0);
});

test('fake provider (test double): main.js rejects a bad port argument', async () => {
	const child = spawn(process.execPath, [MAIN, '--sounds-port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
	const [code] = (await once(child, 'exit')) as [number | null];
	assert.equal(code, 1);
	assert.match(stderr, /--sounds-port/);
});

test('fake provider (test double): the port option binds the given port', async () => {
	const port = await freePort();
	const fake = await startFakeEvolink({ port });
	try {
		assert.equal(fake.baseUrl, `http://127.0.0.1:${port}`);
	} finally {
		await fake.close();
	}
});

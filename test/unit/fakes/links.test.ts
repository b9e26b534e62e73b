import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeEvolink, startFakeSounds } from '../../fakes';
import { clearMediaCache } from '../../fakes/media/render';
import { parseRange } from '../../fakes/media/store';
import { callJson, createTask, download, pollTask, pollUntil } from './helpers';

let evo: FakeServer;

before(async () => {
	evo = await startFakeEvolink({ taskDurationMs: 0 });
});
after(() => evo.close());

async function resultUrls(body: Record<string, unknown>, fake = evo): Promise<string[]> {
	const c = await createTask(fake, body);
	return (await pollTask(fake, c.id)).at(-1).results;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('fake provider (test double): parseRange handles the single-range forms', () => {
	assert.deepEqual(parseRange('bytes=0-99', 1000), { start: 0, end: 99 });
	assert.deepEqual(parseRange('bytes=900-', 1000), { start: 900, end: 999 });
	assert.deepEqual(parseRange('bytes=-100', 1000), { start: 900, end: 999 });
	assert.deepEqual(parseRange('bytes=990-2000', 1000), { start: 990, end: 999 });
	assert.equal(parseRange('bytes=1000-', 1000), 'unsatisfiable');
	assert.equal(parseRange('bytes=-0', 1000), 'unsatisfiable');
	assert.equal(parseRange('bytes=50-10', 1000), undefined);
	assert.equal(parseRange('items=0-1', 1000), undefined);
	assert.equal(parseRange(undefined, 1000), undefined);
});

test('fake provider (test double): Range requests: 206 slices, suffix and open ranges, 416, HEAD', async () => {
	const [url] = await resultUrls({ model: 'doubao-seed-audio-1-0', prompt: 'range me' });
	const full = await download(url);
	const n = full.bytes.length;
	assert.equal(full.headers.get('accept-ranges'), 'bytes');

	const first = await download(url, { Range: 'bytes=0-99' });
	assert.equal(first.status, 206);
	assert.equal(first.headers.get('content-range'), `bytes 0-99/${n}`);
	assert.equal(first.headers.get('content-length'), '100');
	assert.equal(first.headers.get('content-type'), 'audio/wav');
	assert.deepEqual(first.bytes, full.bytes.subarray(0, 100));

	const tail = await download(url, { Range: 'bytes=-50' });
	assert.equal(tail.status, 206);
	assert.equal(tail.headers.get('content-range'), `bytes ${n - 50}-${n - 1}/${n}`);
	assert.deepEqual(tail.bytes, full.bytes.subarray(n - 50));

	const open = await download(url, { Range: `bytes=${n - 10}-` });
	assert.deepEqual(open.bytes, full.bytes.subarray(n - 10));

	const beyond = await download(url, { Range: `bytes=${n}-` });
	assert.equal(beyond.status, 416);
	assert.equal(beyond.headers.get('content-range'), `bytes */${n}`);

	const head = await fetch(url, { method: 'HEAD' });
	assert.equal(head.status, 200);
	assert.equal(head.headers.get('content-length'), String(n));
	assert.equal((await head.arrayBuffer()).byteLength, 0);
});

test('fake provider (test double): links expire linkTtlMs after completion with 403', async () => {
	const fake = await startFakeEvolink({ taskDurationMs: 0, linkTtlMs: 300 });
	try {
		const [url] = await resultUrls({ model: 'doubao-seed-audio-1-0', prompt: 'expiring' }, fake);
		const expires = Number(new URL(url).searchParams.get('expires'));
		assert.ok(expires > Date.now() && expires <= Date.now() + 300);
		assert.equal((await download(url)).status, 200);
		await sleep(Math.max(0, expires - Date.now()) + 30);
		const gone = await download(url);
		assert.equal(gone.status, 403);
		assert.match(gone.bytes.toString(), /AccessDenied/);
	} finally {
		await fake.close();
	}
});

test('fake provider (test double): setLinkTtl applies to links already handed out; signatures cannot be forged', async () => {
	const [url] = await resultUrls({ model: 'doubao-seed-audio-1-0', prompt: 'ttl switch' });
	assert.equal((await download(url)).status, 200);
	evo.setLinkTtl(0);
	try {
		await sleep(5);
		assert.equal((await download(url)).status, 403);
	} finally {
		evo.setLinkTtl(24 * 3600 * 1000);
	}
	assert.equal((await download(url)).status, 200);
	const forged = new URL(url);
	forged.searchParams.set('expires', String(Date.now() + 1e9));
	assert.equal((await download(forged.toString())).status, 403);
	const unsigned = new URL(url);
	unsigned.searchParams.delete('sig');
	assert.equal((await download(unsigned.toString())).status, 403);
	assert.equal((await download(`${evo.baseUrl}/media/task-unified-1-none-0.wav`)).status, 404);
});

test('fake provider (test double): Suno Sounds links default to 72 h; EvoLink to 24 h', async () => {
	const [url] = await resultUrls({ model: 'doubao-seed-audio-1-0', prompt: 'ttl default' });
	const evoTtl = Number(new URL(url).searchParams.get('expires')) - Date.now();
	assert.ok(Math.abs(evoTtl - 24 * 3600 * 1000) < 60_000);
	const sounds = await startFakeSounds({ taskDurationMs: 0 });
	try {
		const { json } = await callJson(sounds, '/api/v1/generate/sounds', { body: { prompt: 'ttl', model: 'V5' } });
		const info = await pollUntil(async () => (await callJson(sounds, `/api/v1/generate/record-info?taskId=${json.data.taskId}`)).json, (j) => j.data.status === 'SUCCESS');
		const audioUrl = info.at(-1).data.response.sunoData[0].audioUrl;
		const soundsTtl = Number(new URL(audioUrl).searchParams.get('expires')) - Date.now();
		assert.ok(Math.abs(soundsTtl - 72 * 3600 * 1000) < 60_000);
	} finally {
		await sounds.close();
	}
});

test('fake provider (test double): determinism: same prompt and params give identical bytes (re-rendered, not cached), other prompts differ', async () => {
	const fetchResult = async (body: Record<string, unknown>, endpoint?: string): Promise<Buffer> => {
		const task = await createTask(evo, body, endpoint);
		return (await download((await pollTask(evo, task.id)).at(-1).results[0])).bytes;
	};
	const cases: Array<[Record<string, unknown>, string | undefined, Record<string, unknown>]> = [
		[{ model: 'doubao-seed-audio-1-0', prompt: 'same words', format: 'mp3' }, undefined, { prompt: 'other words' }],
		[{ model: 'doubao-seed-audio-1-0', prompt: 'same words', format: 'mp3' }, undefined, { sample_rate: 16000 }],
		[{ model: 'doubao-seed-audio-1-0', prompt: 'wav same' }, undefined, { prompt: 'wav else' }],
		[{ model: 'doubao-seed-audio-1-0', prompt: 'opus same', format: 'ogg_opus' }, undefined, { prompt: 'opus else' }],
		[{ model: 'doubao-seedance-1.0-pro-fast', prompt: 'same clip', duration: 2, quality: '480p' }, '/v1/videos/generations', { prompt: 'other clip' }],
	];
	const first = await Promise.all(cases.map(([body, endpoint]) => fetchResult(body, endpoint)));
	clearMediaCache();
	const again = await Promise.all(cases.map(([body, endpoint]) => fetchResult(body, endpoint)));
	const other = await Promise.all(cases.map(([body, endpoint, change]) => fetchResult({ ...body, ...change }, endpoint)));
	for (let i = 0; i < cases.length; i++) {
		assert.ok(first[i].equals(again[i]), `case ${i} not reproducible`);
		assert.ok(!first[i].equals(other[i]), `case ${i} did not change with ${JSON.stringify(cases[i][2])}`);
	}
});

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadToFile } from '../../../src/api/download';
import { ProviderError } from '../../../src/api/errors';
import { HttpClient } from '../../../src/api/http';
import { readWavHeader } from '../../../src/audio/wav';
import { recordingSleep, sendJson, startLoopback, type Loopback } from './loopback';

let dir: string;
let lb: Loopback;
let http: HttpClient;
const payload = Buffer.alloc(64 * 1024, 7);
/** Called when the stalling route has sent its first half. */
let onHalfSent: (() => void) | undefined;

before(async () => {
	dir = await mkdtemp(join(tmpdir(), 'evolink-dl-'));
	lb = await startLoopback((req, res) => {
		const path = (req.url ?? '').split('?')[0];
		switch (path) {
			case '/media/ok.mp3':
				res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': payload.length });
				res.end(payload);
				return;
			case '/media/chunked.mp3':
				res.writeHead(200, { 'content-type': 'audio/mpeg' });
				res.write(payload.subarray(0, 1000));
				res.end(payload.subarray(1000));
				return;
			case '/media/truncated.mp3':
				res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': payload.length });
				res.write(payload.subarray(0, 1000), () => setTimeout(() => req.socket.destroy(), 20));
				return;
			case '/media/stall.mp4':
				res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': payload.length });
				res.write(payload.subarray(0, payload.length / 2), () => onHalfSent?.());
				return;
			case '/media/gone.wav':
				sendJson(res, 404, { error: 'not found' });
				return;
			case '/media/expired-page.mp3':
				res.writeHead(200, { 'content-type': 'text/html' });
				res.end('<html>Link expired</html>');
				return;
			case '/media/pcm': {
				const pcm = Buffer.alloc(4801);
				res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': pcm.length });
				res.end(pcm);
				return;
			}
			case '/media/redirect':
				res.writeHead(302, { location: '/media/ok.mp3' });
				res.end();
				return;
			case '/media/flaky': {
				const n = lb.receipts.filter((r) => r.url === '/media/flaky').length;
				if (n < 2) {
					sendJson(res, 503, {});
				} else {
					res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': 4 });
					res.end(Buffer.from([1, 2, 3, 4]));
				}
				return;
			}
			default:
				sendJson(res, 500, {});
		}
	});
	http = new HttpClient({ sleep: recordingSleep().sleep, bodyTimeoutMs: 2000, headersTimeoutMs: 2000 });
});

after(async () => {
	await http.close();
	await lb.close();
	await rm(dir, { recursive: true, force: true });
});

async function leftovers(sub: string): Promise<string[]> {
	return readdir(join(dir, sub)).catch(() => []);
}

describe('temp files a killed extension host left', () => {
	it('are deleted by the next download to the same place; a recent one (a download in progress) is kept', async () => {
		await mkdir(join(dir, 'parts'), { recursive: true });
		const dest = join(dir, 'parts', '1.mp3');
		const stale = `${dest}.part-aaaaaaaaaaaa`;
		const live = `${dest}.part-bbbbbbbbbbbb`;
		const other = join(dir, 'parts', '2.mp3.part-cccccccccccc');
		await writeFile(stale, 'half a file');
		await writeFile(live, 'being written');
		await writeFile(other, 'another result');
		const hourAgo = new Date(Date.now() - 3_600_000);
		await utimes(stale, hourAgo, hourAgo);
		await utimes(other, hourAgo, hourAgo);
		await downloadToFile(http, `${lb.url}/media/ok.mp3`, dest, { maxBytes: 1 << 20 });
		assert.deepEqual((await leftovers('parts')).sort(), ['1.mp3', '1.mp3.part-bbbbbbbbbbbb', '2.mp3.part-cccccccccccc']);
	});
});

function kind(k: string, pattern?: RegExp) {
	return (err: unknown): boolean => {
		assert.ok(err instanceof ProviderError, String(err));
		assert.equal(err.kind, k, err.message);
		if (pattern) {
			assert.match(err.message, pattern);
		}
		return true;
	};
}

describe('downloadToFile', () => {
	it('streams to a temp file and renames it into place', async () => {
		const dest = join(dir, 'ok', 'a.mp3');
		const r = await downloadToFile(http, `${lb.url}/media/ok.mp3`, dest, { maxBytes: 1_000_000 });
		assert.deepEqual(await readFile(dest), payload);
		assert.equal(r.bytes, payload.length);
		assert.equal(r.contentType, 'audio/mpeg');
		assert.deepEqual(await leftovers('ok'), ['a.mp3']);
	});

	it('overwrites nothing but the destination and works without Content-Length', async () => {
		const dest = join(dir, 'chunked', 'b.mp3');
		await downloadToFile(http, `${lb.url}/media/chunked.mp3`, dest, { maxBytes: 1_000_000 });
		assert.deepEqual(await readFile(dest), payload);
	});

	it('never sends Authorization to the media host, even after redirects', async () => {
		const before = lb.receipts.length;
		await downloadToFile(http, `${lb.url}/media/redirect`, join(dir, 'redir', 'c.mp3'), { maxBytes: 1_000_000 });
		const media = lb.receipts.slice(before);
		assert.deepEqual(media.map((r) => r.url), ['/media/redirect', '/media/ok.mp3']);
		for (const r of media) {
			assert.equal(r.headers.authorization, undefined);
			assert.equal(r.headers['x-api-key'], undefined);
		}
	});

	it('retries a media GET on 503 before the body starts', async () => {
		const dest = join(dir, 'flaky', 'f.wav');
		await downloadToFile(http, `${lb.url}/media/flaky`, dest, { maxBytes: 100 });
		assert.deepEqual([...await readFile(dest)], [1, 2, 3, 4]);
	});

	it('leaves no partial file when cancelled mid-body', async () => {
		const ac = new AbortController();
		onHalfSent = () => ac.abort();
		await assert.rejects(downloadToFile(http, `${lb.url}/media/stall.mp4`, join(dir, 'cancel', 'v.mp4'), { maxBytes: 1_000_000, signal: ac.signal }), kind('cancelled'));
		onHalfSent = undefined;
		assert.deepEqual(await leftovers('cancel'), []);
	});

	it('times out when the body stalls, leaving nothing behind', async () => {
		const started = Date.now();
		await assert.rejects(downloadToFile(http, `${lb.url}/media/stall.mp4`, join(dir, 'stall', 'v.mp4'), { maxBytes: 1_000_000, bodyTimeoutMs: 200 }), (err: unknown) => {
			kind('timeout')(err);
			assert.equal((err as ProviderError).retryable, true);
			return true;
		});
		assert.ok(Date.now() - started < 3000);
		assert.deepEqual(await leftovers('stall'), []);
	});

	it('fails on a truncated body and cleans up', async () => {
		await assert.rejects(downloadToFile(http, `${lb.url}/media/truncated.mp3`, join(dir, 'trunc', 't.mp3'), { maxBytes: 1_000_000 }), (err: unknown) => {
			kind('network', /cut short \(got \d+ of 65536 bytes\)/)(err);
			assert.equal((err as ProviderError).retryable, true);
			return true;
		});
		assert.deepEqual(await leftovers('trunc'), []);
	});

	it('enforces the size cap from Content-Length and while streaming', async () => {
		await assert.rejects(downloadToFile(http, `${lb.url}/media/ok.mp3`, join(dir, 'cap1', 'x.mp3'), { maxBytes: 1000 }), kind('invalid-response', /download limit/));
		await assert.rejects(downloadToFile(http, `${lb.url}/media/chunked.mp3`, join(dir, 'cap2', 'x.mp3'), { maxBytes: 1000 }), kind('invalid-response', /larger than/));
		assert.deepEqual(await leftovers('cap1'), []);
		assert.deepEqual(await leftovers('cap2'), []);
	});

	it('reports 404 on a media link as expired, not retryable', async () => {
		await assert.rejects(downloadToFile(http, `${lb.url}/media/gone.wav`, join(dir, 'gone', 'g.wav'), { maxBytes: 1000 }), (err: unknown) => {
			kind('http', /the result link has expired or is gone/i)(err);
			assert.equal((err as ProviderError).retryable, false);
			assert.equal((err as ProviderError).httpStatus, 404);
			return true;
		});
		assert.deepEqual(await leftovers('gone'), []);
	});

	it('refuses a web page where media should be', async () => {
		await assert.rejects(downloadToFile(http, `${lb.url}/media/expired-page.mp3`, join(dir, 'html', 'h.mp3'), { maxBytes: 1000 }), kind('invalid-response', /text\/html/));
	});

	it('refuses disallowed URLs without any request', async () => {
		const before = lb.receipts.length;
		for (const url of ['file:///etc/passwd', 'data:audio/wav;base64,AAAA', 'http://media.example.com/a.mp3', 'https://u:p@media.example.com/a.mp3']) {
			await assert.rejects(downloadToFile(http, url, join(dir, 'bad', 'x'), { maxBytes: 1000 }), kind('validation'));
		}
		assert.equal(lb.receipts.length, before);
	});

	it('does not clobber an unrelated existing temp name and replaces the destination', async () => {
		const dest = join(dir, 'replace', 'r.mp3');
		await downloadToFile(http, `${lb.url}/media/ok.mp3`, dest, { maxBytes: 1_000_000 });
		await writeFile(dest, 'old');
		await downloadToFile(http, `${lb.url}/media/ok.mp3`, dest, { maxBytes: 1_000_000 });
		assert.equal((await readFile(dest)).length, payload.length);
	});

	it('wraps raw PCM in a WAV header with the requested rate', async () => {
		const dest = join(dir, 'pcm', 'speech.wav');
		const r = await downloadToFile(http, `${lb.url}/media/pcm`, dest, { maxBytes: 100_000, pcm: { sampleRate: 24_000 } });
		const file = await readFile(dest);
		assert.equal(file.length, 44 + 4801 + 1);
		assert.equal(r.bytes, file.length);
		assert.deepEqual(readWavHeader(file), { channels: 1, sampleRate: 24_000, byteRate: 48_000, blockAlign: 2, bitsPerSample: 16, dataBytes: 4801 });
		assert.equal(file.readUInt32LE(4), file.length - 8);
	});
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { HttpClient, type HttpClientOptions } from '../../../src/api/http';
import { recordingLog, recordingSleep, refusedPort, sendJson, startLoopback, type Loopback } from './loopback';

const open: { close(): Promise<void> }[] = [];
after(async () => {
	await Promise.all(open.map((o) => o.close()));
});

async function server(handler: Parameters<typeof startLoopback>[0]): Promise<Loopback> {
	const lb = await startLoopback(handler);
	open.push(lb);
	return lb;
}

function client(extra: Partial<HttpClientOptions> = {}): { http: HttpClient; delays: number[] } {
	const s = recordingSleep();
	const http = new HttpClient({ random: () => 0.5, sleep: s.sleep, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, connectTimeoutMs: 1000, ...extra });
	open.push(http);
	return { http, delays: s.delays };
}

function isKind(kind: string) {
	return (err: unknown): boolean => {
		assert.ok(err instanceof ProviderError, `expected ProviderError, got ${String(err)}`);
		assert.equal(err.kind, kind, err.message);
		return true;
	};
}

describe('HttpClient GET retries', () => {
	it('retries 503 twice then succeeds, with 3 receipts and jittered back-off', async () => {
		let n = 0;
		const lb = await server((_req, res) => (++n < 3 ? sendJson(res, 503, { error: { code: 'service_unavailable' } }) : sendJson(res, 200, { ok: true })));
		const { http, delays } = client();
		const res = await http.getJson(`${lb.url}/v1/tasks/x`);
		assert.equal(res.status, 200);
		assert.deepEqual(res.json, { ok: true });
		assert.equal(res.attempts, 3);
		assert.equal(lb.receipts.length, 3);
		assert.deepEqual(delays, [250, 500]);
	});

	it('honours Retry-After in seconds and as an HTTP-date', async () => {
		const answers = [
			{ 'retry-after': '2' },
			{ 'retry-after': new Date(Date.now() + 5_000).toUTCString() },
		];
		let n = 0;
		const lb = await server((_req, res) => {
			const h = answers[n++];
			return h ? sendJson(res, 429, { error: { code: 'rate_limit_exceeded' } }, h) : sendJson(res, 200, {});
		});
		const { http, delays } = client();
		const res = await http.getJson(lb.url);
		assert.equal(res.status, 200);
		assert.equal(delays[0], 2000);
		assert.ok(delays[1] > 3000 && delays[1] <= 5000, `date delay ${delays[1]}`);
		assert.equal(delays.length, 2);
	});

	it('does not sleep through a Retry-After over the cap: the answer goes back with the wait', async () => {
		const lb = await server((_req, res) => sendJson(res, 429, { error: { code: 'rate_limit_exceeded' } }, { 'retry-after': '3600' }));
		const { http, delays } = client();
		const res = await http.getJson(lb.url);
		assert.equal(res.status, 429);
		assert.equal(res.retryAfterMs, 3_600_000);
		assert.deepEqual(delays, [], 'no silent hour');
		assert.equal(lb.receipts.length, 1);
	});

	it('returns the last error response (body included) when attempts run out', async () => {
		const lb = await server((_req, res) => sendJson(res, 503, { error: { code: 'service_unavailable', message: 'No channel' } }, { 'retry-after': '1' }));
		const { http } = client();
		const res = await http.getJson(lb.url);
		assert.equal(res.status, 503);
		assert.equal(res.attempts, 4);
		assert.equal(lb.receipts.length, 4);
		assert.deepEqual(res.json, { error: { code: 'service_unavailable', message: 'No channel' } });
		assert.equal(res.retryAfterMs, 1000);
	});

	it('retries a GET whose connection is reset, and does not retry 4xx', async () => {
		let n = 0;
		const lb = await server((req, res) => {
			if (req.url === '/reset' && ++n === 1) {
				req.socket.destroy();
				return;
			}
			sendJson(res, req.url === '/reset' ? 200 : 404, {});
		});
		const { http } = client();
		assert.equal((await http.getJson(`${lb.url}/reset`)).status, 200);
		assert.equal((await http.getJson(`${lb.url}/missing`)).status, 404);
		assert.equal(lb.receipts.filter((r) => r.url === '/missing').length, 1);
	});

	it('times out when headers stall', async () => {
		const lb = await server(() => undefined);
		const { http } = client({ headersTimeoutMs: 200, maxAttempts: 1 });
		const started = Date.now();
		await assert.rejects(http.getJson(lb.url), isKind('timeout'));
		assert.ok(Date.now() - started < 1500);
	});

	it('reads non-2xx bodies and keeps connections reusable', async () => {
		let connections = 0;
		const lb = await server((_req, res) => sendJson(res, 422, { error: { code: 'invalid_request', message: 'bad' } }));
		lb.server.on('connection', () => connections++);
		const { http } = client();
		for (let i = 0; i < 30; i++) {
			const res = await http.getJson(lb.url);
			assert.equal(res.status, 422);
			assert.deepEqual(res.json, { error: { code: 'invalid_request', message: 'bad' } });
		}
		assert.ok(connections <= 2, `${connections} connections for 30 sequential requests`);
	});

	it('tolerates non-JSON bodies', async () => {
		const lb = await server((_req, res) => {
			res.writeHead(502, { 'content-type': 'text/html' });
			res.end('<html>Bad gateway</html>');
		});
		const { http } = client({ maxAttempts: 1 });
		const res = await http.getJson(lb.url);
		assert.equal(res.json, undefined);
		assert.equal(res.text, '<html>Bad gateway</html>');
	});

	it('cancels on abort, during a request or a back-off pause', async () => {
		const lb = await server(() => undefined);
		const { http } = client();
		const ac = new AbortController();
		setTimeout(() => ac.abort(), 50);
		await assert.rejects(http.getJson(lb.url, { signal: ac.signal }), isKind('cancelled'));
		const pre = new AbortController();
		pre.abort();
		const before = lb.receipts.length;
		await assert.rejects(http.getJson(lb.url, { signal: pre.signal }), isKind('cancelled'));
		assert.equal(lb.receipts.length, before);
	});
});

describe('HttpClient POST safety', () => {
	it('does not retry once the body was sent and the socket dies: outcome unknown', async () => {
		const lb = await server((req) => {
			req.socket.destroy();
		});
		const { http, delays } = client();
		await assert.rejects(http.postJson(`${lb.url}/v1/audios/generations`, { model: 'x' }), (err: unknown) => {
			isKind('outcome-unknown')(err);
			assert.match((err as Error).message, /may or may not have been created/);
			assert.match((err as ProviderError).action, /task list/);
			return true;
		});
		assert.equal(lb.receipts.length, 1);
		assert.deepEqual(JSON.parse(lb.receipts[0].body.toString()), { model: 'x' });
		assert.deepEqual(delays, []);
	});

	it('does not retry when the answer never comes (headers timeout): outcome unknown', async () => {
		const lb = await server(() => undefined);
		const { http } = client({ headersTimeoutMs: 200 });
		await assert.rejects(http.postJson(lb.url, {}), isKind('outcome-unknown'));
		assert.equal(lb.receipts.length, 1);
	});

	it('returns 429/500/502 answers to the caller without retrying', async () => {
		const lb = await server((req, res) => sendJson(res, Number(req.url?.slice(1)), { error: { code: 'x' } }, { 'retry-after': '1' }));
		const { http } = client();
		for (const status of [429, 500, 502]) {
			const res = await http.postJson(`${lb.url}/${status}`, {});
			assert.equal(res.status, status);
			assert.equal(lb.receipts.filter((r) => r.url === `/${status}`).length, 1);
		}
	});

	it('retries when the connection was refused (nothing was sent), exactly once per refusal', async () => {
		const port = await refusedPort();
		const delays: number[] = [];
		const http = new HttpClient({
			random: () => 0.5,
			sleep: async (ms) => {
				delays.push(ms);
				// The server comes up on the refused port during the back-off: the retry must reach it.
				if (delays.length === 1) {
					open.push(await startLoopback((_req, res) => sendJson(res, 200, { id: 'task-unified-1-abcdefgh', status: 'pending' }), port));
				}
			},
		});
		open.push(http);
		const res = await http.postJson(`http://127.0.0.1:${port}/v1/audios/generations`, { a: 1 });
		assert.equal(res.status, 200);
		assert.equal(res.attempts, 2);
		assert.deepEqual(delays, [250]);
	});

	it('gives up with a retryable network error after refused attempts', async () => {
		const port = await refusedPort();
		const { http, delays } = client({ maxAttempts: 3 });
		await assert.rejects(http.postJson(`http://127.0.0.1:${port}/`, {}), (err: unknown) => {
			isKind('network')(err);
			assert.equal((err as ProviderError).retryable, true);
			assert.match((err as Error).message, /connection refused/);
			return true;
		});
		assert.equal(delays.length, 2);
	});

	it('refuses to send to a disallowed URL, and cancels before sending when already aborted', async () => {
		const lb = await server((_req, res) => sendJson(res, 200, {}));
		const { http } = client();
		await assert.rejects(http.postJson('http://api.example.com/v1', {}), isKind('validation'));
		const ac = new AbortController();
		ac.abort();
		await assert.rejects(http.postJson(lb.url, {}, { signal: ac.signal }), isKind('cancelled'));
		assert.equal(lb.receipts.length, 0);
	});

	it('treats an abort after sending as outcome unknown', async () => {
		const lb = await server(() => undefined);
		const { http } = client();
		const ac = new AbortController();
		const p = http.postJson(lb.url, {}, { signal: ac.signal });
		while (lb.receipts.length === 0) {
			await new Promise((r) => setTimeout(r, 5));
		}
		ac.abort();
		await assert.rejects(p, isKind('outcome-unknown'));
	});
});

describe('HttpClient lifecycle and logging', () => {
	it('closes its dispatcher and refuses further requests', async () => {
		const lb = await server((_req, res) => sendJson(res, 200, {}));
		const http = new HttpClient();
		await http.getJson(lb.url);
		await http.close();
		assert.equal(http.closed, true);
		await assert.rejects(http.getJson(lb.url), isKind('cancelled'));
	});

	it('never logs the Authorization header value', async () => {
		const lb = await server((req, res) => {
			if (req.url?.startsWith('/ok')) {
				sendJson(res, 200, {});
			} else {
				req.socket.destroy();
			}
		});
		const log = recordingLog();
		const { http } = client({ log, maxAttempts: 2 });
		const key = 'evo-SECRET-KEY-value-123456';
		await http.getJson(`${lb.url}/ok?token=abcdef123456`, { headers: { authorization: `Bearer ${key}` } });
		await http.postJson(`${lb.url}/boom`, {}, { headers: { authorization: `Bearer ${key}` } }).catch(() => undefined);
		assert.ok(log.lines.length >= 2);
		assert.equal(log.lines.some((l) => l.includes(key) || l.includes('abcdef123456')), false, log.lines.join('\n'));
	});
});

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { HttpClient, type HttpClientOptions } from '../../../src/api/http';
import { recordingSleep, sendJson, startLoopback, type Loopback } from './loopback';

const open: { close(): Promise<void> }[] = [];
after(async () => {
	await Promise.all(open.map((o) => o.close()));
});

async function server(handler: Parameters<typeof startLoopback>[0]): Promise<Loopback> {
	const lb = await startLoopback(handler);
	open.push(lb);
	return lb;
}

function client(extra: Partial<HttpClientOptions> = {}): { http: HttpClient } {
	const http = new HttpClient({ random: () => 0.5, sleep: recordingSleep().sleep, headersTimeoutMs: 2000, connectTimeoutMs: 1000, ...extra });
	open.push(http);
	return { http };
}

function isKind(kind: string) {
	return (err: unknown): boolean => {
		assert.ok(err instanceof ProviderError, `expected ProviderError, got ${String(err)}`);
		assert.equal(err.kind, kind, err.message);
		return true;
	};
}

describe('HttpClient proxy', () => {
	/** A CONNECT proxy that records tunnel targets and answers with `status`. */
	async function proxy(status: number): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
		const targets: string[] = [];
		const sockets = new Set<Socket>();
		const srv: Server = createServer((_req, res) => {
			res.writeHead(405);
			res.end();
		});
		srv.on('connection', (s: Socket) => sockets.add(s));
		srv.on('connect', (req, socket: Socket) => {
			targets.push(req.url ?? '');
			socket.end(`HTTP/1.1 ${status} Nope\r\nContent-Length: 0\r\n\r\n`);
		});
		await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
		const p = {
			url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
			targets,
			close: () => new Promise<void>((r) => {
				sockets.forEach((s) => s.destroy());
				srv.close(() => r());
			}),
		};
		open.push(p);
		return p;
	}

	it('tunnels through the configured proxy, and a refused tunnel counts as never sent', async () => {
		const px = await proxy(407);
		const { http } = client({ proxy: { url: px.url }, maxAttempts: 1 });
		await assert.rejects(http.postJson('https://api.example.test/v1/audios/generations', {}), (err: unknown) => {
			isKind('network')(err);
			assert.match((err as Error).message, /proxy refused/);
			return true;
		});
		assert.deepEqual(px.targets, ['api.example.test:443']);
	});

	it('bypasses the proxy for noProxy hosts and for loopback', async () => {
		const px = await proxy(502);
		const lb = await server((_req, res) => sendJson(res, 200, { direct: true }));
		const { http } = client({ proxy: { url: px.url, noProxy: ['example.test'] }, maxAttempts: 1, connectTimeoutMs: 500 });
		assert.deepEqual((await http.getJson(lb.url)).json, { direct: true });
		await assert.rejects(http.getJson('https://api.example.test/'), (err: unknown) => err instanceof ProviderError);
		assert.deepEqual(px.targets, []);
	});

	it('rejects a proxy URL that is not http(s)', () => {
		assert.throws(() => new HttpClient({ proxy: { url: 'socks5://127.0.0.1:1080' } }), isKind('validation'));
	});
});

describe('HttpClient.openStream redirects', () => {
	it('follows redirects, re-checks them and drops credentials across origins', async () => {
		const target = await server((_req, res) => {
			res.writeHead(200, { 'content-type': 'audio/mpeg' });
			res.end('abc');
		});
		const origin = await server((req, res) => {
			if (req.url === '/same') {
				res.writeHead(302, { location: '/cross' });
			} else if (req.url === '/cross') {
				res.writeHead(302, { location: `${target.url}/file.mp3` });
			} else {
				res.writeHead(302, { location: 'http://media.example.com/x.mp3' });
			}
			res.end();
		});
		const { http } = client();
		const s = await http.openStream(`${origin.url}/same`, { headers: { authorization: 'Bearer evo-secret-123456' } });
		assert.equal(s.status, 200);
		assert.equal(await s.body.text(), 'abc');
		assert.equal(s.url, `${target.url}/file.mp3`);
		assert.deepEqual(origin.receipts.map((r) => r.headers.authorization), ['Bearer evo-secret-123456', 'Bearer evo-secret-123456']);
		assert.equal(target.receipts[0].headers.authorization, undefined);
		await assert.rejects(http.openStream(`${origin.url}/evil`), isKind('validation'));
	});
});

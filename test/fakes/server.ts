/**
 * The HTTP core both fakes share: binds 127.0.0.1, records every request, applies injected faults
 * and writes the provider's replies. Providers only turn a request into a `Reply`.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { FaultBook, routeMatches } from './faults';
import { boundaryOf, parseMultipart, summarizeMultipart } from './multipart';
import type { FaultSpec, Receipt } from './types';

/** A response, built by a provider and written (or mangled) by the core. */
export interface Reply {
	status: number;
	headers?: Record<string, string | number>;
	/** Serialized as JSON with Content-Type application/json. */
	json?: unknown;
	/** Raw bytes or text, sent as is. */
	body?: Buffer | string;
}

/** A fully read request as handed to a provider. */
export interface RequestCtx {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	/** Parsed JSON body; undefined when absent or not JSON. */
	json: unknown;
	/** True when the body claimed to be JSON but did not parse. */
	badJson: boolean;
}

/** What a provider plugs into the core. */
export interface Provider {
	handle(ctx: RequestCtx): Promise<Reply> | Reply;
	/** The provider's documented answer for an injected `status` fault. */
	statusFault(ctx: RequestCtx, fault: FaultSpec): Reply;
}

/** The running core: the parts of FakeServer that do not depend on the provider. */
export interface Core {
	readonly baseUrl: string;
	readonly received: Receipt[];
	readonly faults: FaultBook;
	count(route: string): number;
	/** setTimeout that `close()` cancels, so stalled or delayed replies never keep a test alive. */
	sleep(ms: number): Promise<void>;
	close(): Promise<void>;
}

// Bodies above this are refused; the fakes never need more and it bounds memory.
const MAX_BODY = 64 * 1024 * 1024;

function bodySummary(raw: Buffer, contentType: string | undefined, json: unknown, badJson: boolean): unknown {
	if (raw.length === 0) {
		return undefined;
	}
	if (json !== undefined) {
		return json;
	}
	const boundary = boundaryOf(contentType);
	if (boundary) {
		try {
			return summarizeMultipart(parseMultipart(raw, boundary));
		} catch {
			return { multipartError: true, bytes: raw.length };
		}
	}
	if (badJson || raw.length <= 65536) {
		return raw.toString('utf8');
	}
	return { bytes: raw.length };
}

function serialize(reply: Reply): { headers: Record<string, string | number>; body: Buffer } {
	const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
	let body: Buffer;
	if (reply.json !== undefined) {
		body = Buffer.from(JSON.stringify(reply.json));
		headers['Content-Type'] ??= 'application/json; charset=utf-8';
	} else {
		body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
	}
	headers['Content-Length'] ??= body.length;
	return { headers, body };
}

/**
 * The reply with its task status word replaced: EvoLink's top-level `status`, Suno Sounds'
 * `data.status`. Replies without one (errors, media) pass unchanged.
 */
function withStatusWord(reply: Reply, word: string): Reply {
	const json = reply.json as { status?: unknown; data?: { status?: unknown } } | undefined;
	if (typeof json?.status === 'string') {
		return { ...reply, json: { ...json, status: word } };
	}
	if (typeof json?.data?.status === 'string') {
		return { ...reply, json: { ...json, data: { ...json.data, status: word } } };
	}
	return reply;
}

/** Starts the core on 127.0.0.1; `makeProvider` receives the core once the port is known. */
export async function startCore(port: number, makeProvider: (core: Core) => Provider): Promise<Core> {
	const received: Receipt[] = [];
	const faults = new FaultBook();
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	// Filled in right after listen(); no request can be handled before that synchronous step.
	const slot: { provider?: Provider } = {};

	const sleep = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.add(t);
		});

	const readBody = (req: http.IncomingMessage): Promise<Buffer | 'tooLarge' | 'aborted'> =>
		new Promise((resolve) => {
			const chunks: Buffer[] = [];
			let size = 0;
			req.on('data', (c: Buffer) => {
				size += c.length;
				if (size <= MAX_BODY) {
					chunks.push(c);
				}
			});
			req.on('end', () => resolve(size > MAX_BODY ? 'tooLarge' : Buffer.concat(chunks)));
			// The client went away mid-body: nothing to answer.
			req.on('error', () => resolve('aborted'));
			req.on('close', () => {
				if (!req.complete) {
					resolve('aborted');
				}
			});
		});

	const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		const method = req.method ?? 'GET';
		const url = new URL(req.url ?? '/', 'http://fake.invalid');
		const key = `${method} ${url.pathname}`;
		const fault = faults.take(key, url.search.slice(1));
		const record = (body: unknown): void => {
			received.push({ method, path: url.pathname, query: url.search.slice(1), headers: { ...req.headers }, body, at: Date.now() });
		};
		if (fault?.kind === 'reset') {
			// Recorded first: the request reached us even though the client will only see a reset.
			record(undefined);
			req.socket.destroy();
			return;
		}
		const raw = await readBody(req);
		if (raw === 'aborted') {
			record({ aborted: true });
			return;
		}
		if (raw === 'tooLarge') {
			record({ tooLarge: true });
			res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('request body too large');
			return;
		}
		const contentType = req.headers['content-type'];
		let json: unknown;
		let badJson = false;
		if (raw.length > 0 && /json/i.test(contentType ?? '')) {
			try {
				json = JSON.parse(raw.toString('utf8'));
			} catch {
				badJson = true;
			}
		}
		record(bodySummary(raw, contentType, json, badJson));
		const ctx: RequestCtx = { method, path: url.pathname, query: url.searchParams, headers: req.headers, raw, json, badJson };
		if (fault?.kind === 'delay') {
			await sleep(fault.ms ?? 1000);
		}
		let reply: Reply;
		if (fault?.kind === 'status') {
			reply = slot.provider!.statusFault(ctx, fault);
		} else {
			try {
				reply = await slot.provider!.handle(ctx);
			} catch (err) {
				reply = slot.provider!.statusFault(ctx, { route: key, kind: 'status', status: 500 });
				console.error('[fake] handler error', err);
			}
		}
		if (fault?.kind === 'statusWord') {
			reply = withStatusWord(reply, fault.word ?? 'under_review');
		}
		const { headers, body } = serialize(reply);
		const sendBody = method !== 'HEAD';
		switch (fault?.kind) {
			case 'resetAfterBody':
				// The work is done (a POST creates its task) but the answer is lost: "outcome unknown".
				req.socket.destroy();
				return;
			case 'stallHeaders':
				// The handler ran (a POST did create its task); hold the socket open without a byte of
				// response until the client gives up or close() destroys it.
				return;
			case 'stallBody':
				res.writeHead(reply.status, headers);
				res.write(sendBody ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.alloc(0));
				return;
			case 'malformedJson': {
				const broken = Buffer.from('{"created": 17, "id": "task-unified-');
				res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': broken.length });
				res.end(broken);
				return;
			}
			case 'truncate':
				// Promise the whole body, send half, then close: the client sees a premature end.
				res.writeHead(reply.status, { ...headers, 'Content-Length': Math.max(body.length, 2) });
				res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
				return;
			default:
				res.writeHead(reply.status, headers);
				res.end(sendBody ? body : undefined);
		}
	};

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((err) => {
			console.error('[fake] request failed', err);
			res.destroy();
		});
	});
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
	let closing: Promise<void> | undefined;

	const core: Core = {
		baseUrl,
		received,
		faults,
		count: (route) => received.filter((r) => routeMatches(route, `${r.method} ${r.path}`)).length,
		sleep,
		close: () => {
			closing ??= new Promise<void>((resolve) => {
				for (const t of timers) {
					clearTimeout(t);
				}
				timers.clear();
				server.close(() => resolve());
				// Stalled and keep-alive sockets would otherwise hold server.close() open forever.
				for (const s of sockets) {
					s.destroy();
				}
			});
			return closing;
		},
	};
	slot.provider = makeProvider(core);
	return core;
}

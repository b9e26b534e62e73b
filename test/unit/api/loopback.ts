/**
 * A tiny loopback HTTP server for the API unit tests: binds 127.0.0.1 on port 0, records every
 * request (method, URL, headers, body) and lets each test script the answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../../../src/util/log';

export interface Receipt {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer, receipt: Receipt) => void | Promise<void>;

export interface Loopback {
	url: string;
	port: number;
	server: Server;
	receipts: Receipt[];
	close(): Promise<void>;
}

/** Starts a server whose handler runs after the request body has been read completely. */
export async function startLoopback(handler: Handler, port = 0): Promise<Loopback> {
	const receipts: Receipt[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const receipt: Receipt = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
			receipts.push(receipt);
			Promise.resolve(handler(req, res, receipt.body, receipt)).catch((err: unknown) => {
				res.destroy(err instanceof Error ? err : new Error(String(err)));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const actual = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${actual}`,
		port: actual,
		server,
		receipts,
		close: () => new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		}),
	};
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** A port that refuses connections (a server was bound there and closed). */
export async function refusedPort(): Promise<number> {
	const lb = await startLoopback(() => undefined);
	await lb.close();
	return lb.port;
}

/** A Log that records every line (message plus stringified arguments). */
export function recordingLog(): Log & { lines: string[] } {
	const lines: string[] = [];
	const record = (level: string) => (message: string | Error, ...args: unknown[]): void => {
		const text = message instanceof Error ? `${message.message} ${message.stack ?? ''}` : message;
		lines.push(`${level} ${text} ${args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
	};
	return { lines, trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/** An injectable sleep that records delays and returns at once. */
export function recordingSleep(): { delays: number[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
	const delays: number[] = [];
	return {
		delays,
		sleep: async (ms: number, signal?: AbortSignal) => {
			delays.push(ms);
			if (signal?.aborted) {
				throw signal.reason;
			}
		},
	};
}

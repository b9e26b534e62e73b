/**
 * The fake EvoLink gateway the EvolinkClient tests talk to (evolinkClient.test.ts and
 * evolinkClientErrors.test.ts): a loopback server answering like the real one for {KEY}, unless
 * a test scripts the answer.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { EvolinkClient } from '../../../src/api/evolink/client';
import { HttpClient } from '../../../src/api/http';
import { recordingLog, recordingSleep, sendJson, startLoopback, type Loopback } from './loopback';

export const KEY = 'evo-unit-test-key-7f3a9c2e41';
export const TASK = 'task-unified-1774170584-su75smg7';

type Script = (url: string, body: Buffer) => { status: number; body: unknown; headers?: Record<string, string> } | 'destroy' | undefined;

export interface Gateway {
	lb: Loopback;
	http: HttpClient;
	dir: string;
	/** Per-test override of the gateway's answer. */
	script: Script | undefined;
	/** A client of the gateway with `key` (clears the script). */
	makeClient(key?: string, log?: ReturnType<typeof recordingLog>): EvolinkClient;
}

/** Starts the gateway (and a temp folder) before the file's tests and stops it after them. */
export function useGateway(): Gateway {
	const g = {
		script: undefined,
		makeClient(key: string = KEY, log = recordingLog()): EvolinkClient {
			g.script = undefined;
			return new EvolinkClient({ baseUrl: g.lb.url, filesBaseUrl: g.lb.url, getApiKey: async () => key, http: g.http, log });
		},
	} as Gateway;

	before(async () => {
		g.dir = await mkdtemp(join(tmpdir(), 'evolink-client-'));
		g.lb = await startLoopback((req, res, body) => {
			const custom = g.script?.(req.url ?? '', body);
			if (custom === 'destroy') {
				req.socket.destroy();
				return;
			}
			if (custom) {
				if (typeof custom.body === 'string') {
					res.writeHead(custom.status, { 'content-type': 'text/plain', ...custom.headers });
					res.end(custom.body);
				} else {
					sendJson(res, custom.status, custom.body, custom.headers);
				}
				return;
			}
			if (req.headers.authorization !== `Bearer ${KEY}`) {
				sendJson(res, 401, { error: { code: 'unauthorized', message: 'Invalid or expired token', type: 'authentication_error' } });
				return;
			}
			if (req.method === 'POST' && /^\/v1\/(audios|videos)\/generations$/.test(req.url ?? '')) {
				const sent = JSON.parse(body.toString()) as { model: string };
				sendJson(res, 200, {
					created: 1774170584,
					id: TASK,
					model: sent.model,
					object: 'audio.generation.task',
					progress: 0,
					status: 'pending',
					task_info: { can_cancel: false, estimated_time: 15 },
					type: 'audio',
					usage: { credits_reserved: 9.6 },
				});
			} else if (req.url === `/v1/tasks/${TASK}`) {
				sendJson(res, 200, { id: TASK, status: 'completed', progress: 100, results: [`${g.lb.url}/media/a.wav`], result_data: [{ result_id: 'r1', title: 'Take' }] });
			} else if (req.url === '/v1/credits') {
				sendJson(res, 200, {
					data: { token: { remaining_credits: 50, unlimited_credits: false, used_credits: 1 }, user: { remaining_credits: 1095.4, used_credits: 135.9 } },
					message: '',
					success: true,
				});
			} else if (req.url === '/api/v1/files/upload/stream') {
				const isImage = /Content-Type: image\//.test(body.toString('latin1'));
				if (!isImage) {
					sendJson(res, 400, { success: false, code: 400, msg: 'Only image files are allowed' });
					return;
				}
				sendJson(res, 200, {
					success: true,
					code: 200,
					msg: 'File uploaded successfully',
					data: { file_id: 'file_1', file_url: `${g.lb.url}/files/photo.png`, mime_type: 'image/png' },
				});
			} else {
				sendJson(res, 404, { error: { code: 'not_found', message: 'no route' } });
			}
		});
		g.http = new HttpClient({ sleep: recordingSleep().sleep, headersTimeoutMs: 2000 });
	});

	after(async () => {
		await g.http.close();
		await g.lb.close();
		await rm(g.dir, { recursive: true, force: true });
	});
	return g;
}

export function providerError(check: (e: ProviderError) => void) {
	return (err: unknown): boolean => {
		assert.ok(err instanceof ProviderError, String(err));
		check(err);
		return true;
	};
}

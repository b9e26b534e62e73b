import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { EvolinkClient } from '../../../src/api/evolink/client';
import { HttpClient } from '../../../src/api/http';
import { recordingLog, recordingSleep, sendJson, startLoopback, type Loopback } from './loopback';

const KEY = 'evo-unit-test-key-7f3a9c2e41';
const TASK = 'task-unified-1774170584-su75smg7';
let lb: Loopback;
let http: HttpClient;
let dir: string;
/** Per-test override of the gateway's answer. */
let script: ((url: string, body: Buffer) => { status: number; body: unknown; headers?: Record<string, string> } | 'destroy' | undefined) | undefined;

before(async () => {
	dir = await mkdtemp(join(tmpdir(), 'evolink-client-'));
	lb = await startLoopback((req, res, body) => {
		const custom = script?.(req.url ?? '', body);
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
			sendJson(res, 200, { id: TASK, status: 'completed', progress: 100, results: [`${lb.url}/media/a.wav`], result_data: [{ result_id: 'r1', title: 'Take' }] });
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
				data: { file_id: 'file_1', file_url: `${lb.url}/files/photo.png`, mime_type: 'image/png' },
			});
		} else {
			sendJson(res, 404, { error: { code: 'not_found', message: 'no route' } });
		}
	});
	http = new HttpClient({ sleep: recordingSleep().sleep, headersTimeoutMs: 2000 });
});

after(async () => {
	await http.close();
	await lb.close();
	await rm(dir, { recursive: true, force: true });
});

function makeClient(key: string = KEY, log = recordingLog()): EvolinkClient {
	script = undefined;
	return new EvolinkClient({ baseUrl: lb.url, filesBaseUrl: lb.url, getApiKey: async () => key, http, log });
}

function providerError(check: (e: ProviderError) => void) {
	return (err: unknown): boolean => {
		assert.ok(err instanceof ProviderError, String(err));
		check(err);
		return true;
	};
}

describe('EvolinkClient.createTask', () => {
	it('validates, POSTs the body with defaults to the audio route and reads the creation answer', async () => {
		const c = makeClient();
		const before = lb.receipts.length;
		const state = await c.createTask('doubao-seed-audio-1-0', { prompt: 'Hello' });
		assert.deepEqual(state, {
			id: TASK,
			status: 'pending',
			rawStatus: 'pending',
			progress: 0,
			results: [],
			resultData: {},
			estimatedTimeSec: 15,
			canCancel: false,
			creditsReserved: 9.6,
		});
		const sent = lb.receipts.slice(before);
		assert.equal(sent.length, 1);
		assert.equal(sent[0].url, '/v1/audios/generations');
		assert.equal(sent[0].headers['content-type'], 'application/json');
		assert.deepEqual(JSON.parse(sent[0].body.toString()), {
			model: 'doubao-seed-audio-1-0',
			prompt: 'Hello',
			format: 'wav',
			sample_rate: 24000,
			speech_rate: 1,
			loudness_rate: 1,
			pitch_rate: 0,
		});
	});

	it('sends video models to the video route', async () => {
		const before = lb.receipts.length;
		await makeClient().createTask('doubao-seedance-1.0-pro-fast', { prompt: 'A cat' });
		assert.equal(lb.receipts[before].url, '/v1/videos/generations');
	});

	it('sends nothing for an invalid request and names the field', async () => {
		const before = lb.receipts.length;
		await assert.rejects(
			makeClient().createTask('qwen3-tts-vd', { prompt: 'Hi', voice: 'Cherry' }),
			providerError((e) => {
				assert.equal(e.kind, 'validation');
				assert.equal(e.retryable, false);
				assert.match(e.message, /voice/);
				assert.deepEqual(e.issues?.map((i) => i.field), ['voice']);
			}),
		);
		assert.equal(lb.receipts.length, before);
	});

	it('sends nothing without a key and says how to set one', async () => {
		const before = lb.receipts.length;
		await assert.rejects(
			makeClient('').createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.equal(e.kind, 'validation');
				assert.equal(e.code, 'missing_api_key');
				assert.match(e.action, /Run 'EvoLink: Set API Key'/);
			}),
		);
		await assert.rejects(makeClient('bad key\nwith newline').getBalance(), providerError((e) => assert.equal(e.code, 'invalid_api_key')));
		assert.equal(lb.receipts.length, before);
	});

	it('maps the string-code envelope (402 insufficient_quota)', async () => {
		const c = makeClient();
		script = () => ({ status: 402, body: { error: { code: 'insufficient_quota', message: 'Insufficient quota. Please top up your account.', type: 'insufficient_quota' } } });
		await assert.rejects(
			c.createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.deepEqual([e.kind, e.httpStatus, e.code, e.retryable], ['http', 402, 'insufficient_quota', false]);
				assert.match(e.action, /Top up your EvoLink balance at https:\/\/evolink\.ai\/dashboard/);
				assert.equal(e.message, 'Insufficient quota. Please top up your account.');
			}),
		);
	});

	it('maps the legacy integer-code envelope with param, fallback_suggestion and Retry-After', async () => {
		const c = makeClient();
		script = () => ({
			status: 429,
			body: { error: { code: 429, message: 'Rate limit exceeded', type: 'rate_limit_error', param: 'model', fallback_suggestion: 'retry after 60 seconds' } },
			headers: { 'retry-after': '7' },
		});
		const before = lb.receipts.length;
		await assert.rejects(
			c.createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.deepEqual([e.code, e.retryable, e.retryAfterMs], ['429', true, 7000]);
				assert.match(e.message, /Rate limit exceeded \(field: model\) Suggestion: retry after 60 seconds/);
			}),
		);
		assert.equal(lb.receipts.length - before, 1, 'a 429 on create is not retried');
	});

	it('maps 401 and 403 to key actions, and a non-JSON 502 to a retryable error', async () => {
		await assert.rejects(
			makeClient('evo-wrong-key-123456').createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.equal(e.code, 'unauthorized');
				assert.match(e.action, /EvoLink: Set API Key/);
			}),
		);
		const c = makeClient();
		script = () => ({ status: 403, body: { error: { code: 'model_access_denied', message: 'Token does not have access to model: suno-v5-beta' } } });
		await assert.rejects(c.createTask('suno-v5-beta', { prompt: 'song' }), providerError((e) => assert.match(e.action, /Allow this model/)));
		script = () => ({ status: 502, body: 'upstream connect error' });
		await assert.rejects(
			c.createTask('suno-v5-beta', { prompt: 'song' }),
			providerError((e) => {
				assert.deepEqual([e.kind, e.httpStatus, e.retryable], ['http', 502, true]);
				assert.match(e.message, /upstream connect error/);
			}),
		);
	});

	it('treats an unreadable 200 as outcome unknown, and a dropped connection too', async () => {
		const c = makeClient();
		script = () => ({ status: 200, body: { ok: true } });
		await assert.rejects(
			c.createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.equal(e.kind, 'outcome-unknown');
				assert.match(e.action, /task list/);
			}),
		);
		script = () => 'destroy';
		const before = lb.receipts.length;
		await assert.rejects(c.createTask('doubao-seed-audio-1-0', { prompt: 'x' }), providerError((e) => assert.equal(e.kind, 'outcome-unknown')));
		assert.equal(lb.receipts.length - before, 1);
	});
});

describe('EvolinkClient.getTask / getBalance', () => {
	it('reads a task', async () => {
		const t = await makeClient().getTask(TASK);
		assert.equal(t.status, 'completed');
		assert.deepEqual(t.results, [{ index: 0, url: `${lb.url}/media/a.wav`, resultId: 'r1', title: 'Take' }]);
	});

	it('retries a task GET on 503 and maps 404 task_not_found', async () => {
		const c = makeClient();
		let n = 0;
		script = (url) => (url.startsWith('/v1/tasks/') && ++n < 3 ? { status: 503, body: { error: { code: 'service_unavailable' } } } : undefined);
		assert.equal((await c.getTask(TASK)).status, 'completed');
		assert.equal(n, 3);
		script = () => ({ status: 404, body: { error: { code: 'task_not_found', message: 'The requested task could not be found', type: 'invalid_request_error' } } });
		await assert.rejects(c.getTask(TASK), providerError((e) => assert.deepEqual([e.code, e.retryable], ['task_not_found', false])));
	});

	it('refuses malformed ids locally and flags unreadable answers', async () => {
		const c = makeClient();
		await assert.rejects(c.getTask('../credits'), providerError((e) => assert.equal(e.kind, 'validation')));
		script = () => ({ status: 200, body: { nope: 1 } });
		await assert.rejects(c.getTask(TASK), providerError((e) => assert.equal(e.kind, 'invalid-response')));
	});

	it('reads the balance and the key limit', async () => {
		assert.deepEqual(await makeClient().getBalance(), { credits: 1095.4, detail: 'This key may spend 50 more credits.' });
	});
});

describe('EvolinkClient.uploadFile', () => {
	it('uploads an image as multipart and returns its link', async () => {
		const path = join(dir, 'photo.png');
		await writeFile(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
		const before = lb.receipts.length;
		const up = await makeClient().uploadFile(path);
		assert.deepEqual(up, { fileId: 'file_1', fileUrl: `${lb.url}/files/photo.png`, mimeType: 'image/png' });
		const r = lb.receipts[before];
		assert.match(String(r.headers['content-type']), /^multipart\/form-data; boundary=/);
		assert.equal(Number(r.headers['content-length']), r.body.length);
		const text = r.body.toString('latin1');
		assert.match(text, /name="file"; filename="photo.png"\r\nContent-Type: image\/png\r\n\r\n\x89PNG/);
		assert.match(text, /name="file_name"\r\n\r\nphoto.png\r\n/);
	});

	it('turns a refused audio upload into advice to use a public https URL', async () => {
		const path = join(dir, 'voice.wav');
		await writeFile(path, Buffer.alloc(100));
		await assert.rejects(
			makeClient().uploadFile(path),
			providerError((e) => {
				assert.match(e.message, /refused the audio upload/);
				assert.match(e.message, /Only image files are allowed/);
				assert.match(e.action, /public https URL of the clip/);
				assert.equal(e.retryable, false);
			}),
		);
	});

	it('refuses missing files without sending', async () => {
		const before = lb.receipts.length;
		await assert.rejects(makeClient().uploadFile(join(dir, 'nope.png')), providerError((e) => assert.equal(e.kind, 'validation')));
		assert.equal(lb.receipts.length, before);
	});
});

describe('EvolinkClient redaction', () => {
	it('never lets the key reach log lines, error messages, actions or stored task errors', async () => {
		const log = recordingLog();
		const httpLog = recordingLog();
		const loggingHttp = new HttpClient({ log: httpLog, sleep: recordingSleep().sleep, maxAttempts: 2 });
		const c = new EvolinkClient({ baseUrl: lb.url, filesBaseUrl: lb.url, getApiKey: async () => KEY, http: loggingHttp, log });
		const seen: string[] = [];
		try {
			// The server echoes the Authorization header back in every kind of answer.
			script = (url, body) => {
				if (url.startsWith('/v1/tasks/')) {
					return { status: 200, body: { id: TASK, status: 'failed', error: { code: 'service_error', message: `upstream rejected key ${KEY}` } } };
				}
				if (url === '/v1/credits') {
					return { status: 500, body: `internal error for Bearer ${KEY} and raw ${KEY}` };
				}
				return { status: 401, body: { error: { code: 'unauthorized', message: `Invalid key: ${KEY} (${body.length} bytes)`, fallback_suggestion: `check ${KEY}` } } };
			};
			for (const run of [() => c.createTask('doubao-seed-audio-1-0', { prompt: `say ${KEY}` }), () => c.getBalance()]) {
				await run().catch((err: ProviderError) => {
					seen.push(err.message, err.action, JSON.stringify(err.toInfo()), String(err.stack));
				});
			}
			const failed = await c.getTask(TASK);
			seen.push(JSON.stringify(failed));
			await assert.rejects(c.createTask('doubao-seed-audio-1-0', { prompt: 'x'.repeat(2000) + KEY }), (err: ProviderError) => {
				seen.push(err.message, JSON.stringify(err.issues));
				return true;
			});
		} finally {
			await loggingHttp.close();
		}
		assert.ok(log.lines.length + httpLog.lines.length > 3, 'something was logged');
		assert.ok(seen.length >= 8);
		for (const text of [...seen, ...log.lines, ...httpLog.lines]) {
			assert.equal(text.includes(KEY), false, `key leaked: ${text}`);
			assert.equal(text.includes(Buffer.from(KEY).toString('base64')), false);
		}
		assert.ok(seen.some((s) => s.includes('Invalid key: ***')), 'the rest of the message survives');
	});
});

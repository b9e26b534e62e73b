import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { HttpClient } from '../../../src/api/http';
import type { ProviderClient } from '../../../src/api/provider';
import { SoundsClient } from '../../../src/api/sounds/client';
import { recordingLog, recordingSleep, sendJson, startLoopback, type Loopback } from './loopback';

const KEY = 'suno-unit-test-key-55aa77bb';
let lb: Loopback;
let http: HttpClient;
let script: ((url: string) => { status: number; body: unknown } | undefined) | undefined;
const records: Record<string, unknown> = {};

before(async () => {
	lb = await startLoopback((req, res) => {
		const custom = script?.(req.url ?? '');
		if (custom) {
			sendJson(res, custom.status, custom.body);
			return;
		}
		if (req.headers.authorization !== `Bearer ${KEY}`) {
			sendJson(res, 200, { code: 401, msg: `Unauthorized key ${String(req.headers.authorization)}` });
			return;
		}
		const url = new URL(req.url ?? '/', lb.url);
		if (req.method === 'POST' && url.pathname === '/api/v1/generate/sounds') {
			sendJson(res, 200, { code: 200, msg: 'success', data: { taskId: 'a1b2c3d4' } });
		} else if (url.pathname === '/api/v1/generate/record-info') {
			const id = url.searchParams.get('taskId') ?? '';
			sendJson(res, 200, { code: 200, msg: 'success', data: records[id] ?? null });
		} else if (url.pathname === '/api/v1/generate/credit') {
			sendJson(res, 200, { code: 200, msg: 'success', data: 100 });
		} else {
			sendJson(res, 404, { code: 404, msg: 'Invalid method or path' });
		}
	});
	http = new HttpClient({ sleep: recordingSleep().sleep });
});

after(async () => {
	await http.close();
	await lb.close();
});

function makeClient(key: string = KEY, log = recordingLog()): SoundsClient {
	script = undefined;
	return new SoundsClient({ baseUrl: lb.url, getApiKey: async () => key, http, log });
}

function providerError(check: (e: ProviderError) => void) {
	return (err: unknown): boolean => {
		assert.ok(err instanceof ProviderError, String(err));
		assert.equal(err.provider, 'sounds');
		check(err);
		return true;
	};
}

describe('SoundsClient', () => {
	it('implements ProviderClient', () => {
		const c: ProviderClient = makeClient();
		assert.equal(c.provider, 'sounds');
	});

	it('creates a task with a camelCase body and returns a pending state', async () => {
		const before = lb.receipts.length;
		const state = await makeClient().createTask('suno-sounds', { prompt: 'rain', soundLoop: true, soundTempo: 90, soundKey: 'Am' });
		assert.deepEqual(state, { id: 'a1b2c3d4', status: 'pending', rawStatus: 'PENDING', progress: 0, results: [], resultData: {} });
		const r = lb.receipts[before];
		assert.equal(r.url, '/api/v1/generate/sounds');
		assert.deepEqual(JSON.parse(r.body.toString()), { prompt: 'rain', model: 'V5', soundLoop: true, soundTempo: 90, soundKey: 'Am', grabLyrics: false });
	});

	it('validates locally and sends nothing for a bad request or a missing key', async () => {
		const before = lb.receipts.length;
		await assert.rejects(
			makeClient().createTask('suno-sounds', { prompt: 'x'.repeat(501) }),
			providerError((e) => {
				assert.equal(e.kind, 'validation');
				assert.deepEqual(e.issues?.map((i) => i.field), ['prompt']);
			}),
		);
		await assert.rejects(makeClient('').createTask('suno-sounds', { prompt: 'x' }), providerError((e) => assert.match(e.action, /Set API Key' and pick 'Suno Sounds/)));
		assert.equal(lb.receipts.length, before);
	});

	it('treats HTTP 200 with body code 429 as out of credits, not retryable', async () => {
		const c = makeClient();
		script = () => ({ status: 200, body: { code: 429, msg: 'Insufficient credits' } });
		await assert.rejects(
			c.createTask('suno-sounds', { prompt: 'x' }),
			providerError((e) => {
				assert.deepEqual([e.kind, e.code, e.httpStatus, e.retryable], ['http', '429', 200, false]);
				assert.match(e.message, /Insufficient credits/);
				assert.match(e.action, /Top up your sunoapi\.org credits/);
			}),
		);
	});

	it('treats 405/430 as slow down and 455 as maintenance (retryable), 413 as too long', async () => {
		const c = makeClient();
		for (const [code, retryable] of [[405, true], [430, true], [455, true], [413, false], [400, false], [500, true]] as const) {
			script = () => ({ status: 200, body: { code, msg: 'x' } });
			await assert.rejects(c.createTask('suno-sounds', { prompt: 'x' }), providerError((e) => assert.deepEqual([e.code, e.retryable], [String(code), retryable])));
		}
	});

	it('uses the body code when HTTP also fails, and the HTTP status when the body is not an envelope', async () => {
		const c = makeClient();
		script = () => ({ status: 500, body: { code: 455, msg: 'System maintenance' } });
		await assert.rejects(c.getBalance(), providerError((e) => assert.deepEqual([e.code, e.httpStatus], ['455', 500])));
		script = () => ({ status: 401, body: { error: 'nope' } });
		await assert.rejects(c.getBalance(), providerError((e) => assert.deepEqual([e.code, e.retryable], ['401', false])));
	});

	it('reports an unreadable success answer to create as outcome unknown', async () => {
		const c = makeClient();
		script = () => ({ status: 200, body: { hello: 'world' } });
		await assert.rejects(c.createTask('suno-sounds', { prompt: 'x' }), providerError((e) => assert.equal(e.kind, 'outcome-unknown')));
		script = () => ({ status: 200, body: { code: 200, msg: 'success', data: {} } });
		await assert.rejects(c.createTask('suno-sounds', { prompt: 'x' }), providerError((e) => assert.equal(e.kind, 'outcome-unknown')));
	});

	it('polls record-info through every documented stage', async () => {
		const c = makeClient();
		const stages: [string, string][] = [
			['PENDING', 'processing'],
			['TEXT_SUCCESS', 'processing'],
			['FIRST_SUCCESS', 'processing'],
			['SUCCESS', 'completed'],
			['GENERATE_AUDIO_FAILED', 'failed'],
			['NEW_STAGE', 'unknown'],
		];
		for (const [raw, status] of stages) {
			records.t9 = {
				taskId: 't9',
				status: raw,
				response: { sunoData: [{ id: 's1', audioUrl: `${lb.url}/media/s1.mp3`, title: 'Rain', duration: 30 }] },
				errorMessage: raw.endsWith('FAILED') ? 'Generation failed' : null,
			};
			const t = await c.getTask('t9');
			assert.equal(t.status, status, raw);
			assert.equal(t.rawStatus, raw);
		}
		records.t9 = { taskId: 't9', status: 'SUCCESS', response: { sunoData: [{ id: 's1', audioUrl: `${lb.url}/media/s1.mp3`, title: 'Rain', duration: 30 }] } };
		assert.deepEqual((await c.getTask('t9')).results, [{ index: 0, url: `${lb.url}/media/s1.mp3`, resultId: 's1', title: 'Rain', durationSec: 30 }]);
		const receipt = lb.receipts[lb.receipts.length - 1];
		assert.equal(receipt.url, '/api/v1/generate/record-info?taskId=t9');
	});

	it('flags unreadable record-info and refuses odd ids', async () => {
		const c = makeClient();
		await assert.rejects(c.getTask('missing'), providerError((e) => assert.equal(e.kind, 'invalid-response')));
		await assert.rejects(c.getTask('a&taskId=b'), providerError((e) => assert.equal(e.kind, 'validation')));
	});

	it('reads the balance', async () => {
		assert.deepEqual(await makeClient().getBalance(), { credits: 100 });
	});

	it('redacts a key echoed back by the server', async () => {
		const log = recordingLog();
		const wrong = 'suno-wrong-key-0099887766';
		const c = makeClient(wrong, log);
		let message = '';
		await c.getBalance().catch((e: ProviderError) => {
			message = e.message;
		});
		assert.match(message, /Unauthorized key/);
		for (const text of [message, ...log.lines]) {
			assert.equal(text.includes(wrong), false, text);
		}
	});
});

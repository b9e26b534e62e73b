import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { EvolinkClient } from '../../../src/api/evolink/client';
import { HttpClient } from '../../../src/api/http';
import { KEY, providerError, TASK, useGateway } from './evolinkGateway';
import { recordingLog, recordingSleep } from './loopback';

const g = useGateway();

describe('EvolinkClient.createTask', () => {
	it('sends nothing for an invalid request and names the field', async () => {
		const before = g.lb.receipts.length;
		await assert.rejects(
			g.makeClient().createTask('qwen3-tts-vd', { prompt: 'Hi', voice: 'Cherry' }),
			providerError((e) => {
				assert.equal(e.kind, 'validation');
				assert.equal(e.retryable, false);
				assert.match(e.message, /voice/);
				assert.deepEqual(e.issues?.map((i) => i.field), ['voice']);
			}),
		);
		assert.equal(g.lb.receipts.length, before);
	});

	it('sends nothing without a key and says how to set one', async () => {
		const before = g.lb.receipts.length;
		await assert.rejects(
			g.makeClient('').createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.equal(e.kind, 'validation');
				assert.equal(e.code, 'missing_api_key');
				assert.match(e.action, /Run 'EvoLink: Set API Key'/);
			}),
		);
		await assert.rejects(g.makeClient('bad key\nwith newline').getBalance(), providerError((e) => assert.equal(e.code, 'invalid_api_key')));
		assert.equal(g.lb.receipts.length, before);
	});

	it('maps the string-code envelope (402 insufficient_quota)', async () => {
		const c = g.makeClient();
		g.script = () => ({ status: 402, body: { error: { code: 'insufficient_quota', message: 'Insufficient quota. Please top up your account.', type: 'insufficient_quota' } } });
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
		const c = g.makeClient();
		g.script = () => ({
			status: 429,
			body: { error: { code: 429, message: 'Rate limit exceeded', type: 'rate_limit_error', param: 'model', fallback_suggestion: 'retry after 60 seconds' } },
			headers: { 'retry-after': '7' },
		});
		const before = g.lb.receipts.length;
		await assert.rejects(
			c.createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.deepEqual([e.code, e.retryable, e.retryAfterMs], ['429', true, 7000]);
				assert.match(e.message, /Rate limit exceeded \(field: model\) Suggestion: retry after 60 seconds/);
			}),
		);
		assert.equal(g.lb.receipts.length - before, 1, 'a 429 on create is not retried');
	});

	it('maps 401 and 403 to key actions, and a non-JSON 502 to a retryable error', async () => {
		await assert.rejects(
			g.makeClient('evo-wrong-key-123456').createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.equal(e.code, 'unauthorized');
				assert.match(e.action, /EvoLink: Set API Key/);
			}),
		);
		const c = g.makeClient();
		g.script = () => ({ status: 403, body: { error: { code: 'model_access_denied', message: 'Token does not have access to model: suno-v5-beta' } } });
		await assert.rejects(c.createTask('suno-v5-beta', { prompt: 'song' }), providerError((e) => assert.match(e.action, /Allow this model/)));
		g.script = () => ({ status: 502, body: 'upstream connect error' });
		await assert.rejects(
			c.createTask('suno-v5-beta', { prompt: 'song' }),
			providerError((e) => {
				assert.deepEqual([e.kind, e.httpStatus, e.retryable], ['http', 502, true]);
				assert.match(e.message, /upstream connect error/);
			}),
		);
	});

	it('treats an unreadable 200 as outcome unknown, and a dropped connection too', async () => {
		const c = g.makeClient();
		g.script = () => ({ status: 200, body: { ok: true } });
		await assert.rejects(
			c.createTask('doubao-seed-audio-1-0', { prompt: 'x' }),
			providerError((e) => {
				assert.equal(e.kind, 'outcome-unknown');
				assert.match(e.action, /task list/);
			}),
		);
		g.script = () => 'destroy';
		const before = g.lb.receipts.length;
		await assert.rejects(c.createTask('doubao-seed-audio-1-0', { prompt: 'x' }), providerError((e) => assert.equal(e.kind, 'outcome-unknown')));
		assert.equal(g.lb.receipts.length - before, 1);
	});
});

describe('EvolinkClient redaction', () => {
	it('never lets the key reach log lines, error messages, actions or stored task errors', async () => {
		const log = recordingLog();
		const httpLog = recordingLog();
		const loggingHttp = new HttpClient({ log: httpLog, sleep: recordingSleep().sleep, maxAttempts: 2 });
		const c = new EvolinkClient({ baseUrl: g.lb.url, filesBaseUrl: g.lb.url, getApiKey: async () => KEY, http: loggingHttp, log });
		const seen: string[] = [];
		try {
			// The server echoes the Authorization header back in every kind of answer.
			g.script = (url, body) => {
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

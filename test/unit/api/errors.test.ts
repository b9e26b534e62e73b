import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evolinkHttpAdvice, evolinkTaskAdvice, soundsCodeAdvice, soundsTaskAdvice } from '../../../src/api/errorTables';
import { isProviderError, ProviderError } from '../../../src/api/errors';

describe('ProviderError', () => {
	it('keeps its fields, stringifies legacy integer codes and serialises with toInfo()', () => {
		const err = new ProviderError({
			provider: 'evolink',
			kind: 'http',
			httpStatus: 429,
			code: 429,
			message: 'Rate limit exceeded',
			retryable: true,
			action: 'Wait.',
			retryAfterMs: 1000,
		});
		assert.equal(err.code, '429');
		assert.equal(err.name, 'ProviderError');
		assert.ok(err instanceof Error);
		assert.ok(isProviderError(err));
		assert.deepEqual(err.toInfo(), { message: 'Rate limit exceeded', retryable: true, action: 'Wait.', code: '429', httpStatus: 429 });
	});

	it('omits absent code and status from toInfo()', () => {
		const info = new ProviderError({ provider: 'sounds', kind: 'network', message: 'down', retryable: true, action: 'Retry.' }).toInfo();
		assert.deepEqual(info, { message: 'down', retryable: true, action: 'Retry.' });
	});

	it('redacts bearer tokens in messages as a last line of defence', () => {
		const err = new ProviderError({ provider: 'evolink', kind: 'http', message: 'echo: Bearer sk-evo-abcdefgh12345', retryable: false, action: 'x' });
		assert.equal(err.message.includes('abcdefgh12345'), false);
	});

	it('is not confused with plain errors', () => {
		assert.equal(isProviderError(new Error('x')), false);
		assert.equal(isProviderError({ kind: 'http' }), false);
	});
});

describe('EvoLink error table', () => {
	it('maps balance, key, model and rate-limit rejections', () => {
		assert.deepEqual(
			[evolinkHttpAdvice(402, 'insufficient_quota').retryable, /evolink\.ai\/dashboard/.test(evolinkHttpAdvice(402, 'insufficient_quota').action)],
			[false, true],
		);
		assert.match(evolinkHttpAdvice(401, 'unauthorized').action, /EvoLink: Set API Key/);
		assert.match(evolinkHttpAdvice(402, 'key_quota_exhausted').action, /credit limit/);
		assert.match(evolinkHttpAdvice(403, 'model_access_denied').action, /Allow this model/);
		assert.equal(evolinkHttpAdvice(429, 'rate_limit_exceeded').retryable, true);
		assert.equal(evolinkHttpAdvice(503, 'service_unavailable').retryable, true);
		assert.equal(evolinkHttpAdvice(400, 'invalid_request').retryable, false);
		assert.equal(evolinkHttpAdvice(404, 'task_not_found').retryable, false);
	});

	it('falls back to the HTTP status for unknown or legacy integer codes', () => {
		assert.match(evolinkHttpAdvice(402, '402').action, /Top up/);
		assert.equal(evolinkHttpAdvice(429, '429').retryable, true);
		assert.equal(evolinkHttpAdvice(502, 'whatever').retryable, true);
		assert.equal(evolinkHttpAdvice(413).retryable, false);
		assert.equal(evolinkHttpAdvice(418).retryable, false);
	});

	it('maps every documented task failure code', () => {
		const notRetryable = ['content_policy_violation', 'invalid_parameters', 'image_processing_error', 'image_dimension_mismatch', 'resource_not_found', 'unknown_error'];
		const retryable = [
			'request_cancelled',
			'generation_failed_no_content',
			'service_error',
			'generation_timeout',
			'resource_exhausted',
			'quota_exceeded',
			'service_unavailable',
			'model_unavailable',
			'upstream_error',
			'channel_foo',
		];
		for (const code of notRetryable) {
			assert.equal(evolinkTaskAdvice(code).retryable, false, code);
		}
		for (const code of retryable) {
			assert.equal(evolinkTaskAdvice(code).retryable, true, code);
		}
		assert.match(evolinkTaskAdvice('content_policy_violation').action, /Change the content/);
		assert.equal(evolinkTaskAdvice(undefined).retryable, true);
	});
});

describe('Suno Sounds code table', () => {
	it('treats 429 as out of credits and 405/430/455 as slow-down or wait', () => {
		assert.equal(soundsCodeAdvice(429).retryable, false);
		assert.match(soundsCodeAdvice(429).action, /Top up/);
		assert.match(soundsCodeAdvice(429).summary, /credits/);
		for (const code of [405, 430, 455, 500, 503]) {
			assert.equal(soundsCodeAdvice(code).retryable, true, String(code));
		}
		for (const code of [400, 401, 404, 413]) {
			assert.equal(soundsCodeAdvice(code).retryable, false, String(code));
		}
		assert.match(soundsCodeAdvice(413).action, /500 characters/);
		assert.match(soundsCodeAdvice(401).action, /Set API Key' and pick 'Suno Sounds/);
	});

	it('maps failed record-info statuses', () => {
		assert.equal(soundsTaskAdvice('SENSITIVE_WORD_ERROR').retryable, false);
		assert.equal(soundsTaskAdvice('GENERATE_AUDIO_FAILED').retryable, true);
	});
});

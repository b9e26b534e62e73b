import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyNetworkError } from '../../../src/api/netErrors';

function err(code: string, message = code): Error {
	return Object.assign(new Error(message), { code });
}

describe('classifyNetworkError', () => {
	it('marks connect-phase failures as never sent; only transient ones are POST-retryable', () => {
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
			const f = classifyNetworkError(err(code));
			assert.deepEqual([f.neverSent, f.postRetryable], [true, true], code);
		}
		for (const code of ['EHOSTUNREACH', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UND_ERR_INVALID_ARG']) {
			const f = classifyNetworkError(err(code));
			assert.deepEqual([f.neverSent, f.postRetryable], [true, false], code);
		}
		assert.equal(classifyNetworkError(err('UND_ERR_CONNECT_TIMEOUT')).kind, 'timeout');
	});

	it('marks failures after the socket was up as maybe sent', () => {
		for (const code of ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']) {
			const f = classifyNetworkError(err(code));
			assert.deepEqual([f.neverSent, f.postRetryable], [false, false], code);
		}
		assert.equal(classifyNetworkError(err('UND_ERR_HEADERS_TIMEOUT')).kind, 'timeout');
		assert.equal(classifyNetworkError(err('ECONNRESET')).kind, 'network');
	});

	it('finds codes inside AggregateError and causes', () => {
		const agg = Object.assign(new AggregateError([err('ECONNREFUSED')], 'all failed'), {});
		assert.equal(classifyNetworkError(agg).code, 'ECONNREFUSED');
		assert.equal(classifyNetworkError(new Error('wrapped', { cause: err('ENOTFOUND') })).postRetryable, true);
	});

	it('treats a refused proxy tunnel as never sent', () => {
		const f = classifyNetworkError(err('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling'));
		assert.deepEqual([f.kind, f.neverSent], ['network', true]);
		assert.match(f.detail, /proxy refused the connection \(407\)/);
	});

	it('tells a caller cancellation from a caller deadline', () => {
		const ac = new AbortController();
		ac.abort();
		assert.equal(classifyNetworkError(new DOMException('aborted', 'AbortError'), ac.signal).kind, 'cancelled');
		const timed = new AbortController();
		timed.abort(new DOMException('timed out', 'TimeoutError'));
		assert.equal(classifyNetworkError(new Error('x'), timed.signal).kind, 'timeout');
		assert.equal(classifyNetworkError(new DOMException('aborted', 'AbortError')).kind, 'cancelled');
	});
});

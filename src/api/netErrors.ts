/**
 * Sorting transport failures by one question that matters for paid POSTs: could the request have
 * reached the server? Connect-phase failures (refused, DNS, connect timeout, TLS handshake, proxy
 * tunnel refused) prove it never left; anything after the socket was up (reset, headers timeout,
 * abort) leaves the outcome unknown (RFC 9110 §9.2.2; reliability.md §3).
 * Pure: no `vscode` import.
 */

type NetFailureKind = 'network' | 'timeout' | 'cancelled';

export interface NetFailure {
	kind: NetFailureKind;
	/** True when the request provably never reached the server. */
	neverSent: boolean;
	/** True when a POST may be retried: never sent AND a transient cause (refused, DNS, connect timeout). */
	postRetryable: boolean;
	/** Node/undici error code, when there is one. */
	code?: string;
	/** Short, user-facing description, e.g. "connection refused". */
	detail: string;
}

/** Failures that prove nothing was sent and may clear up on their own. */
const TRANSIENT_CONNECT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
/** Failures that prove nothing was sent but will not clear up by retrying right away. */
const OTHER_CONNECT = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

function errorCode(err: unknown): string | undefined {
	if (typeof err !== 'object' || err === null) {
		return undefined;
	}
	const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
	if (typeof e.code === 'string') {
		return e.code;
	}
	// Happy-eyeballs connects report an AggregateError whose parts carry the codes.
	if (Array.isArray(e.errors)) {
		for (const inner of e.errors) {
			const c = errorCode(inner);
			if (c) {
				return c;
			}
		}
	}
	return e.cause !== undefined && e.cause !== err ? errorCode(e.cause) : undefined;
}

function isTlsCode(code: string): boolean {
	return code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.includes('CERT')
		|| code.startsWith('UNABLE_TO_') || code === 'EPROTO';
}

function describeCode(code: string | undefined): string {
	switch (code) {
		case 'ECONNREFUSED':
			return 'connection refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name could not be resolved';
		case 'UND_ERR_CONNECT_TIMEOUT':
			return 'connecting timed out';
		case 'UND_ERR_HEADERS_TIMEOUT':
			return 'the server did not answer in time';
		case 'UND_ERR_BODY_TIMEOUT':
			return 'the server stopped sending data';
		case 'UND_ERR_SOCKET':
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection was closed unexpectedly';
		case undefined:
			return 'the connection failed';
		default:
			return `the connection failed (${code})`;
	}
}

/** Classifies an error thrown by undici `request()` or by reading its body. */
export function classifyNetworkError(err: unknown, signal?: AbortSignal): NetFailure {
	const code = errorCode(err);
	const name = err instanceof Error ? err.name : '';
	const message = err instanceof Error ? err.message : String(err);
	if (signal?.aborted) {
		// A caller deadline (AbortSignal.timeout) is a timeout; any other abort is a cancellation.
		const reason = signal.reason as { name?: string } | undefined;
		const timedOut = reason?.name === 'TimeoutError';
		return { kind: timedOut ? 'timeout' : 'cancelled', neverSent: false, postRetryable: false, code, detail: timedOut ? 'the time limit was reached' : 'cancelled' };
	}
	if (code !== undefined && TRANSIENT_CONNECT.has(code)) {
		return { kind: code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network', neverSent: true, postRetryable: true, code, detail: describeCode(code) };
	}
	if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED') {
		// undici refused to build the request (bad header value, bad URL): nothing left this machine.
		return { kind: 'network', neverSent: true, postRetryable: false, code, detail: 'the request could not be built' };
	}
	if (code !== undefined && OTHER_CONNECT.has(code)) {
		return { kind: 'network', neverSent: true, postRetryable: false, code, detail: `the host is unreachable (${code})` };
	}
	if (code !== undefined && isTlsCode(code)) {
		return { kind: 'network', neverSent: true, postRetryable: false, code, detail: `the secure connection failed (${code}); check the proxy and certificate settings` };
	}
	if (/Proxy response \(\d+\)/.test(message)) {
		// undici reports a refused CONNECT tunnel as an abort; the request itself never left.
		return { kind: 'network', neverSent: true, postRetryable: false, code, detail: `the proxy refused the connection (${/\((\d+)\)/.exec(message)?.[1]})` };
	}
	if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
		return { kind: 'timeout', neverSent: false, postRetryable: false, code, detail: describeCode(code) };
	}
	if (name === 'AbortError' || code === 'UND_ERR_ABORTED') {
		return { kind: 'cancelled', neverSent: false, postRetryable: false, code, detail: 'cancelled' };
	}
	return { kind: 'network', neverSent: false, postRetryable: false, code, detail: describeCode(code) };
}

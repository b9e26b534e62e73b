/**
 * EvoLink error bodies: the current string-code envelope (§5.1), the legacy integer-code envelope
 * (§5.2), the task-query variants (§3.6), the files API envelope (§4.3) and plain CDN errors.
 */
import type { Reply, RequestCtx } from '../server';
import type { FaultSpec } from '../types';
import type { ApiError } from './check';

interface Entry {
	code: string;
	type: string;
	message: string;
}

// Creation endpoints (§5.1). 502 has no current-envelope example; `upstream_error` follows §5.2's type.
const CREATION: Record<number, Entry> = {
	400: { code: 'invalid_request', type: 'invalid_request_error', message: 'Invalid request parameters' },
	401: { code: 'unauthorized', type: 'authentication_error', message: 'Invalid or expired token' },
	402: { code: 'insufficient_quota', type: 'insufficient_quota', message: 'Insufficient quota. Please top up your account.' },
	403: { code: 'model_access_denied', type: 'invalid_request_error', message: 'Token does not have access to model: {model}' },
	404: { code: 'not_found', type: 'invalid_request_error', message: 'The requested resource could not be found' },
	429: { code: 'rate_limit_exceeded', type: 'rate_limit_error', message: 'Too many requests, please try again later' },
	500: { code: 'internal_error', type: 'api_error', message: 'Internal server error' },
	502: { code: 'upstream_error', type: 'api_error', message: 'Bad gateway: upstream service error' },
	503: { code: 'service_unavailable', type: 'api_error', message: 'No available channel for the requested model' },
	// Dropped from the creation pages (§5.1); code and message follow §5.2's `request_too_large_error`.
	413: { code: 'request_too_large', type: 'request_too_large_error', message: 'Request entity too large' },
};

// GET /v1/tasks/{id} documents its own codes and messages (§3.6).
const TASK_QUERY: Record<number, Entry> = {
	...CREATION,
	402: { code: 'quota_exceeded', type: 'insufficient_quota', message: 'Insufficient quota. Please top up your account.' },
	403: { code: 'permission_denied', type: 'invalid_request_error', message: "You don't have permission to access this task" },
	404: { code: 'task_not_found', type: 'invalid_request_error', message: 'The requested task could not be found' },
	429: { code: 'rate_limit_exceeded', type: 'evo_api_error', message: 'Rate limit exceeded' },
	500: { code: 'internal_error', type: 'api_error', message: 'Failed to retrieve task status' },
};

const LEGACY_TYPES: Record<number, string> = {
	400: 'invalid_request_error',
	401: 'authentication_error',
	402: 'insufficient_quota_error',
	403: 'permission_error',
	404: 'not_found_error',
	413: 'request_too_large_error',
	429: 'rate_limit_error',
	500: 'internal_server_error',
	502: 'upstream_error',
	503: 'service_unavailable_error',
};

/** The current envelope for a thrown ApiError. */
export function apiErrorReply(err: ApiError): Reply {
	return { status: err.status, json: { error: { code: err.code, message: err.message, type: err.type } } };
}

/** `{error:{code,message,type}}` with an explicit code. */
export function errorReply(status: number, code: string, message: string, type = 'invalid_request_error'): Reply {
	return { status, json: { error: { code, message, type } } };
}

/** Files API envelope: `{success:false, code, msg}` with the same HTTP status. */
export function filesErrorReply(status: number, msg: string): Reply {
	return { status, json: { success: false, code: status, msg } };
}

/** The EvoLink answer for an injected `status` fault, shaped by which kind of route was hit. */
export function evolinkStatusFault(ctx: RequestCtx, fault: FaultSpec): Reply {
	const status = fault.status ?? 500;
	const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
	if (ctx.path.startsWith('/media/') || ctx.path.startsWith('/api/v1/files/download/')) {
		// A CDN answers with a bare status, not an API envelope.
		return { status, headers: { ...headers, 'Content-Type': 'text/plain' }, body: `HTTP ${status}` };
	}
	if (ctx.path.startsWith('/api/v1/files/')) {
		const reply = filesErrorReply(status, fault.message ?? (CREATION[status] ?? CREATION[500]).message);
		return { ...reply, headers };
	}
	const table = ctx.path.startsWith('/v1/tasks/') ? TASK_QUERY : CREATION;
	const entry = table[status] ?? { code: `http_${status}`, type: 'api_error', message: `HTTP ${status}` };
	const model = (ctx.json as { model?: unknown } | undefined)?.model;
	const message = fault.message ?? entry.message.replace('{model}', typeof model === 'string' ? model : 'unknown');
	if (fault.envelope === 'legacy') {
		const error = {
			code: status,
			message,
			type: LEGACY_TYPES[status] ?? 'api_error',
			param: typeof model === 'string' ? 'model' : null,
			fallback_suggestion: typeof fault.retryAfter === 'number'
				? `retry after ${fault.retryAfter} seconds`
				: fault.retryAfter !== undefined
				? `retry after ${fault.retryAfter}`
				: 'try again later',
		};
		return { status, headers, json: { error } };
	}
	return { status, headers, json: { error: { code: entry.code, message, type: entry.type } } };
}

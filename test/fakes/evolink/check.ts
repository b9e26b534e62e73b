/**
 * Request-field checks for the EvoLink fake. They throw ApiError, which the routes turn into the
 * documented error envelope, so each model's validator reads as a list of rules.
 */

/** A documented EvoLink error: HTTP status plus the `error` object fields. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly type = 'invalid_request_error',
	) {
		super(message);
	}
}

/** A 400 with the given business code (default `invalid_request`). */
export function bad(message: string, code = 'invalid_request'): ApiError {
	return new ApiError(400, code, message);
}

export type Body = Record<string, unknown>;

/** A string field; `missing` is the error for an absent or empty value (undefined: optional). */
export function str(body: Body, key: string, max: number, missing?: ApiError, code = 'invalid_request'): string | undefined {
	const v = body[key];
	if (v === undefined || v === null || v === '') {
		if (missing) {
			throw missing;
		}
		return undefined;
	}
	if (typeof v !== 'string') {
		throw bad(`Parameter ${key} must be a string`, code);
	}
	if (v.length > max) {
		throw bad(`Parameter ${key} exceeds the maximum length of ${max} characters`, code);
	}
	return v;
}

/** An enum field with a default. */
export function oneOf<T extends string | number>(body: Body, key: string, values: readonly T[], fallback: T, code = 'invalid_request'): T {
	const v = body[key];
	if (v === undefined || v === null) {
		return fallback;
	}
	if (!values.includes(v as T)) {
		throw bad(`Invalid ${key}: ${JSON.stringify(v)}. Allowed values: ${values.join(', ')}`, code);
	}
	return v as T;
}

/** A numeric field within [min, max]. */
export function num(body: Body, key: string, min: number, max: number, fallback: number, integer = false, code = 'invalid_request'): number {
	const v = body[key];
	if (v === undefined || v === null) {
		return fallback;
	}
	if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
		throw bad(`Invalid ${key}: must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}`, code);
	}
	return v;
}

/** A boolean field with a default. */
export function bool(body: Body, key: string, fallback: boolean): boolean {
	const v = body[key];
	if (v === undefined || v === null) {
		return fallback;
	}
	if (typeof v !== 'boolean') {
		throw bad(`Parameter ${key} must be a boolean`);
	}
	return v;
}

/** A list of strings (at most `max`). */
export function strList(body: Body, key: string, max: number): string[] {
	const v = body[key];
	if (v === undefined || v === null) {
		return [];
	}
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) {
		throw bad(`Parameter ${key} must be an array of strings`);
	}
	if (v.length > max) {
		throw bad(`Parameter ${key} accepts at most ${max} item${max === 1 ? '' : 's'}`);
	}
	return v as string[];
}

function isPrivateHost(host: string): boolean {
	const h = host.replace(/^\[|\]$/g, '').toLowerCase();
	if (h === 'localhost' || h.endsWith('.localhost')) {
		return true;
	}
	if (h.includes(':')) {
		// IPv6 literal: loopback, unique-local, link-local, or an IPv4-mapped address.
		return h === '::1' || /^(fc|fd|fe80|::ffff:)/.test(h);
	}
	const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
	if (!m) {
		return false;
	}
	const [a, b] = [Number(m[1]), Number(m[2])];
	return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

/** `callback_url`: HTTPS, at most 2048 chars, not a private or loopback host (§8). */
export function callbackUrl(body: Body): void {
	const v = str(body, 'callback_url', 2048);
	if (v === undefined) {
		return;
	}
	let url: URL;
	try {
		url = new URL(v);
	} catch {
		throw bad('callback_url must be a valid URL');
	}
	if (url.protocol !== 'https:') {
		throw bad('callback_url must use HTTPS');
	}
	if (isPrivateHost(url.hostname)) {
		throw bad('callback_url must not point to a private or internal address');
	}
}

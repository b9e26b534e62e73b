/**
 * Small helpers for HTTP headers: flattening undici's header object, and finding the credentials a
 * request carries so anything derived from that request can be redacted.
 * Pure: no `vscode` import.
 */

/** Lower-cased header names with list values joined, as plain strings. */
export function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) {
		if (v !== undefined) {
			out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
		}
	}
	return out;
}

const CREDENTIAL_HEADER = /^(authorization|x-api-key|api-key|cookie|proxy-authorization)$/i;

/** A copy of `headers` without credentials, for requests that leave the origin they were meant for. */
export function withoutCredentials(headers: Record<string, string> | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(headers ?? {}).filter(([k]) => !CREDENTIAL_HEADER.test(k)));
}

/** Secrets carried by a request's own headers, so nothing derived from that request can leak them. */
export function headerSecrets(headers: Record<string, string> | undefined): string[] {
	const out: string[] = [];
	for (const [k, v] of Object.entries(headers ?? {})) {
		if (/^(authorization|x-api-key|api-key)$/i.test(k)) {
			out.push(v, v.replace(/^Bearer\s+/i, ''));
		}
	}
	return out;
}

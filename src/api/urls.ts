/**
 * Which URLs the clients may talk to: API base URLs (configurable, so a hostile setting could
 * redirect the key) and result links (server data, so a compromised answer could point anywhere).
 * Rule: `https:` only; `http:` only for the loopback hosts used by local fakes and tests.
 * Pure: no `vscode` import.
 */
import { isIP } from 'node:net';
import type { ProviderId } from '../shared/domain';
import { ProviderError } from './errors';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Cloud metadata names that resolve to link-local addresses inside VMs and Codespaces. */
const BLOCKED_HOSTNAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/** True for the loopback hosts that may use plain `http:`. */
function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

function ipv4Parts(host: string): number[] | undefined {
	if (isIP(host) !== 4) {
		return undefined;
	}
	return host.split('.').map(Number);
}

/** Private, link-local, CGNAT, unspecified and unique-local addresses (not loopback: that is allowed). */
function isPrivateIpLiteral(hostname: string): boolean {
	let host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
	if (mapped) {
		host = mapped[1];
	}
	const v4 = ipv4Parts(host);
	if (v4) {
		const [a, b] = v4;
		return a === 0 || a === 10 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31)
			|| (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 127 && host !== '127.0.0.1');
	}
	if (isIP(host) === 6) {
		return host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
	}
	return false;
}

/** Why a URL is not allowed, or undefined when it is. */
export function urlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a valid URL';
	}
	if (parsed.username !== '' || parsed.password !== '') {
		return 'must not contain a user name or password';
	}
	const host = parsed.hostname.toLowerCase();
	if (parsed.protocol === 'http:') {
		return isLoopbackHost(host) ? undefined : 'must use https:// (http:// is only allowed for 127.0.0.1, localhost and [::1])';
	}
	if (parsed.protocol !== 'https:') {
		return `must use https:// (got ${parsed.protocol})`;
	}
	if (host === '' || BLOCKED_HOSTNAMES.has(host) || isPrivateIpLiteral(host)) {
		return 'points at a private or metadata address';
	}
	return undefined;
}

/** True when `url` passes `assertAllowedUrl`. */
export function isAllowedUrl(url: string): boolean {
	return urlProblem(url) === undefined;
}

/** Parses `url` and throws a `validation` ProviderError naming `what` when it breaks the URL rule. */
export function assertAllowedUrl(url: string, what: string, provider: ProviderId = 'evolink'): URL {
	const problem = urlProblem(url);
	if (problem !== undefined) {
		// The URL itself is not echoed: it may carry a signed token. The host is enough to act on.
		let shown = '';
		try {
			shown = ` (${new URL(url).protocol}//${new URL(url).host})`;
		} catch {
			// unparsable: nothing safe to show
		}
		throw new ProviderError({
			provider,
			kind: 'validation',
			message: `The ${what}${shown} ${problem}.`,
			retryable: false,
			action: what.includes('base URL')
				? `Fix the ${what} in your user settings.`
				: 'Do not open this link; report it to the provider if it came from them.',
		});
	}
	return new URL(url);
}

/** Joins a base URL (which may carry a path prefix) and an absolute API path. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

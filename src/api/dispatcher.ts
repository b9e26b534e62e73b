/**
 * Building the one undici dispatcher the HttpClient owns: a plain Agent, or a proxying one when the
 * user configured `http.proxy` (VS Code does not proxy a bundled undici for us; reliability.md §2).
 * Pure: no `vscode` import.
 */
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ProviderError } from './errors';

/** Proxy settings as the extension reads them from VS Code (`http.proxy`, `http.noProxy`, `http.proxyStrictSSL`). */
export interface ProxyOptions {
	url: string;
	noProxy?: string[];
	strictSSL?: boolean;
}

interface DispatcherOptions {
	connectTimeoutMs: number;
	headersTimeoutMs: number;
	bodyTimeoutMs: number;
	proxy?: ProxyOptions;
}

function protocolOf(url: string): string {
	try {
		return new URL(url).protocol;
	} catch {
		return '';
	}
}

/** An Agent, or (with a proxy) one dispatcher that tunnels through it except for `noProxy` hosts and loopback. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
	const common = {
		connect: { timeout: options.connectTimeoutMs },
		headersTimeout: options.headersTimeoutMs,
		bodyTimeout: options.bodyTimeoutMs,
	};
	const proxy = options.proxy;
	if (!proxy) {
		return new Agent(common);
	}
	if (!/^https?:$/.test(protocolOf(proxy.url))) {
		throw new ProviderError({
			provider: 'evolink',
			kind: 'validation',
			message: 'The proxy setting (http.proxy) must be an http:// or https:// URL.',
			retryable: false,
			action: 'Fix http.proxy in your settings.',
		});
	}
	const tls = proxy.strictSSL === false ? { rejectUnauthorized: false } : undefined;
	// EnvHttpProxyAgent is a single dispatcher that routes to the proxy unless the host is in noProxy.
	// Every value is passed explicitly, so it never reads the process environment. Loopback is never
	// proxied: that is where local fakes and tests live.
	return new EnvHttpProxyAgent({
		...common,
		httpProxy: proxy.url,
		httpsProxy: proxy.url,
		noProxy: [...(proxy.noProxy ?? []), 'localhost', '127.0.0.1', '[::1]'].join(','),
		requestTls: tls,
		proxyTls: tls,
	});
}

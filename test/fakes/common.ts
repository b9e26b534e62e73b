/**
 * Small pieces both providers share: the bearer check, failPrompts handling and the FakeServer facade.
 */
import type { Core, RequestCtx } from './server';
import type { Outcome } from './tasks';
import type { FakeServer } from './types';

/** True when the request carries `Authorization: Bearer <key>`. */
export function authorized(ctx: RequestCtx, key: string): boolean {
	const h = ctx.headers.authorization;
	return typeof h === 'string' && /^bearer\s+/i.test(h) && h.replace(/^bearer\s+/i, '') === key;
}

/** A failPrompts regex without the `g`/`y` flags, whose lastIndex would make test() alternate. */
export function stateless(re: RegExp | undefined): RegExp {
	const r = re ?? /\[\[fail\]\]/i;
	return new RegExp(r.source, r.flags.replace(/[gy]/g, ''));
}

/** The provider hooks behind FakeServer's control methods. */
export interface Controls {
	tasks: { durationMs: number; finish(id: string, outcome: Outcome): void };
	linkTtlMs: number;
}

/** Builds the public FakeServer from a running core and its provider. */
export function fakeServer(core: Core, apiKey: string, provider: () => Controls): FakeServer {
	return {
		baseUrl: core.baseUrl,
		apiKey,
		received: core.received,
		count: (route) => core.count(route),
		inject: (fault) => core.faults.add(fault),
		clearFaults: () => core.faults.clear(),
		setTaskDuration: (ms) => {
			provider().tasks.durationMs = ms;
		},
		setLinkTtl: (ms) => {
			provider().linkTtlMs = ms;
		},
		finishTask: (id, outcome) => provider().tasks.finish(id, outcome),
		close: () => core.close(),
	};
}

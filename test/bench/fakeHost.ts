/**
 * A child process for the many-tasks row: the fake EvoLink on its own event loop (so its work
 * never counts against the engine's), counting the requests it is serving at once, per kind,
 * from node:http's diagnostics channels (the fake itself is not touched).
 * Every answer is delayed by `latencyMs` (the fake's `delay` fault), as a real API's would be.
 *   fork('fakeHost.js', [taskDurationMs, latencyMs]) → sends { baseUrl, apiKey }; answers 'stats' with FakeStats.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFakeEvolink } from '../fakes';

export type RequestKind = 'poll' | 'create' | 'media' | 'other';

export interface FakeStats {
	/** Most requests being served at the same moment, over all kinds and per kind. */
	maxInFlight: Record<RequestKind | 'all', number>;
	requests: Record<RequestKind, number>;
}

function kindOf(req: IncomingMessage): RequestKind {
	const url = req.url ?? '';
	if (req.method === 'GET' && url.startsWith('/v1/tasks/')) { return 'poll'; }
	if (req.method === 'POST') { return 'create'; }
	if (req.method === 'GET' && url.startsWith('/media/')) { return 'media'; }
	return 'other';
}

async function main(): Promise<void> {
	const inFlight = { all: 0, poll: 0, create: 0, media: 0, other: 0 };
	const stats: FakeStats = { maxInFlight: { all: 0, poll: 0, create: 0, media: 0, other: 0 }, requests: { poll: 0, create: 0, media: 0, other: 0 } };
	subscribe('http.server.request.start', (message) => {
		const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
		const kind = kindOf(request);
		stats.requests[kind]++;
		for (const k of ['all', kind] as const) {
			inFlight[k]++;
			stats.maxInFlight[k] = Math.max(stats.maxInFlight[k], inFlight[k]);
		}
		// 'close' comes for finished and for aborted responses alike.
		response.once('close', () => {
			inFlight.all--;
			inFlight[kind]--;
		});
	});
	const fake = await startFakeEvolink({ taskDurationMs: Number(process.argv[2] ?? 20_000) });
	// A cloud API's latency: without it every request is answered before the next one is read.
	fake.inject({ route: '*', kind: 'delay', ms: Number(process.argv[3] ?? 150) });
	process.on('message', (m) => {
		if (m === 'stats') { process.send?.(stats); }
		if (m === 'close') { void fake.close().then(() => process.exit(0)); }
	});
	process.send?.({ baseUrl: fake.baseUrl, apiKey: fake.apiKey });
}

void main();

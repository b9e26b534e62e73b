/**
 * Faithful local fakes of the two providers (EvoLink and sunoapi.org Suno Sounds), built on plain
 * node:http for unit tests, host-integration tests and the `npm start` sandbox (see main.ts).
 *
 * - `startFakeEvolink()`: POST /v1/audios/generations, POST /v1/videos/generations, GET /v1/tasks/{id},
 *   GET /v1/credits, the files API (/api/v1/files/upload/stream|base64, /quota, /download/{id}) and
 *   result media under /media, all on one port.
 * - `startFakeSounds()`: POST /api/v1/generate/sounds, GET /api/v1/generate/record-info?taskId=,
 *   GET /api/v1/generate/credit and result media under /media.
 *
 * Routes for `inject()` and `count()` are 'METHOD /path' (no query), '*', or a prefix ending in '*'
 * (e.g. 'GET /v1/tasks/*', 'GET /media/*'); a fault's `query` narrows it to requests whose query
 * string contains that text (e.g. 'taskId=…'). Fault semantics:
 * - delay: answer normally after `ms` (default 1000).
 * - stallHeaders: the handler runs (a POST creates its task), no response is ever written.
 * - stallBody: headers with the full Content-Length and half the body, then silence.
 * - reset: the socket is destroyed before the body is read (recorded with body undefined; nothing created).
 * - resetAfterBody: the full body is read and recorded, the handler runs, then the socket is destroyed.
 * - status: the provider's documented error for `status` (handler not run; `message` replaces its text,
 *   `retryAfter` adds Retry-After as seconds or a verbatim HTTP-date); see FaultSpec.
 * - malformedJson / truncate: the handler runs, then its answer is mangled.
 * - statusWord: the handler runs, then the task's status word becomes `word` (a value clients do not know).
 * Result links embed `expires` (ms) and an HMAC `sig`; they answer 403 after completion + linkTtlMs.
 * Prompts matching failPrompts (default /\[\[fail\]\]/i) end failed.
 */
export type { FakeOptions, FakeServer, FaultSpec, Receipt } from './types';
export { startFakeEvolink, EVOLINK_TEST_KEY } from './evolink/provider';
export { startFakeSounds, SOUNDS_TEST_KEY } from './sounds/provider';

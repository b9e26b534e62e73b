/**
 * Shared helpers for the fake-provider tests: authenticated JSON calls, polling, and ffprobe/ffmpeg
 * wrappers that inspect downloaded media.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FakeServer } from '../../fakes';

const run = promisify(execFile);

/** A parsed JSON value, loosely typed (as JSON.parse returns it) so assertions can dig in. */
export type Json = ReturnType<typeof JSON.parse>;

/** fetch against a fake with its bearer key (unless `auth: false`). */
export function call(fake: FakeServer, path: string, init: { method?: string; body?: unknown; auth?: string | false; headers?: Record<string, string> } = {}): Promise<Response> {
	const headers: Record<string, string> = { ...(init.headers ?? {}) };
	if (init.auth !== false) {
		headers.Authorization = `Bearer ${init.auth ?? fake.apiKey}`;
	}
	let body: string | undefined;
	if (init.body !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.body);
	}
	return fetch(`${fake.baseUrl}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
}

/** fetch + JSON, returning the HTTP status too. */
export async function callJson(fake: FakeServer, path: string, init: Parameters<typeof call>[2] = {}): Promise<{ status: number; json: Json; headers: Headers }> {
	const res = await call(fake, path, init);
	return { status: res.status, json: await res.json(), headers: res.headers };
}

/** Creates an EvoLink task; fails the test when the fake refuses it. */
export async function createTask(fake: FakeServer, body: Record<string, unknown>, endpoint = '/v1/audios/generations'): Promise<Json> {
	const { status, json } = await callJson(fake, endpoint, { body });
	if (status !== 200) {
		throw new Error(`creation failed: ${status} ${JSON.stringify(json)}`);
	}
	return json;
}

/** Polls `read` every `everyMs` until `done` holds; returns every value seen (the last satisfies `done`). */
export async function pollUntil<T>(read: () => Promise<T>, done: (v: T) => boolean, everyMs = 25, timeoutMs = 5000): Promise<T[]> {
	const seen: T[] = [];
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await read();
		seen.push(v);
		if (done(v)) {
			return seen;
		}
		if (Date.now() > deadline) {
			throw new Error(`pollUntil timed out; last value ${JSON.stringify(v)}`);
		}
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

/** Polls an EvoLink task until it is final and returns every snapshot. */
export function pollTask(fake: FakeServer, id: string, everyMs = 20): Promise<Json[]> {
	return pollUntil(
		async () => (await callJson(fake, `/v1/tasks/${id}`)).json,
		(t: Json) => ['completed', 'failed', 'cancelled'].includes(t.status),
		everyMs,
	);
}

/** Downloads a URL (no auth) and returns status, headers and bytes. */
export async function download(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
	const res = await fetch(url, { headers });
	return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function withTempFile<T>(bytes: Buffer, ext: string, fn: (path: string) => Promise<T>): Promise<T> {
	const dir = await mkdtemp(join(tmpdir(), 'fake-test-'));
	try {
		const file = join(dir, `media.${ext}`);
		await writeFile(file, bytes);
		return await fn(file);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** ffprobe's view of the first stream: codec name, sample rate and duration (seconds). */
export async function probe(bytes: Buffer, ext: string): Promise<{ codec: string; sampleRate?: number; duration: number; width?: number; height?: number }> {
	return withTempFile(bytes, ext, async (file) => {
		const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,duration,width,height', '-of', 'json', file]);
		const s = JSON.parse(stdout).streams[0];
		return { codec: s.codec_name, sampleRate: s.sample_rate ? Number(s.sample_rate) : undefined, duration: Number(s.duration), width: s.width, height: s.height };
	});
}

/** Decodes audio with ffmpeg and returns how many mono samples it holds at its own rate. */
export async function decodedSamples(bytes: Buffer, ext: string): Promise<number> {
	return withTempFile(bytes, ext, async (file) => {
		const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-ac', '1', '-f', 's16le', '-'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
		return stdout.length / 2;
	});
}

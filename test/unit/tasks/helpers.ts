/**
 * Shared test helpers for the task modules: snapshots, a seeded random source, a log that
 * records lines, temporary directories.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Log } from '../../../src/util/log';
import type { RemoteTaskState, TaskSnapshot, TaskStatus } from '../../../src/shared/domain';

/** mulberry32, seeded, uniform in [0, 1): the fakes' generator, one copy for all tests. */
export { rng as seededRandom } from '../../fakes/media/pcm';

/** A random source that always returns `value`. */
export function constRandom(value: number): () => number {
	return () => value;
}

/** A Log that keeps what it was given. */
export class RecordingLog implements Log {
	readonly lines: { level: string; message: string }[] = [];
	trace(message: string): void {
		this.lines.push({ level: 'trace', message });
	}
	debug(message: string): void {
		this.lines.push({ level: 'debug', message });
	}
	info(message: string): void {
		this.lines.push({ level: 'info', message });
	}
	warn(message: string): void {
		this.lines.push({ level: 'warn', message });
	}
	error(message: string | Error): void {
		this.lines.push({ level: 'error', message: String(message) });
	}
	/** Messages logged at `level`. */
	at(level: string): string[] {
		return this.lines.filter((l) => l.level === level).map((l) => l.message);
	}
}

/** A valid snapshot with overridable fields. */
export function makeTask(overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
	const createdAt = overrides.createdAt ?? 1_000_000;
	return {
		id: 'task-unified-1',
		provider: 'evolink',
		model: 'doubao-seed-audio-1-0',
		status: 'pending',
		rawStatus: 'pending',
		progress: 0,
		prompt: 'Read this aloud, please.',
		params: { format: 'mp3', sample_rate: 24000 },
		createdAt,
		updatedAt: createdAt,
		results: [],
		resultData: {},
		...overrides,
	};
}

/** A provider answer for `id`. */
export function remoteState(id: string, status: TaskStatus, progress = 0, extra: Partial<RemoteTaskState> = {}): RemoteTaskState {
	return { id, status, rawStatus: status, progress, results: [], resultData: {}, ...extra };
}

/** Creates a temp directory and returns it with a cleanup function. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
	const dir = await mkdtemp(path.join(tmpdir(), 'evolink-tasks-'));
	return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

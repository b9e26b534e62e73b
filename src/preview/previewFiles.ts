/**
 * Finds each result's file on disk and reads its media info once per file version.
 * Pure Node: no `vscode` import.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { TaskSnapshot } from '../shared/domain';
import { readMediaInfo, type MediaInfo } from './codecs';
import type { ResolvedFile } from './previewModel';
import { wavPeaks, type PeakData } from './wavPeaks';

/** Reads media info, remembering it per path, size and mtime so task updates cost no re-reads. */
export class MediaInfoCache {
	private readonly entries = new Map<string, Promise<MediaInfo>>();

	private readonly peaks = new Map<string, Promise<PeakData | undefined>>();
	private readonly done = new Map<string, PeakData>();

	constructor(private readonly read: (p: string) => Promise<MediaInfo> = readMediaInfo, private readonly limit = 64) {}

	/** The peaks already read for this file version, if any (never starts a read). */
	cachedPeaks(filePath: string, sizeBytes: number, mtimeMs: number): PeakData | undefined {
		return this.done.get(`${filePath}\0${sizeBytes}\0${mtimeMs}`);
	}

	/** A WAV file's waveform peaks, read by the host (undefined for other formats); remembered like the info. */
	peaksOf(filePath: string, sizeBytes: number, mtimeMs: number): Promise<PeakData | undefined> {
		const key = `${filePath}\0${sizeBytes}\0${mtimeMs}`;
		let entry = this.peaks.get(key);
		if (!entry) {
			entry = wavPeaks(filePath).catch(() => undefined);
			void entry.then((p) => {
				if (p) {
					this.done.set(key, p);
					if (this.done.size > this.limit) { this.done.delete(this.done.keys().next().value!); }
				}
			});
			this.peaks.set(key, entry);
			if (this.peaks.size > this.limit) {
				this.peaks.delete(this.peaks.keys().next().value!);
			}
		}
		return entry;
	}

	/** The file's media info; a failed read is not cached, so the next update tries again. */
	get(filePath: string, sizeBytes: number, mtimeMs: number): Promise<MediaInfo> {
		const key = `${filePath}\0${sizeBytes}\0${mtimeMs}`;
		let entry = this.entries.get(key);
		if (!entry) {
			entry = this.read(filePath);
			entry.catch(() => this.entries.delete(key));
			this.entries.set(key, entry);
			// Oldest first out; a panel only ever shows a handful of files.
			if (this.entries.size > this.limit) {
				this.entries.delete(this.entries.keys().next().value!);
			}
		}
		return entry;
	}
}

/** The file to play for a result: the downloaded copy, else the one saved in the workspace. */
async function findFile(candidates: (string | undefined)[]): Promise<{ path: string; size: number; mtimeMs: number } | undefined> {
	for (const candidate of candidates) {
		if (!candidate) {
			continue;
		}
		try {
			const s = await stat(candidate);
			if (s.isFile()) {
				return { path: candidate, size: s.size, mtimeMs: s.mtimeMs };
			}
		} catch {
			// Missing or unreadable: try the next copy.
		}
	}
	return undefined;
}

/** Each result's file that exists on disk, by result index, with its media info. */
export async function resolveFiles(task: TaskSnapshot, cache: MediaInfoCache): Promise<Map<number, ResolvedFile>> {
	const found = await Promise.all(task.results.map(async (r): Promise<ResolvedFile | undefined> => {
		const f = await findFile([r.localPath, r.savedPath]);
		if (!f) {
			return undefined;
		}
		const file: ResolvedFile = { index: r.index, path: f.path, sizeBytes: f.size, mtimeMs: f.mtimeMs };
		try {
			file.info = await cache.get(f.path, f.size, f.mtimeMs);
			// The page draws a WAV's waveform from the host's peaks at once; when they are not read yet, they follow the page (`peaks`).
			if (file.info.container === 'wav') { file.peaks = cache.cachedPeaks(f.path, f.size, f.mtimeMs); }
		} catch (err) {
			file.infoError = err instanceof Error ? err.message : String(err);
		}
		return file;
	}));
	return new Map(found.filter((f): f is ResolvedFile => f !== undefined).map((f) => [f.index, f]));
}

/** The folders the page may load files from: exactly those holding this task's files, deduplicated. */
export function resultFolders(files: Iterable<ResolvedFile>): string[] {
	return [...new Set([...files].map((f) => path.dirname(f.path)))].sort();
}

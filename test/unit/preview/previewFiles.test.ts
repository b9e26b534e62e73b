import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MediaInfo } from '../../../src/preview/codecs';
import { MediaInfoCache, resolveFiles, resultFolders } from '../../../src/preview/previewFiles';
import { makeTask, wavBytes } from './fixtures';

describe('result files on disk', () => {
	let dir = '';
	before(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'evolink-preview-'));
		await mkdir(path.join(dir, 'store'));
		await mkdir(path.join(dir, 'ws'));
		await writeFile(path.join(dir, 'store', 'a.wav'), wavBytes(0.5));
		await writeFile(path.join(dir, 'ws', 'b.wav'), wavBytes(0.25));
		await writeFile(path.join(dir, 'store', 'junk.bin'), Buffer.from('not media at all'));
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	test('prefers the downloaded copy, falls back to the saved one, skips missing files', async () => {
		const task = makeTask({
			results: [
				{ index: 0, url: 'u', localPath: path.join(dir, 'store', 'a.wav'), savedPath: path.join(dir, 'ws', 'b.wav') },
				{ index: 1, url: 'u', localPath: path.join(dir, 'store', 'deleted.wav'), savedPath: path.join(dir, 'ws', 'b.wav') },
				{ index: 2, url: 'u', localPath: path.join(dir, 'store', 'deleted.wav') },
				{ index: 3, url: 'u' },
				{ index: 4, url: 'u', localPath: path.join(dir, 'store') },
			],
		});
		const files = await resolveFiles(task, new MediaInfoCache());
		assert.deepEqual([...files.keys()].sort(), [0, 1]);
		assert.equal(files.get(0)?.path, path.join(dir, 'store', 'a.wav'));
		assert.equal(files.get(1)?.path, path.join(dir, 'ws', 'b.wav'));
		const info = files.get(0)?.info;
		assert.equal(info?.container, 'wav');
		assert.deepEqual(info?.tracks, [{ kind: 'audio', codec: 'pcm', sampleRate: 8000, channels: 1 }]);
		assert.ok(Math.abs((info?.durationSec ?? 0) - 0.5) < 0.01);
	});

	test('the page may read only the folders that hold the files it plays', async () => {
		const task = makeTask({
			results: [
				{ index: 0, url: 'u', localPath: path.join(dir, 'store', 'a.wav') },
				{ index: 1, url: 'u', localPath: path.join(dir, 'store', 'junk.bin') },
				{ index: 2, url: 'u', savedPath: path.join(dir, 'ws', 'b.wav') },
			],
		});
		const files = await resolveFiles(task, new MediaInfoCache());
		assert.deepEqual(resultFolders(files.values()), [path.join(dir, 'store'), path.join(dir, 'ws')]);
		assert.equal(files.get(1)?.info?.container, 'unknown');
		assert.deepEqual(resultFolders([]), []);
	});

	test('media info is read once per file version; failures are retried', async () => {
		let reads = 0;
		let fail = true;
		const fake = async (): Promise<MediaInfo> => {
			reads++;
			if (fail) {
				throw new Error('disk on fire');
			}
			return { container: 'wav', tracks: [], sizeBytes: 1 };
		};
		const cache = new MediaInfoCache(fake);
		const p = path.join(dir, 'store', 'a.wav');
		const task = makeTask({ results: [{ index: 0, url: 'u', localPath: p }] });
		const first = await resolveFiles(task, cache);
		assert.equal(first.get(0)?.infoError, 'disk on fire');
		assert.equal(first.get(0)?.info, undefined);
		fail = false;
		await resolveFiles(task, cache);
		await resolveFiles(task, cache);
		assert.equal(reads, 2, 'the failure was not cached; the success was');
		const later = new Date(Date.now() + 5000);
		await utimes(p, later, later);
		await resolveFiles(task, cache);
		assert.equal(reads, 3, 'a new mtime is a new version');
	});

	test('the cache forgets its oldest entries beyond its limit', async () => {
		let reads = 0;
		const cache = new MediaInfoCache(async () => {
			reads++;
			return { container: 'wav', tracks: [], sizeBytes: 1 };
		}, 2);
		await cache.get('/a', 1, 1);
		await cache.get('/b', 1, 1);
		await cache.get('/c', 1, 1);
		await cache.get('/c', 1, 1);
		await cache.get('/a', 1, 1);
		assert.equal(reads, 4);
	});
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Services } from '../../../src/services';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { startFakeEvolink, type FakeServer } from '../../fakes';

/** A download that failed for a passing reason is not the end: Refresh downloads it again (fault matrix, issue 11). */
let evolink: FakeServer;
before(async () => {
	evolink = await startFakeEvolink({ taskDurationMs: 500 });
});
after(async () => {
	await evolink.close();
});

async function until(s: Services, id: string, done: (t: TaskSnapshot) => boolean, ms = 20_000): Promise<TaskSnapshot> {
	const end = Date.now() + ms;
	for (;;) {
		const t = s.store.get(id);
		if (t && done(t)) { return t; }
		if (Date.now() > end) { throw new Error(`timeout; last ${JSON.stringify(t)}`); }
		await new Promise((r) => setTimeout(r, 50));
	}
}

test('a download cut short keeps its advice, leaves no file, and Refresh downloads it again', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-retry-'));
	const s = await Services.create({
		storageDir: dir,
		getApiKey: async () => evolink.apiKey,
		settings: () => ({ evolinkBaseUrl: evolink.baseUrl, evolinkFilesBaseUrl: evolink.baseUrl, soundsBaseUrl: evolink.baseUrl, maxDownloadMb: 50 }),
		log: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
		userAgent: 'test',
	});
	try {
		evolink.inject({ route: 'GET /media/*', kind: 'truncate', times: 1 });
		const task = await s.engine.submit('doubao-seed-audio-1-0', { prompt: 'cut short', format: 'mp3' });
		const failed = await until(s, task.id, (t) => t.results.some((r) => r.downloadError));
		assert.match(failed.results[0].downloadError!, /was cut short \(got \d+ of \d+ bytes\)\. Use Refresh in the EvoLink view to download it again\./);
		assert.deepEqual(fs.readdirSync(path.join(dir, 'results', task.id)), [], 'nothing half-written');

		s.engine.refresh(task.id);
		const done = await until(s, task.id, (t) => t.results.every((r) => r.localPath));
		assert.equal(done.results[0].downloadError, undefined);
		assert.ok(fs.statSync(done.results[0].localPath!).size > 1000);
		assert.equal(evolink.count('POST /v1/audios/generations'), 1, 'downloaded again, not generated again');
	} finally {
		await s.dispose();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

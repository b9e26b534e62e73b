import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TaskStore } from '../../src/tasks/store';
import type { TaskSnapshot } from '../../src/shared/domain';
import { nullLog } from '../../src/util/log';

function task(i: number): TaskSnapshot {
	return {
		id: `task-unified-1774170584-${String(i).padStart(8, '0')}`,
		provider: 'evolink',
		model: 'doubao-seed-audio-1-0',
		status: 'completed',
		rawStatus: 'completed',
		progress: 100,
		prompt: `Prompt number ${i}: the old lighthouse keeper climbed the stairs.`,
		params: { prompt: 'x', format: 'mp3', sample_rate: 24000 },
		createdAt: 1_774_170_584_000 + i,
		updatedAt: 1_774_170_584_000 + i,
		results: [{ index: 0, url: `https://media.example/${i}.mp3`, localPath: `/tmp/r/${i}.mp3` }],
		resultData: {},
	};
}

/** Store open and update costs against plain-file baselines. */
export async function benchStore(): Promise<{ openMs: number; parseMs: number; updateMs: number; appendMs: number }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
	const tasks = Array.from({ length: 2000 }, (_, i) => task(i));
	const seed = await TaskStore.open(dir, nullLog);
	for (const t of tasks) { await seed.add(t); }
	seed.dispose();
	const plain = path.join(dir, 'plain.json');
	fs.writeFileSync(plain, JSON.stringify(tasks));

	let t0 = performance.now();
	const store = await TaskStore.open(dir, nullLog);
	const openMs = performance.now() - t0;
	t0 = performance.now();
	JSON.parse(fs.readFileSync(plain, 'utf8'));
	const parseMs = performance.now() - t0;

	const id = tasks[0].id;
	t0 = performance.now();
	for (let i = 0; i < 500; i++) { await store.update(id, { progress: i % 100 }); }
	const updateMs = performance.now() - t0;
	store.dispose();
	const lines = path.join(dir, 'lines.jsonl');
	t0 = performance.now();
	for (let i = 0; i < 500; i++) {
		const fd = fs.openSync(lines, 'a');
		fs.writeSync(fd, `${JSON.stringify({ op: 'patch', id, patch: { progress: i % 100 } })}\n`);
		fs.fsyncSync(fd);
		fs.closeSync(fd);
	}
	const appendMs = performance.now() - t0;
	fs.rmSync(dir, { recursive: true, force: true });
	return { openMs, parseMs, updateMs, appendMs };
}

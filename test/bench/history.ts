/**
 * A long history: 5,000 finished tasks in the store. Figures, each a median:
 * - open: `TaskStore.open` replaying the journal;
 * - update: one `store.update` of a finished task (a result saved to the workspace), resolved
 *   once its journal line is written and fsync'd;
 * - compaction: an update that also compacts: its line, then the journal rewritten from memory
 *   (serialise, temp file, fsync, rename, fsync of the folder), forced after every write by
 *   `compactRatio: 0`; timed from the update to `store.flush()` (the rewrite's serialisation runs
 *   synchronously as the update resolves, so it cannot be timed apart);
 * - tree: what the task tree does for a full refresh without `vscode`: `store.peek()` (no copies), the job
 *   filter and running/history split of `getChildren`, and for every row the label, description,
 *   tooltip and context value `getTreeItem` sets (views/taskLabels.ts);
 * - memory: heapUsed with the store open minus before, after a full GC.
 * Baseline for the times: `JSON.stringify` of the same 5,000 tasks; for memory: that JSON's size.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isFinal, jobOf, type TaskSnapshot, type TaskStatus } from '../../src/shared/domain';
import { TaskStore } from '../../src/tasks/store';
import { encodeOp } from '../../src/tasks/storeRecords';
import { nullLog } from '../../src/util/log';
import { taskContextValue, taskDescription, taskLabel, taskTooltip } from '../../src/views/taskLabels';
import { collectGarbage, median } from './results';

export interface HistoryResult {
	tasks: number;
	journalBytes: number;
	openMs: number;
	parseMs: number;
	updateMs: number;
	compactionMs: number;
	treeMs: number;
	/** The part of `treeMs` that is `store.peek()` (the snapshots, not copied). */
	listMs: number;
	stringifyMs: number;
	heapBytes: number;
	jsonBytes: number;
}

const MODELS = ['doubao-seed-audio-1-0', 'suno-sounds', 'suno-music', 'qwen3-tts-vd', 'doubao-seedance-1.0-pro-fast'];

/** A finished task as the store keeps it after a download: 1 in 20 failed, 1 in 50 cancelled, music with two variants. */
function finishedTask(i: number): TaskSnapshot {
	const model = MODELS[i % MODELS.length];
	const status: TaskStatus = i % 20 === 7 ? 'failed' : i % 50 === 13 ? 'cancelled' : 'completed';
	const created = 1_774_170_584_000 + i * 60_000;
	const variants = status !== 'completed' ? 0 : model === 'suno-music' ? 2 : 1;
	return {
		id: `task-unified-1774170584-${String(i).padStart(8, '0')}`,
		provider: model === 'suno-sounds' ? 'sounds' : 'evolink',
		model,
		status,
		rawStatus: status,
		progress: status === 'completed' ? 100 : 40,
		prompt: `Prompt number ${i}: the old lighthouse keeper climbed the stairs while the storm gathered over the bay.`,
		params: { prompt: `Prompt number ${i}`, format: 'mp3', sample_rate: 24000, apiModel: model },
		createdAt: created,
		updatedAt: created + 45_000,
		finishedAt: created + 45_000,
		estimatedTimeSec: 40,
		creditsReserved: 1.5,
		results: Array.from({ length: variants }, (_, v) => ({
			index: v,
			url: `https://media.example/${i}/${v}.mp3?sig=abcdef`,
			expiresAt: created + 86_400_000,
			localPath: `/home/u/.vscode/globalStorage/evolink/results/${i}/${v + 1}.mp3`,
			durationSec: 30,
			...(model === 'suno-music' ? { title: `Song ${i}, take ${v + 1}` } : {}),
		})),
		resultData: model === 'qwen3-tts-vd' ? { voice: `voice-${i}` } : {},
		...(status === 'failed' ? { error: { message: 'The prompt was refused by the content policy.', retryable: false } } : {}),
	};
}

function timeMedian(runs: number, fn: () => void): number {
	return median(Array.from({ length: runs }, () => {
		const t0 = performance.now();
		fn();
		return performance.now() - t0;
	}));
}

async function timeMedianAsync(runs: number, fn: (i: number) => Promise<number>): Promise<number> {
	const xs: number[] = [];
	for (let i = 0; i < runs; i++) { xs.push(await fn(i)); }
	return median(xs);
}

export async function benchHistory(count = 5000): Promise<HistoryResult> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-history-'));
	try {
		const tasks = Array.from({ length: count }, (_, i) => finishedTask(i));
		// The journal as add() would have written it, without 5,000 fsyncs.
		const journal = tasks.map((task) => encodeOp({ op: 'put', task })).join('');
		fs.writeFileSync(path.join(dir, 'tasks.jsonl'), journal);
		const json = JSON.stringify(tasks);
		const stringifyMs = timeMedian(9, () => JSON.stringify(tasks));
		const parseMs = timeMedian(9, () => JSON.parse(json));

		const openMs = await timeMedianAsync(5, async () => {
			const t0 = performance.now();
			const s = await TaskStore.open(dir, nullLog);
			const ms = performance.now() - t0;
			await s.close();
			return ms;
		});

		collectGarbage();
		const heapBefore = process.memoryUsage().heapUsed;
		const store = await TaskStore.open(dir, nullLog);
		collectGarbage();
		const heapBytes = process.memoryUsage().heapUsed - heapBefore;
		const ids = store.list().filter((t) => t.status === 'completed').map((t) => t.id);
		const saved = (i: number) => (t: TaskSnapshot): TaskSnapshot => ({ ...t, results: t.results.map((r) => ({ ...r, savedPath: `/work/game/assets/sfx/take-${i}.mp3` })) });
		const updateMs = await timeMedianAsync(21, async (i) => {
			const t0 = performance.now();
			await store.update(ids[i * 97 % ids.length], saved(i));
			return performance.now() - t0;
		});
		const treeMs = timeMedian(9, () => {
			const now = Date.now();
			const listed = store.peek().filter((t) => !jobOf(t));
			const running = listed.filter((t) => !isFinal(t.status));
			const history = listed.filter((t) => isFinal(t.status));
			for (const t of [...running, ...history]) {
				taskLabel(t);
				taskDescription(t, now);
				taskTooltip(t);
				taskContextValue(t);
			}
		});
		const listMs = timeMedian(9, () => store.peek());
		await store.close();

		const compacting = await TaskStore.open(dir, nullLog, { compactRatio: 0 });
		const compactionMs = await timeMedianAsync(9, async (i) => {
			const t0 = performance.now();
			await compacting.update(ids[i * 89 % ids.length], saved(100 + i));
			await compacting.flush();
			return performance.now() - t0;
		});
		await compacting.close();
		return { tasks: count, journalBytes: journal.length, openMs, parseMs, updateMs, compactionMs, treeMs, listMs, stringifyMs, heapBytes, jsonBytes: json.length };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

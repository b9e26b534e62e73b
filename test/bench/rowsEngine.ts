import { benchDownload } from './download';
import { benchHistory } from './history';
import { benchManyTasks, POLL_CAP } from './manyTasks';
import { benchPolling } from './polling';
import { row } from './results';
import { MiB, sec, type BenchSection } from './section';

/** The engine against the fake: completion detection, 200 tasks in flight, a large download, 5,000 tasks in the store. */
export const engineSections: BenchSection[] = [
	{
		id: 'completion',
		title: 'completion detection against the fake (real time, --full)',
		unit: 's',
		target: null,
		slow: true,
		run: async () => {
			const scenarios = await benchPolling();
			return scenarios.flatMap((c) => {
				const what = `${c.seconds} s task${c.estimate ? ' (estimate = duration)' : ', Suno Sounds, no estimate'}`;
				const all = `product ${c.adaptive.gets} GETs / ${sec(c.adaptive.delayMs)}; fixed 1 s ${c.fixed1s.gets} / ${sec(c.fixed1s.delayMs)}; fixed 5 s ${c.fixed5s.gets} / ${
					sec(c.fixed5s.delayMs)
				}`;
				return [
					row({
						id: `completion.${c.id}.delay`,
						title: `${what}: done → detected`,
						figure: c.adaptive.delayMs / 1000,
						unit: 's',
						baseline: c.fixed5s.delayMs / 1000,
						baselineLabel: 'fixed 5 s',
						notes: all,
						details: c,
					}),
					row({
						id: `completion.${c.id}.gets`,
						title: `${what}: GET /tasks per task`,
						figure: c.adaptive.gets,
						unit: 'GETs',
						baseline: c.fixed1s.gets,
						baselineLabel: 'fixed 1 s',
						notes: all,
					}),
				];
			});
		},
	},
	{
		id: 'many',
		title: '200 tasks in flight against the fake',
		unit: 'ms',
		target: '< 50 ms',
		run: async () => {
			const m = await benchManyTasks();
			const notes = `${m.tasks} tasks (20 s each, wav) submitted at once, fake answering after ${m.latencyMs} ms; all done and downloaded in ${
				sec(m.wallMs)
			} (${m.failed} not completed); fake served ${m.stats.requests.poll} polls, ${m.stats.requests.create} POSTs, ${m.stats.requests.media} downloads; most at once: ${m.stats.maxInFlight.all} requests, ${m.stats.maxInFlight.create} POSTs, ${m.stats.maxInFlight.media} downloads`;
			return [
				row({
					id: 'many.polls-in-flight',
					title: 'most polls the fake served at once',
					figure: m.stats.maxInFlight.poll,
					unit: 'polls',
					baseline: POLL_CAP,
					baselineLabel: 'cap',
					target: `≤ cap (${POLL_CAP})`,
					met: m.stats.maxInFlight.poll <= POLL_CAP,
					notes,
					details: m,
				}),
				row({
					id: 'many.event-loop',
					title: 'engine process event loop, longest stall',
					figure: m.eventLoopMaxMs,
					unit: 'ms',
					baseline: m.idleMaxMs,
					baselineLabel: 'idle',
					target: '< 50 ms',
					met: m.eventLoopMaxMs < 50,
					notes: `monitorEventLoopDelay (1 ms resolution) from the first submit to the last download; p99 ${m.eventLoopP99Ms.toFixed(1)} ms (idle ${
						m.idleP99Ms.toFixed(1)
					} ms)`,
				}),
			];
		},
	},
	{
		id: 'download',
		title: 'large download over loopback',
		unit: 'MB/s',
		target: '≥ 0.9× curl',
		run: async () => {
			const d = await benchDownload();
			const notes = `${d.sizeNote}, median of ${d.runs} runs each, alternating; for reference, undici request piped to a file: ${d.bareMBps.toFixed(0)} MB/s, +${
				(d.bareRssGrowth / MiB).toFixed(1)
			} MB RSS`;
			return [
				row({
					id: 'download.throughput',
					title: 'downloadToFile throughput',
					figure: d.productMBps,
					unit: 'MB/s',
					baseline: d.curlMBps,
					baselineLabel: 'curl',
					target: '≥ 0.9× curl',
					met: d.productMBps >= 0.9 * d.curlMBps,
					notes,
				}),
				row({
					id: 'download.rss',
					title: 'downloadToFile peak RSS growth',
					figure: d.rssGrowth / MiB,
					unit: 'MB',
					baseline: null,
					baselineLabel: '',
					target: '< 64 MB',
					met: d.rssGrowth < 64 * MiB,
					notes: `worst of ${d.runs} runs (peak of 50 ms samples and ru_maxrss, over RSS after a warm-up and GC); curl's own peak RSS ${
						Number.isFinite(d.curlRss) ? `${(d.curlRss / MiB).toFixed(1)} MB` : 'not measured (no /usr/bin/time)'
					}`,
					details: { rss: d.rss },
				}),
			];
		},
	},
	{
		id: 'history',
		title: '5,000 finished tasks in the store',
		unit: 'ms',
		target: '< 50 ms',
		run: async () => {
			const h = await benchHistory();
			const base = { baseline: h.stringifyMs, baselineLabel: 'JSON.stringify', unit: 'ms', target: '< 50 ms' };
			return [
				row({
					...base,
					id: 'history.update',
					title: 'store.update of a finished task (journal line + fsync)',
					figure: h.updateMs,
					met: h.updateMs < 50,
					notes: `median of 21; journal ${(h.journalBytes / MiB).toFixed(1)} MB`,
				}),
				row({
					...base,
					id: 'history.compaction',
					title: 'an update that compacts the journal',
					figure: h.compactionMs,
					met: h.compactionMs < 50,
					notes: 'median of 9: line + fsync, then rewrite (serialise, temp file, fsync, rename, fsync folder)',
				}),
				row({
					...base,
					id: 'history.tree',
					title: 'task tree rows for 5,000 tasks (pure part)',
					figure: h.treeMs,
					met: h.treeMs < 50,
					notes: `median of 9: store.peek() (alone ${h.listMs.toFixed(1)} ms), getChildren's filters, label/description/tooltip/contextValue per row`,
				}),
				row({
					id: 'history.open',
					title: 'TaskStore.open (journal replay)',
					figure: h.openMs,
					unit: 'ms',
					baseline: h.parseMs,
					baselineLabel: 'JSON.parse',
					notes: 'median of 5; reported, no target',
				}),
				row({
					id: 'history.memory',
					title: 'heapUsed with the store open',
					figure: h.heapBytes / MiB,
					unit: 'MB',
					baseline: h.jsonBytes / MiB,
					baselineLabel: 'JSON text',
					notes: 'after a full GC; reported, no target',
				}),
			];
		},
	},
];

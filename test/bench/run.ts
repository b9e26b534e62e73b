import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchActivation } from './activation';
import { benchBundles, type BundleSizes } from './bundles';
import { benchDownload } from './download';
import { benchEngineExport } from './engineExport';
import { benchHistory } from './history';
import { benchJoin } from './join';
import { benchManyTasks, POLL_CAP } from './manyTasks';
import { benchPolling } from './polling';
import { benchPreview } from './previewTiming';
import { failedRow, printTable, readPrevious, row, writeResults, type BenchRow } from './results';
import { benchStore } from './store';

/**
 * `npm run bench`: each figure next to a baseline measured in the same run, as a ratio, and the
 * issue's target where it has one. Never fails on a time: a missed target is a row saying so.
 * Writes every figure to bench-results.json.
 *   npm run bench                  every row but completion detection (printed from the last full run)
 *   npm run bench -- --full        completion detection too (real time, about 4 minutes)
 *   npm run bench -- --only=a,b    only the rows whose id starts with a or b
 */
const args = process.argv.slice(2);
const full = args.includes('--full');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
const wanted = (id: string) => !only || only.some((o) => id.startsWith(o));

type Section = (tmp: string, shared: Shared) => Promise<BenchRow[]>;
interface Shared {
	bundles?: BundleSizes & { vsix: string };
}

const KB = 1024;
const MiB = 1024 * 1024;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const sections: { id: string; title: string; unit: string; target: string | null; slow?: boolean; run: Section }[] = [
	{
		id: 'bundle',
		title: 'bundle sizes (production build, .vsix)',
		unit: 'KB',
		target: null,
		run: async (tmp, shared) => {
			const b = packed(tmp, shared);
			const notes = `${b.production ? 'production build' : 'WARNING: not a production build'}, as packed in the .vsix`;
			return [
				...Object.entries(b.files).map(([file, bytes]) =>
					row({ id: `bundle.${file}`, title: `dist/${file}`, figure: bytes / KB, unit: 'KB', baseline: null, baselineLabel: '', notes })
				),
				row({
					id: 'bundle.vsix',
					title: '.vsix (vsce package --no-dependencies)',
					figure: b.vsixBytes / KB,
					unit: 'KB',
					baseline: null,
					baselineLabel: '',
					notes: `${b.vsixEntries} files`,
				}),
			];
		},
	},
	{
		id: 'activation',
		title: 'activation in code-server',
		unit: 'ms',
		target: '≤ 2× minimal',
		run: async (tmp, shared) => {
			const a = await benchActivation(packed(tmp, shared).vsix);
			const kb = (xs: { bytes: number }[]) => `${(xs.reduce((n, x) => n + x.bytes, 0) / KB).toFixed(0)} KB`;
			const files = (xs: { file: string }[]) => xs.map((x) => x.file).join(', ') || 'none';
			const lazy = ['dist/core.js', 'dist/audioWorker.js'];
			const lazyLoaded = a.loadedAtActivation.filter((x) => lazy.includes(x.file)).map((x) => x.file);
			return [
				row({
					id: 'activation',
					title: 'require(main) + activate() in the extension host (median)',
					figure: a.oursMs,
					unit: 'ms',
					baseline: a.minimalMs,
					baselineLabel: 'minimal ext.',
					target: '≤ 2× minimal',
					met: a.oursMs <= 2 * a.minimalMs,
					notes:
						`code-server, both installed from .vsix, both on onStartupFinished; median of ${a.sessions} sessions (ours activated first in ${a.oursFirst}); require(main) ${
							a.oursRequireMs.toFixed(1)
						} ms vs ${a.minimalRequireMs.toFixed(2)} ms, activate() ${a.oursActivateMs.toFixed(1)} ms`,
				}),
				row({
					id: 'activation.host',
					title: "the host's marks: willLoadExtensionCode → didActivateExtension (median)",
					figure: a.oursHostSpanMs,
					unit: 'ms',
					baseline: a.minimalHostSpanMs,
					baselineLabel: 'minimal ext.',
					target: '≤ 2× minimal',
					met: a.oursHostSpanMs <= 2 * a.minimalHostSpanMs,
					notes: "VS Code's own performance marks (whole milliseconds): require(main), waiting for the ExtensionContext, activate()",
				}),
				row({
					id: 'activation.loaded',
					title: 'our files loaded by activation',
					figure: a.loadedAtActivation.reduce((n, x) => n + x.bytes, 0) / KB,
					unit: 'KB',
					baseline: null,
					baselineLabel: '',
					target: 'no core.js, audioWorker.js',
					met: lazyLoaded.length === 0,
					notes: `in require.cache after activate(): ${files(a.loadedAtActivation)} (${kb(a.loadedAtActivation)}); 2 s later: ${files(a.loadedAfterSettle)} (${
						kb(a.loadedAfterSettle)
					})`,
					details: { loadedAtActivation: a.loadedAtActivation, loadedAfterSettle: a.loadedAfterSettle },
				}),
			];
		},
	},
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
	{
		id: 'preview',
		title: 'preview in the workbench: 10-minute WAV vs short',
		unit: 'ms',
		target: 'waveform < 1 s',
		run: async () => {
			const { short, long, sharedWorker } = await benchPreview();
			const notes = `${long.durationSec.toFixed(0)} s, ${(long.bytes / MiB).toFixed(0)} MB WAV vs ${short.durationSec.toFixed(1)} s, ${
				(short.bytes / 1024).toFixed(0)
			} KB; from the click on the task row${long.log ? `; the preview's log: ${long.log}` : ''}`;
			return [
				row({
					id: 'preview.duration',
					title: 'open → duration shown, 10-minute WAV',
					figure: long.durationShownMs,
					unit: 'ms',
					baseline: short.durationShownMs,
					baselineLabel: 'short WAV',
					target: '< 1000 ms',
					met: long.durationShownMs < 1000,
					notes: 'the player shows the length the host read from the file, before the element has loaded it',
				}),
				row({
					id: 'preview.metadata',
					title: 'open → loadedmetadata, 10-minute WAV',
					figure: long.metaMs,
					unit: 'ms',
					baseline: short.metaMs,
					baselineLabel: 'short WAV',
					notes,
				}),
				row({
					id: 'preview.waveform',
					title: 'open → waveform drawn, 10-minute WAV',
					figure: long.waveMs,
					unit: 'ms',
					baseline: short.waveMs,
					baselineLabel: 'short WAV',
					target: '< 1000 ms',
					met: long.waveMs < 1000,
					notes,
				}),
				row({
					id: 'preview.sharedWorker',
					title: "open → waveform drawn, short WAV, code-server's shared webview worker",
					figure: sharedWorker.waveMs,
					unit: 'ms',
					baseline: short.waveMs,
					baselineLabel: 'fresh worker',
					notes:
						'code-server serves every webview from one origin and replaces the service worker for each new one; desktop VS Code gives each webview its own origin, so the rows above clear the last worker first; reported, no target',
				}),
			];
		},
	},
	{
		id: 'export',
		title: 'engine export: 3-minute MP3 → Ogg at −16 LUFS',
		unit: 'ms',
		target: '< 50 ms',
		run: async () => {
			const e = await benchEngineExport();
			return [
				row({
					id: 'export.time',
					title: 'exportAudio (in-process), median of 3',
					figure: e.exportMs,
					unit: 'ms',
					baseline: e.ffmpegMs,
					baselineLabel: 'ffmpeg',
					notes: `input ${(e.inputBytes / MiB).toFixed(1)} MB; output ${(e.outputBytes / MiB).toFixed(1)} MB at ${e.lufsAfter ?? '?'} LUFS vs ffmpeg's ${
						(e.ffmpegOutputBytes / MiB).toFixed(1)
					} MB; ffmpeg -af loudnorm=I=-16 -ar 44100 -c:a libvorbis -q:a 6`,
				}),
				row({
					id: 'export.event-loop',
					title: 'host event loop while exportInWorker runs',
					figure: e.workerEventLoopMaxMs,
					unit: 'ms',
					baseline: e.idleEventLoopMaxMs,
					baselineLabel: 'idle',
					target: '< 50 ms',
					met: e.workerEventLoopMaxMs < 50,
					notes: `worker run ${sec(e.workerMs)}; monitorEventLoopDelay at 1 ms resolution`,
				}),
			];
		},
	},
	{
		id: 'extra',
		title: "earlier figures (store of 2,000 tasks, writer's chapter)",
		unit: 'ms',
		target: null,
		run: async () => {
			const st = await benchStore();
			const j = benchJoin();
			return [
				row({ id: 'extra.store-open', title: 'TaskStore.open, 2,000 tasks', figure: st.openMs, unit: 'ms', baseline: st.parseMs, baselineLabel: 'JSON.parse' }),
				row({
					id: 'extra.store-updates',
					title: '500 progress updates of one task',
					figure: st.updateMs,
					unit: 'ms',
					baseline: st.appendMs,
					baselineLabel: '500 appends+fsync',
				}),
				row({
					id: 'extra.join',
					title: `join of a ${j.chars}-character chapter (${j.parts} parts, ${j.audioSec.toFixed(0)} s)`,
					figure: j.joinMs,
					unit: 'ms',
					baseline: j.copyMs,
					baselineLabel: 'Buffer.concat',
					notes: `clean + split ${j.cleanSplitMs.toFixed(1)} ms`,
				}),
			];
		},
	},
];

/** Our .vsix, built once per run in a staging folder (see bundles.ts). */
function packed(tmp: string, shared: Shared): BundleSizes & { vsix: string } {
	if (!shared.bundles) {
		const staging = fs.mkdtempSync(path.join(tmp, 'staging-'));
		const vsix = path.join(tmp, 'evolink-studio.vsix');
		shared.bundles = { ...benchBundles(vsix, staging), vsix };
	}
	return shared.bundles;
}

async function main(): Promise<void> {
	const startedAt = new Date().toISOString();
	const previous = readPrevious();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-bench-'));
	const rows: BenchRow[] = [];
	const shared: Shared = {};
	try {
		for (const s of sections) {
			if (!wanted(s.id) || (s.slow && !full)) {
				// Keep what the last run measured, so the file stays complete.
				const kept = previous?.rows.filter((r) => r.id === s.id || r.id.startsWith(`${s.id}.`)) ?? [];
				if (s.slow && !full && wanted(s.id)) {
					console.log(
						`[bench] ${s.title}: ${
							kept.length ? `from the full run of ${kept[0].measuredAt.slice(0, 16).replace('T', ' ')} UTC` : 'never measured'
						} (npm run bench -- --full measures it again)`,
					);
					for (const r of kept) {
						console.log(`  ${r.id}: ${r.figure ?? '—'} ${r.unit}${r.baseline !== null ? ` vs ${r.baseline} ${r.unit} (${r.baselineLabel})` : ''}`);
					}
					if (!kept.length) {
						rows.push(
							row({ id: s.id, title: s.title, figure: null, unit: s.unit, baseline: null, baselineLabel: '', notes: 'not measured yet: npm run bench -- --full' }),
						);
					}
				}
				rows.push(...kept);
				continue;
			}
			console.log(`[bench] ${s.title}…`);
			const t0 = Date.now();
			try {
				const got = await s.run(tmp, shared);
				rows.push(...got);
				for (const r of got) {
					console.log(
						`  ${r.id}: ${r.figure === null ? '—' : r.figure.toFixed(2)} ${r.unit}${
							r.baseline !== null ? ` vs ${r.baseline.toFixed(2)} ${r.unit} (${r.baselineLabel})` : ''
						}${r.notes ? ` — ${r.notes}` : ''}`,
					);
				}
			} catch (err) {
				console.error(`  ${s.id} failed: ${err instanceof Error ? err.stack : String(err)}`);
				rows.push(failedRow(s.id, s.title, s.unit, s.target, err));
			}
			console.log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
		}
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	printTable(rows, startedAt);
	writeResults(rows, full);
	console.log(
		`\nwritten to bench-results.json in ${((Date.now() - Date.parse(startedAt)) / 60_000).toFixed(1)} min${
			full ? '' : ' (rows dated in the table come from the last `npm run bench -- --full`)'
		}`,
	);
}

void main();

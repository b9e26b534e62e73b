import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { repoRoot } from '../harness/paths';

/**
 * One line of `npm run bench`: a figure next to a baseline measured in the same run, their ratio,
 * and the target when it has one. `met` is null for rows without a target (reported
 * only); a row that could not be measured has a null figure and says why in `notes`.
 */
export interface BenchRow {
	id: string;
	/** What the figure is, in a few words. */
	title: string;
	figure: number | null;
	unit: string;
	baseline: number | null;
	/** What the baseline is. */
	baselineLabel: string;
	/** figure / baseline, when both are known. */
	ratio: number | null;
	/** The target in words (e.g. "< 50 ms"), or null. */
	target: string | null;
	met: boolean | null;
	notes: string;
	/** ISO date of the run that measured this row (an earlier full run for rows that take minutes). */
	measuredAt: string;
	/** Anything else measured for the row (per-file sizes, per-task counts). */
	details?: unknown;
}

export interface BenchFile {
	/** How to read the rows. */
	about: string;
	generatedAt: string;
	machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverage: number[] };
	/** `npm run bench -- --full` (the minutes-long rows were measured in this run). */
	full: boolean;
	rows: BenchRow[];
}

export const RESULTS_FILE = path.join(repoRoot, 'bench-results.json');

/** Builds a row, computing the ratio and defaulting the optional parts. */
export function row(
	r: Omit<BenchRow, 'ratio' | 'measuredAt' | 'met' | 'target' | 'notes'> & { target?: string | null; met?: boolean | null; notes?: string; measuredAt?: string },
): BenchRow {
	const ratio = r.figure !== null && r.baseline !== null && r.baseline !== 0 && Number.isFinite(r.figure / r.baseline) ? r.figure / r.baseline : null;
	return { ...r, ratio, target: r.target ?? null, met: r.met ?? null, notes: r.notes ?? '', measuredAt: r.measuredAt ?? new Date().toISOString() };
}

/** A row for a measurement that failed: the error goes into the notes, nothing is claimed. */
export function failedRow(id: string, title: string, unit: string, target: string | null, err: unknown): BenchRow {
	const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
	return row({ id, title, figure: null, unit, baseline: null, baselineLabel: '', target, met: null, notes: `not measured: ${message}` });
}

export function median(xs: number[]): number {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (s.length === 0) { return NaN; }
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Rounds for the JSON file: 3 significant digits are more than this machine's noise allows. */
export function round(x: number | null, digits = 3): number | null {
	if (x === null || !Number.isFinite(x)) { return x === null || Number.isNaN(x) ? null : x; }
	if (x === 0) { return 0; }
	const scale = 10 ** Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
	return Math.round(x * scale) / scale;
}

/** A full GC now (node runs without --expose-gc here, so the flag is set at run time). */
export function collectGarbage(): void {
	v8.setFlagsFromString('--expose-gc');
	(vm.runInNewContext('gc') as () => void)();
}

/**
 * The event loop's longest stall while `work` runs (monitorEventLoopDelay at 1 ms resolution),
 * after a full GC, so garbage left by earlier rows is not collected on this one's time.
 */
export async function eventLoopMaxDuring<T>(work: () => Promise<T>): Promise<{ result: T; maxMs: number; p99Ms: number }> {
	collectGarbage();
	const h = monitorEventLoopDelay({ resolution: 1 });
	h.enable();
	try {
		const result = await work();
		return { result, maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6 };
	} finally {
		h.disable();
	}
}

/** The same measurement over an idle loop of `ms`: the baseline for the rows above. */
export async function idleEventLoopMax(ms: number): Promise<{ maxMs: number; p99Ms: number }> {
	const { maxMs, p99Ms } = await eventLoopMaxDuring(() => new Promise((r) => setTimeout(r, ms)));
	return { maxMs, p99Ms };
}

/** The rows of the last run on disk, if any. */
export function readPrevious(): BenchFile | undefined {
	try {
		return JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as BenchFile;
	} catch {
		return undefined;
	}
}

export function writeResults(rows: BenchRow[], full: boolean): void {
	const file: BenchFile = {
		about:
			'npm run bench: each row is a figure next to a baseline measured in the same run (ratio = figure / baseline). target/met come from issue 11; met is null where the issue sets no target, figure is null where the row could not be measured (see notes). Each row keeps the measuredAt of the run that measured it: without --full the completion rows (and with --only=… the rows of sections not run) are carried over from the previous file.',
		generatedAt: new Date().toISOString(),
		machine: {
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model ?? '?',
			memoryGb: Math.round(os.totalmem() / 2 ** 30),
			node: process.version,
			platform: `${process.platform} ${os.release()}`,
			loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
		},
		full,
		rows: rows.map((r) => ({ ...r, figure: round(r.figure), baseline: round(r.baseline), ratio: round(r.ratio) })),
	};
	fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(file, null, '\t')}\n`);
}

function fmt(x: number | null, unit: string): string {
	if (x === null || !Number.isFinite(x)) { return '—'; }
	const n = Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
	return unit ? `${n} ${unit}` : n;
}

/** The compact table printed at the end. */
export function printTable(rows: BenchRow[], runStartedAt: string): void {
	const cells = rows.map((r) => [
		r.id + (r.measuredAt < runStartedAt ? ` (${r.measuredAt.slice(0, 10)})` : ''),
		fmt(r.figure, r.unit),
		r.baseline === null ? '—' : `${fmt(r.baseline, r.unit)} ${r.baselineLabel}`,
		r.ratio === null ? '—' : `×${fmt(r.ratio, '')}`,
		r.target ?? '—',
		r.met === null ? '—' : r.met ? 'yes' : 'NO',
	]);
	const head = ['row', 'figure', 'baseline', 'ratio', 'target', 'met'];
	const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) => c.map((s, i) => s.padEnd(widths[i])).join(' | ');
	console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
	for (const c of cells) { console.log(line(c)); }
}

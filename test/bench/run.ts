import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { failedRow, printTable, readPrevious, row, writeResults, type BenchRow } from './results';
import { activationSections } from './rowsActivation';
import { engineSections } from './rowsEngine';
import { mediaSections } from './rowsMedia';
import type { BenchSection, Shared } from './section';

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

const sections: BenchSection[] = [...activationSections, ...engineSections, ...mediaSections];

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

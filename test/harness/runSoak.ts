import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { runInHost } from './runHost';

/**
 * `npm run soak`: the full soak (300 tasks across both providers with random faults, at most
 * ten minutes, loopback only) in the real extension host, then its figures. `npm test` runs the
 * same suite with 24 tasks. EVOLINK_SOAK_TASKS and EVOLINK_SOAK_SEED override size and seed.
 */
async function main(): Promise<void> {
	const out = path.join(repoRoot, 'test-results', 'soak.json');
	fs.rmSync(out, { force: true });
	const started = Date.now();
	const run = await runInHost({
		testsModule: path.join(__dirname, '..', 'host', 'index.js'),
		env: {
			EVOLINK_HOST_GREP: 'soak',
			EVOLINK_SOAK_TASKS: process.env.EVOLINK_SOAK_TASKS ?? '300',
			EVOLINK_SOAK_OUT: out,
			...(process.env.EVOLINK_SOAK_SEED ? { EVOLINK_SOAK_SEED: process.env.EVOLINK_SOAK_SEED } : {}),
		},
		timeoutMs: 14 * 60_000,
	});
	const figures = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown> : undefined;
	if (figures) {
		const { memory: _m, faults: _f, refused, ...summary } = figures;
		console.log('soak figures:');
		for (const [k, v] of Object.entries(summary)) { console.log(`  ${k.padEnd(26)} ${String(v)}`); }
		console.log(`  refusals (first ones): ${JSON.stringify(refused)}`);
		console.log(`  (all samples and faults: ${path.relative(repoRoot, out)})`);
	}
	const passed = run.results?.passed.length ?? 0;
	const failed = run.results?.failed ?? [];
	for (const f of failed) { console.log(`FAILED ${f.title}\n${f.error}`); }
	console.log(`soak took ${Math.round((Date.now() - started) / 1000)} s`);
	console.log(`${passed} passed, ${failed.length + (run.results ? 0 : 1)} failed`);
	process.exit(run.exitCode === 0 && failed.length === 0 && run.results ? 0 : 1);
}

void main();

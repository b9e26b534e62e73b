import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/**
 * `npm test`: runs the three tiers with node's test runner in one invocation, so its own
 * summary (tests / pass / fail) at the end covers all of them:
 *   1. unit (plain Node, no `vscode`)            out/test/unit/**
 *   2. host integration (inside VS Code 1.100.3)  out/test/integration/**
 *   3. end-to-end UI (Playwright on the workbench) out/test/e2e/**
 * Pass tier names to run only some: `npm test -- unit e2e`.
 */
const tiers = ['unit', 'integration', 'e2e'];
const wanted = process.argv.slice(2).filter((a) => tiers.includes(a));
const files = (wanted.length ? wanted : tiers).flatMap((tier) => collect(path.join(repoRoot, 'out', 'test', tier)));
if (files.length === 0) {
	console.error('no compiled tests found under out/test; run `npm run compile-tests` first');
	process.exit(1);
}
// Files run one at a time: the host and UI tiers each drive a code-server, and two of
// them side by side on a 2-core machine only makes both slower and flakier.
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: repoRoot });
process.exit(result.status ?? 1);

function collect(dir: string): string[] {
	if (!fs.existsSync(dir)) { return []; }
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) { return collect(full); }
		return e.name.endsWith('.test.js') ? [full] : [];
	}).sort();
}

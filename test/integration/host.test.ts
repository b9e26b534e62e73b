import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { runInHost } from '../harness/runHost';

/**
 * Tier 2: the mocha suite under test/host runs inside the real extension host of
 * code-server 4.100.3 (VS Code 1.100.3). Each host test becomes a node:test subtest, so the
 * runner's summary counts them.
 */
test('host integration suite (VS Code extension host)', { timeout: 30 * 60_000 }, async (t) => {
	// The suite (fault matrix and soak included) takes about 7 minutes here; a slow CI machine gets room.
	const run = await runInHost({ testsModule: path.join(__dirname, '..', 'host', 'index.js'), timeoutMs: 25 * 60_000 });
	assert.ok(run.results, `the host suite wrote no results (exit ${run.exitCode}); host errors:\n${run.errors.join('\n')}`);
	assert.equal(run.results.vscodeVersion, '1.100.3');
	for (const title of run.results.passed) {
		await t.test(title, () => {/* passed inside the host */});
	}
	for (const failure of run.results.failed) {
		await t.test(failure.title, () => {
			assert.fail(failure.error);
		});
	}
	assert.equal(run.exitCode, 0, `host suite exit code ${run.exitCode}`);
});

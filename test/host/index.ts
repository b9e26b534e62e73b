import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Entry point the extension host loads (`extensionTestsPath`): runs every compiled
 * `*.test.js` under ./suite with mocha, writes the per-test results to the file named by
 * EVOLINK_HOST_RESULTS (the launcher turns them into node:test results), and rejects when
 * any test failed so the host reports a non-zero exit code.
 */
export async function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
	const dir = path.join(__dirname, 'suite');
	const only = process.env.EVOLINK_HOST_GREP;
	if (only) { mocha.grep(only); }
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) {
		mocha.addFile(path.join(dir, file));
	}
	const passed: string[] = [];
	const failed: { title: string; error: string }[] = [];
	await new Promise<void>((resolve) => {
		const runner = mocha.run(() => resolve());
		runner.on('pass', (t) => passed.push(t.fullTitle()));
		runner.on('fail', (t, err: Error) => failed.push({ title: t.fullTitle(), error: `${err.message}\n${err.stack ?? ''}` }));
	});
	const out = process.env.EVOLINK_HOST_RESULTS;
	if (out) {
		fs.writeFileSync(out, JSON.stringify({ vscodeVersion: vscode.version, passed, failed }, null, 2));
	}
	if (failed.length > 0) {
		throw new Error(`${failed.length} host test(s) failed: ${failed.map((f) => f.title).join('; ')}`);
	}
}

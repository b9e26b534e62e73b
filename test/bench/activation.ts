/**
 * Activation cost: a child process requires the production bundle and calls `activate()`
 * against a `vscode` stub that accepts any call; the baseline is the same child process
 * requiring an empty module. Printed as a ratio and as the difference in milliseconds, so
 * the machine's speed cancels out.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';

const STUB = `
const Module = require('module');
const any = () => new Proxy(function () {}, { get: (t, p) => p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : any(), set: () => true, apply: () => any(), construct: () => any() });
const orig = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) { return req === 'vscode' ? 'vscode' : orig.call(this, req, ...rest); };
const api = { version: '1.100.3' };
for (const k of ['window', 'commands', 'workspace', 'env', 'l10n', 'extensions', 'languages', 'EventEmitter', 'Disposable', 'TreeItem', 'ThemeIcon', 'ThemeColor', 'StatusBarAlignment', 'Uri', 'ProgressLocation', 'TreeItemCollapsibleState', 'QuickPickItemKind', 'ConfigurationTarget', 'ViewColumn']) { api[k] = any(); }
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };
`;

function run(code: string): number {
	const r = spawnSync(process.execPath, ['-e', `${STUB}\nconst t0 = process.hrtime.bigint();\n${code}\nprocess.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`], { encoding: 'utf8' });
	if (r.status !== 0) { throw new Error(r.stderr); }
	return Number(r.stdout);
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

/** Returns [activation ms, baseline ms]. */
export function benchActivation(runs = 15): { activationMs: number; baselineMs: number } {
	const bundle = path.join(repoRoot, 'dist', 'extension.js');
	const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'empty.js');
	fs.writeFileSync(empty, 'module.exports = { activate() {} };');
	const ctx = `{ subscriptions: [], secrets: new Proxy({}, { get: () => () => ({ dispose() {} }) }), globalStorageUri: { fsPath: '/nonexistent-bench' }, extensionUri: {}, extension: { packageJSON: { version: '0' } } }`;
	const activation = median(Array.from({ length: runs }, () => run(`require(${JSON.stringify(bundle)}).activate(${ctx});`)));
	const baseline = median(Array.from({ length: runs }, () => run(`require(${JSON.stringify(empty)}).activate(${ctx});`)));
	return { activationMs: activation, baselineMs: baseline };
}

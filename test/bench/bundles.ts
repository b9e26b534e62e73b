/**
 * Bundle sizes of the production build and of the .vsix. dist/ is shared with everyone working
 * in this checkout (a development build may land in it at any moment), so the package is made
 * in a staging folder instead: the manifest, README, licence, .vscodeignore, esbuild.js and
 * media's files copied; src/, node_modules/ and media's folders linked. `vsce package
 * --no-dependencies` there runs the prepublish step (`node esbuild.js --production`) into the
 * staging dist/ and packs it. Nothing in the checkout is written; the sizes are read from the
 * .vsix itself.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';

export const BUNDLE_FILES = ['extension.js', 'core.js', 'audioWorker.js', 'webview.js', 'ebur128.wasm'] as const;

export interface BundleSizes {
	/** Bytes of each dist/ file as packed. */
	files: Record<string, number>;
	vsixBytes: number;
	/** Files in the .vsix. */
	vsixEntries: number;
	/** False when the packed extension.js looks like a development build (a source map comment). */
	production: boolean;
}

/** `vsce package` from this repository's node_modules (npx in a temp folder would ask the registry). */
export function vsce(cwd: string, args: string[]): void {
	const r = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', ...args], { cwd, encoding: 'utf8' });
	if (r.status !== 0) { throw new Error(`vsce package failed in ${cwd}: ${r.stderr || r.stdout}`); }
}

const COPIED = ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'esbuild.js', 'tsconfig.json'];
const LINKED = ['src', 'node_modules'];

/** Builds and packs into `vsixPath`; `staging` is an empty folder the caller removes. */
export function benchBundles(vsixPath: string, staging: string): BundleSizes {
	for (const f of COPIED) {
		if (fs.existsSync(path.join(repoRoot, f))) { fs.copyFileSync(path.join(repoRoot, f), path.join(staging, f)); }
	}
	for (const d of LINKED) { fs.symlinkSync(path.join(repoRoot, d), path.join(staging, d), 'dir'); }
	// vsce does not follow linked folders, and packs media/icon.png: media's files are copied, its folders linked.
	fs.mkdirSync(path.join(staging, 'media'));
	for (const e of fs.readdirSync(path.join(repoRoot, 'media'), { withFileTypes: true })) {
		const from = path.join(repoRoot, 'media', e.name);
		const to = path.join(staging, 'media', e.name);
		if (e.isDirectory()) { fs.symlinkSync(from, to, 'dir'); }
		else { fs.copyFileSync(from, to); }
	}
	vsce(staging, ['-o', vsixPath]);
	const list = spawnSync('unzip', ['-Zl', vsixPath], { encoding: 'utf8' });
	if (list.status !== 0) { throw new Error(`unzip -Zl ${vsixPath} failed: ${list.stderr}`); }
	// `-rw-r--r--  6.3 unx   173965 b-    41203 defN 26-Dec-06 00:49 extension/dist/extension.js`
	const sizes = new Map(
		list.stdout.split('\n').map((l) => l.trim().split(/\s+/)).filter((c) => c.length >= 10 && /^\d+$/.test(c[3])).map((c) => [c.slice(9).join(' '), Number(c[3])]),
	);
	const files = Object.fromEntries(BUNDLE_FILES.map((f) => [f, sizes.get(`extension/dist/${f}`) ?? NaN]));
	const main = spawnSync('unzip', ['-p', vsixPath, 'extension/dist/extension.js'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
	return { files, vsixBytes: fs.statSync(vsixPath).size, vsixEntries: sizes.size, production: !/sourceMappingURL/.test(main.slice(-300)) };
}

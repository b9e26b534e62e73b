// Builds the two bundles: the extension (Node, CommonJS, `vscode` external) and the
// preview webview (browser). `--production` minifies and drops source maps; `--watch`
// rebuilds on change. Errors are printed as file:line:column (for the $esbuild-watch
// problem matcher) and make the process exit non-zero.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build start/end and each error in a form problem matchers read. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onStart(() => { if (watch) { console.log('[watch] build started'); } });
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) { console.error(`    ${location.file}:${location.line}:${location.column}:`); }
			}
			if (watch) { console.log('[watch] build finished'); }
		});
	},
};

/** ebur128-wasm's module, read by the audio worker from beside its bundle. */
const copyLoudnessWasm = {
	name: 'copy-loudness-wasm',
	setup(build) {
		build.onEnd(() => {
			const fs = require('fs');
			fs.mkdirSync('dist', { recursive: true });
			fs.copyFileSync(require.resolve('ebur128-wasm/ebur128_wasm_bg.wasm'), 'dist/ebur128.wasm');
		});
	},
};

const common = {
	bundle: true,
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	logLevel: 'silent',
	plugins: [problemMatcher],
};

const targets = [
	// Activation loads only this small bundle; dist/core.js (undici, zod, clients, store, engine,
	// the preview panel, codec readers and voice list) is required on first use by src/loadCore.ts.
	{ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
	{ ...common, entryPoints: ['src/core.ts'], outfile: 'dist/core.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
	// The audio worker (decoders, encoders, loudness): its own thread and bundle, started by an export.
	{ ...common, entryPoints: ['src/audio/worker.ts'], outfile: 'dist/audioWorker.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [problemMatcher, copyLoudnessWasm] },
	{ ...common, entryPoints: ['media/preview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

async function main() {
	const contexts = await Promise.all(targets.filter((t) => require('fs').existsSync(t.entryPoints[0])).map((t) => esbuild.context(t)));
	if (watch) {
		await Promise.all(contexts.map((c) => c.watch()));
		return;
	}
	let failed = false;
	for (const ctx of contexts) {
		try {
			await ctx.rebuild();
		} catch {
			failed = true;
		}
		await ctx.dispose();
	}
	if (failed) { process.exit(1); }
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

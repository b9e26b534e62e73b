import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchActivation } from './activation';
import { benchBundles, type BundleSizes } from './bundles';
import { row } from './results';
import { KB, type BenchSection, type Shared } from './section';

/** Bundle sizes and activation in code-server. */
export const activationSections: BenchSection[] = [
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

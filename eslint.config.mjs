// Lint: typescript-eslint's recommended rules, plus the architecture (ARCHITECTURE.md):
// pure modules never import `vscode`, and imports only point down the layers.
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const vscodeBan = { name: 'vscode', message: 'Pure modules must not import vscode; put the adapter under src/commands, src/views or src/preview.' };

/** Each pure layer, and the folders above it that it must not import. */
const layers = [
	{ files: ['src/shared/**', 'src/util/log.ts', 'src/util/event.ts', 'src/util/disposable.ts'], above: ['api', 'tasks', 'catalog', 'jobs', 'text', 'audio', 'assets', 'commands', 'views', 'preview', 'secrets'] },
	{ files: ['src/text/**', 'src/audio/**', 'src/assets/**'], above: ['api', 'tasks', 'catalog', 'jobs', 'commands', 'views', 'preview', 'secrets'] },
	{ files: ['src/api/**'], above: ['tasks', 'catalog', 'jobs', 'commands', 'views', 'preview', 'secrets'] },
	{ files: ['src/catalog/**'], above: ['tasks', 'jobs', 'commands', 'views', 'preview', 'secrets'] },
	{ files: ['src/tasks/**'], above: ['jobs', 'commands', 'views', 'preview', 'secrets'] },
	{ files: ['src/jobs/**'], above: ['commands', 'views', 'preview', 'secrets'] },
	{ files: ['src/preview/codecs/**', 'src/views/taskLabels.ts', 'src/preview/previewModel.ts', 'src/preview/format.ts'], above: ['commands', 'jobs', 'secrets'] },
];

const layerRules = layers.map(({ files, above }) => ({
	files,
	rules: {
		'no-restricted-imports': ['error', {
			paths: [vscodeBan],
			patterns: [{ regex: `^(\\.\\./)+(${above.join('|')})(/|$)`, message: 'Imports point down the layers (ARCHITECTURE.md): this module may not import from a layer above it.' }],
		}],
	},
}));

export default tseslint.config(
	{ ignores: ['out/**', 'dist/**', '.cache/**', 'node_modules/**', 'esbuild.js', 'test/harness/ensure-deps.js', 'test/harness/l10nPreviewStrings.js', 'test/harness/format.js', '.tmpout/**', '.helperout/**'] },
	...tseslint.configs.recommended,
	{
		rules: {
			'curly': 'warn',
			'eqeqeq': 'warn',
			'@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	...layerRules,
	{
		// No circles, within a layer either (a type-only import counts: it still couples the modules).
		files: ['src/**/*.ts', 'media/**/*.ts'],
		plugins: { 'import-x': importX },
		settings: {
			'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
			'import-x/extensions': ['.ts', '.js'],
			'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
		},
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
	},
	{
		// The webview bundle shares only the protocol with the host.
		files: ['media/**'],
		rules: { 'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: [{ regex: '^(\\.\\./)+src/(?!shared/)', message: 'The webview imports only src/shared (the protocol).' }] }] },
	},
);

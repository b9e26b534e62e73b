// Lint: typescript-eslint's recommended rules, plus the one architectural rule that
// matters most here: pure modules never import `vscode`.
import tseslint from 'typescript-eslint';

const pure = ['src/api/**', 'src/tasks/**', 'src/catalog/**', 'src/preview/codecs/**', 'src/shared/**', 'src/text/**', 'src/audio/**', 'src/assets/**', 'src/jobs/**', 'src/views/taskLabels.ts', 'src/preview/previewModel.ts', 'src/preview/format.ts', 'src/util/log.ts', 'src/util/event.ts', 'src/util/disposable.ts'];

export default tseslint.config(
	{ ignores: ['out/**', 'dist/**', '.cache/**', 'node_modules/**', 'esbuild.js', 'test/harness/ensure-deps.js'] },
	...tseslint.configs.recommended,
	{
		rules: {
			'curly': 'warn',
			'eqeqeq': 'warn',
			'@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: pure,
		rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Pure modules must not import vscode; put the adapter under src/commands, src/views or src/preview.' }] }] },
	},
);

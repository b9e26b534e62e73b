import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './paths';

/**
 * The same host suite as `npm test`'s integration tier, launched in desktop VS Code through
 * @vscode/test-electron. It downloads VS Code, so it only works where that download is
 * possible (not on our offline build machines, which use code-server instead).
 */
async function main(): Promise<void> {
	const version = process.env.VSCODE_VERSION ?? '1.100.3';
	await runTests({
		version,
		extensionDevelopmentPath: repoRoot,
		extensionTestsPath: path.join(repoRoot, 'out', 'test', 'host', 'index.js'),
		launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
	});
}

main().catch((err) => {
	console.error(`desktop host tests failed: ${String(err)}`);
	process.exit(1);
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from '../harness/codeServer';
import { cacheDir, repoRoot } from '../harness/paths';
import { startFakeEvolink, startFakeSounds } from '../fakes';

/**
 * `npm start`: the sandbox. Starts the fake providers (unless EVOLINK_REAL=1, which keeps the
 * real provider URLs), packages the extension, installs it into a code-server of its own with
 * user settings pointing at the fakes, and prints the URL to open. Ctrl+C stops everything.
 */
async function main(): Promise<void> {
	const real = process.env.EVOLINK_REAL === '1';
	const port = Number(process.env.PORT ?? 8080);
	const root = path.join(cacheDir, 'sandbox');
	const workspace = path.join(root, 'workspace');
	fs.mkdirSync(workspace, { recursive: true });

	const fakes = real ? undefined : {
		evolink: await startFakeEvolink({ port: 0, taskDurationMs: 8000 }),
		sounds: await startFakeSounds({ port: 0, taskDurationMs: 8000 }),
	};

	console.log('[sandbox] packaging the extension…');
	const pack = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '-o', path.join(root, 'evolink-studio.vsix')], {
		cwd: repoRoot,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (pack.status !== 0) { throw new Error('vsce package failed'); }

	writeSandboxReadme(workspace, fakes && { evolink: fakes.evolink.apiKey, sounds: fakes.sounds.apiKey });
	const extensionsDir = path.join(root, 'extensions');
	fs.rmSync(extensionsDir, { recursive: true, force: true });
	const server = await startCodeServer({ folder: workspace, port, extensionsDir, vsix: path.join(root, 'evolink-studio.vsix'), keepDirs: true });
	if (fakes) {
		const settingsFile = path.join(server.userDataDir, 'User', 'settings.json');
		const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
		Object.assign(settings, {
			'evolink.apiBaseUrl': fakes.evolink.baseUrl,
			'evolink.filesApiBaseUrl': fakes.evolink.baseUrl,
			'evolink.sounds.apiBaseUrl': fakes.sounds.baseUrl,
		});
		fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
	}
	console.log('');
	console.log(`  EvoLink Studio sandbox: open ${server.url}/?folder=${encodeURIComponent(workspace)}`);
	if (fakes) {
		console.log(`  Fake EvoLink:      ${fakes.evolink.baseUrl}   key ${fakes.evolink.apiKey}`);
		console.log(`  Fake Suno Sounds:  ${fakes.sounds.baseUrl}   key ${fakes.sounds.apiKey}`);
		console.log('  Run "EvoLink: Set API Key" and paste the keys above (they are also in SANDBOX.md).');
	} else {
		console.log('  Real providers: run "EvoLink: Set API Key" with your own keys.');
	}
	console.log('  Ctrl+C stops the sandbox.');
	const stop = async () => {
		await server.dispose();
		await fakes?.evolink.close();
		await fakes?.sounds.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

function writeSandboxReadme(workspace: string, keys?: { evolink: string; sounds: string }): void {
	const lines = [
		'# EvoLink Studio sandbox',
		'',
		keys ? 'This workspace talks to fake providers running on 127.0.0.1. Their keys:' : 'This workspace talks to the real providers.',
		'',
		...(keys ? [`- EvoLink: \`${keys.evolink}\``, `- Suno Sounds: \`${keys.sounds}\``, ''] : []),
		'1. Run **EvoLink: Set API Key** from the command palette and paste a key.',
		'2. Select the paragraph below and run **EvoLink: Speak Selection** (or right-click → EvoLink).',
		'3. Watch the task in the EvoLink view; open the preview when it is ready.',
		'',
		'The old lighthouse keeper climbed the hundred steps one last time, listening to the sea below.',
		'',
	];
	fs.writeFileSync(path.join(workspace, 'SANDBOX.md'), lines.join('\n'));
}

main().catch((err) => {
	console.error(`[sandbox] ${(err as Error).message}`);
	process.exit(1);
});

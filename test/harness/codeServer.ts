import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir } from './paths';

/** Pinned: the newest code-server whose postinstall accepts Node 20; it carries VS Code 1.100.3. */
export const CODE_SERVER_VERSION = '4.100.3';
const installDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const binPath = path.join(installDir, 'node_modules', '.bin', 'code-server');

/**
 * Installs code-server into the git-ignored cache when it is missing, with the three fixes
 * from shared/vscode-host.md: Debian's -dev headers (installed by ensure-system.sh),
 * `--unsafe-perm` + `npm_config_yes` for root, and a pre-seeded ripgrep archive so its
 * postinstall never reaches for GitHub.
 */
export function ensureCodeServer(): string {
	if (fs.existsSync(binPath) && fs.existsSync(path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules'))) {
		return binPath;
	}
	seedRipgrepCache();
	fs.mkdirSync(installDir, { recursive: true });
	fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
	console.log(`[harness] installing code-server@${CODE_SERVER_VERSION} into ${installDir} (about two minutes)…`);
	const result = spawnSync('npm', ['install', '--unsafe-perm', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
		cwd: installDir,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
	});
	if (result.status !== 0 || !fs.existsSync(binPath)) {
		throw new Error(`code-server install failed (npm exit ${result.status}); see the npm output above`);
	}
	return binPath;
}

/** Puts Debian's `rg` where @vscode/ripgrep's postinstall looks for a cached download. */
function seedRipgrepCache(): void {
	const dir = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
	const archive = path.join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
	if (fs.existsSync(archive)) { return; }
	const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
	if (!rg) { throw new Error('ripgrep (rg) is missing; run test/harness/ensure-system.sh'); }
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-'));
	fs.copyFileSync(rg, path.join(staging, 'rg'));
	fs.mkdirSync(dir, { recursive: true });
	const tar = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg']);
	fs.rmSync(staging, { recursive: true, force: true });
	if (tar.status !== 0) { throw new Error('could not build the ripgrep cache archive'); }
}

/** A free loopback port. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface RunningCodeServer {
	readonly url: string;
	readonly port: number;
	readonly userDataDir: string;
	readonly extensionsDir: string;
	/** Lines code-server printed (for diagnostics). */
	readonly output: string[];
	dispose(): Promise<void>;
}

export interface CodeServerOptions {
	folder: string;
	env?: Record<string, string>;
	/** Extensions dir to use (default: a throwaway one). */
	extensionsDir?: string;
	/** A .vsix to install before starting. */
	vsix?: string;
	port?: number;
	/** Keep the user-data and extensions folders (the sandbox). */
	keepDirs?: boolean;
}

/** Starts code-server on a free loopback port with throwaway user-data and extensions folders. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
	const bin = ensureCodeServer();
	const port = options.port ?? await freePort();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-cs-data-'));
	const extensionsDir = options.extensionsDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-cs-ext-'));
	fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
	// Quiet workbench: no welcome page, no trust prompt, no telemetry banners.
	fs.writeFileSync(
		path.join(userDataDir, 'User', 'settings.json'),
		JSON.stringify(
			{
				'workbench.startupEditor': 'none',
				'security.workspace.trust.enabled': false,
				'telemetry.telemetryLevel': 'off',
				'workbench.tips.enabled': false,
				'extensions.ignoreRecommendations': true,
				'workbench.enableExperiments': false,
				'update.mode': 'none',
			},
			null,
			2,
		),
	);
	if (options.vsix) {
		const r = spawnSync(bin, ['--install-extension', options.vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { encoding: 'utf8' });
		if (r.status !== 0) { throw new Error(`installing ${options.vsix} failed: ${r.stderr || r.stdout}`); }
	}
	const output: string[] = [];
	const child: ChildProcess = spawn(bin, [
		'--auth',
		'none',
		'--bind-addr',
		`127.0.0.1:${port}`,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-workspace-trust',
		'--user-data-dir',
		userDataDir,
		'--extensions-dir',
		extensionsDir,
		options.folder,
	], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
	const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const url = `http://127.0.0.1:${port}`;
	const dispose = async () => {
		killGroup(child);
		await new Promise((r) => setTimeout(r, 200));
		if (!options.keepDirs) {
			fs.rmSync(userDataDir, { recursive: true, force: true });
			if (!options.extensionsDir) { fs.rmSync(extensionsDir, { recursive: true, force: true }); }
		}
	};
	try {
		await waitForHealth(url, child, 60_000);
	} catch (e) {
		await dispose();
		throw new Error(`${(e as Error).message}\n${output.slice(-20).join('\n')}`);
	}
	return { url, port, userDataDir, extensionsDir, output, dispose };
}

/** code-server spawns its own children; they share its process group, which we end as a whole. */
function killGroup(child: ChildProcess): void {
	if (child.pid === undefined || child.exitCode !== null) { return; }
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch { /* already gone */ }
	setTimeout(() => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch { /* gone */ }
	}, 2000).unref();
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) { throw new Error(`code-server exited with ${child.exitCode}`); }
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) { return; }
		} catch { /* not up yet */ }
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
}

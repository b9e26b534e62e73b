// Installs the npm dependencies with `npm ci` when node_modules is missing or older than
// the lock file, so `npm test` and `npm start` work straight after `git clone`.
// Plain JavaScript: it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
if (!fresh) {
	console.log('[setup] installing npm dependencies (npm ci)…');
	const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) { process.exit(r.status ?? 1); }
}

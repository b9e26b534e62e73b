// The formatter: dprint's TypeScript plugin (a wasm module from npm) run through @dprint/formatter,
// with the settings in dprint.json. No native binary and no plugin download, so it runs offline
// on any platform. `node test/harness/format.js` formats src, media and test in place;
// `--check` changes nothing and fails listing the files that are not formatted (npm run lint).
// Plain JavaScript: it runs before anything is compiled.
const { createFromBuffer } = require('@dprint/formatter');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const check = process.argv.includes('--check');
const config = JSON.parse(fs.readFileSync(path.join(root, 'dprint.json'), 'utf8'));
const formatter = createFromBuffer(fs.readFileSync(require.resolve('@dprint/typescript/plugin.wasm')));
const { typescript, ...global } = config;
formatter.setConfig(global, typescript);

/** Every .ts file under `dir`. */
function sources(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const file = path.join(dir, e.name);
		return e.isDirectory() ? sources(file) : e.name.endsWith('.ts') ? [file] : [];
	});
}

const unformatted = [];
for (const file of config.folders.flatMap((f) => sources(path.join(root, f)))) {
	const text = fs.readFileSync(file, 'utf8');
	const formatted = formatter.formatText({ filePath: file, fileText: text });
	if (formatted === text) { continue; }
	unformatted.push(path.relative(root, file));
	if (!check) { fs.writeFileSync(file, formatted); }
}
if (check && unformatted.length) {
	console.error(`Not formatted (run npm run format):\n  ${unformatted.join('\n  ')}`);
	process.exit(1);
}
if (!check) { console.log(`[format] ${unformatted.length} file(s) formatted`); }

// `npm run l10n`, second step: adds the preview page's strings (PREVIEW_STRINGS in
// src/shared/previewStrings.ts) to l10n/bundle.l10n.json. The host translates them with
// `vscode.l10n.t(english)` and sends them to the page, so `vscode-l10n-dev export`, which
// reads only literal `l10n.t('…')` calls, does not see them. Plain JavaScript: it runs
// before anything is compiled (esbuild reads the TypeScript module).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const built = esbuild.buildSync({ entryPoints: [path.join(root, 'src/shared/previewStrings.ts')], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent' });
const mod = { exports: {} };
new Function('module', 'exports', built.outputFiles[0].text)(mod, mod.exports);
const { PREVIEW_STRINGS } = mod.exports;
const file = path.join(root, 'l10n', 'bundle.l10n.json');
const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
let added = 0;
for (const english of Object.values(PREVIEW_STRINGS)) {
	if (!Object.hasOwn(bundle, english)) { bundle[english] = english; added++; }
}
fs.writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
console.log(`[l10n] ${added} preview page string(s) added to l10n/bundle.l10n.json`);

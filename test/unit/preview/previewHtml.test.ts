import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createNonce } from '../../../src/preview/nonce';
import { escapeAttribute, previewCsp, previewHtml } from '../../../src/preview/previewHtml';
import { buildPreviewView } from '../../../src/preview/previewModel';
import { HOSTILE_PROMPT, makeTask, WAV_INFO } from './fixtures';

const CSP_SOURCE = 'https://*.vscode-cdn.net';
const parts = {
	cspSource: CSP_SOURCE,
	nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
	scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
	styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
};

/** The CSP as a map of directive → sources. */
function directives(csp: string): Map<string, string[]> {
	return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('preview CSP', () => {
	test('has exactly the directives the page needs, nothing inline', () => {
		const d = directives(previewCsp(CSP_SOURCE, parts.nonce));
		assert.deepEqual([...d.keys()], ['default-src', 'img-src', 'media-src', 'connect-src', 'style-src', 'script-src']);
		assert.deepEqual(d.get('default-src'), [`'none'`]);
		assert.deepEqual(d.get('img-src'), [CSP_SOURCE, 'data:']);
		assert.deepEqual(d.get('media-src'), [CSP_SOURCE]);
		assert.deepEqual(d.get('connect-src'), [CSP_SOURCE]);
		assert.deepEqual(d.get('style-src'), [CSP_SOURCE]);
		assert.deepEqual(d.get('script-src'), [`'nonce-${parts.nonce}'`]);
		assert.doesNotMatch(previewCsp(CSP_SOURCE, parts.nonce), /unsafe-inline|unsafe-eval|\*(?!\.)|https:(?!\/\/)/);
	});

	test('is the first thing in <head>, and the one script carries the nonce', () => {
		const html = previewHtml(parts);
		const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
		assert.match(head, /^<head>\s*<meta charset="UTF-8">\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none'; /);
		const scripts = html.match(/<script\b[^>]*>/g) ?? [];
		assert.deepEqual(scripts, [`<script nonce="${parts.nonce}" src="${parts.scriptUri}">`]);
		assert.doesNotMatch(html, /\sstyle=|<style\b|\son\w+=/);
	});
});

describe('preview HTML', () => {
	test('contains no task text, even with a hostile prompt and title', () => {
		const task = makeTask({ prompt: HOSTILE_PROMPT, results: [{ index: 0, url: 'u', localPath: '/s/a.wav', title: HOSTILE_PROMPT }] });
		const view = buildPreviewView(task, new Map([[0, { index: 0, path: '/s/a.wav', sizeBytes: 1, mtimeMs: 1, info: WAV_INFO }]]), { srcFor: () => 'src' });
		assert.equal(view.task.prompt, HOSTILE_PROMPT, 'the prompt travels by message, verbatim');
		const html = previewHtml({ ...parts, lang: 'en' });
		assert.ok(!html.includes(HOSTILE_PROMPT));
		assert.ok(!html.includes('onerror'));
		assert.ok(!html.includes('<img'));
		assert.ok(!html.includes(task.id));
	});

	test('escapes attribute values and ignores an odd language tag', () => {
		assert.equal(escapeAttribute(`a"b<c>&d`), 'a&quot;b&lt;c&gt;&amp;d');
		const html = previewHtml({ ...parts, scriptUri: 'x" onload="alert(1)', lang: '"><script>' });
		assert.ok(html.includes('src="x&quot; onload=&quot;alert(1)"'));
		assert.match(html, /<html lang="en">/);
		assert.match(previewHtml({ ...parts, lang: 'zh-cn' }), /<html lang="zh-cn">/);
	});

	test('the webview sources never write HTML strings', () => {
		const dir = path.resolve(__dirname, '..', '..', '..', '..', 'media', 'preview');
		const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
		assert.ok(files.length >= 8, `found the webview sources in ${dir}`);
		for (const f of files) {
			const src = readFileSync(path.join(dir, f), 'utf8');
			assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|setAttribute\(\s*'style'|new Function|eval\(/, f);
		}
	});
});

describe('nonce', () => {
	test('is 128 random bits in base64, different every time', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 50; i++) {
			const n = createNonce();
			assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
			assert.equal(Buffer.from(n, 'base64').length, 16);
			seen.add(n);
		}
		assert.equal(seen.size, 50);
	});
});

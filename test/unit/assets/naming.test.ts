import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AssetFolderError, resolveAssetFolder } from '../../../src/assets/folders';
import { assetFileName, slug } from '../../../src/assets/naming';

const none = () => false;

describe('assetFileName', () => {
	it('names a loop from its prompt and parameters', () => {
		assert.equal(assetFileName({ prompt: 'Rain on a tin roof', ext: 'wav', loop: true, bpm: 120, key: 'Am', taken: none }), 'rain-tin-roof-loop-120bpm-Am.wav');
		assert.equal(assetFileName({ prompt: 'Footstep on gravel', ext: 'wav', batch: { index: 2, count: 4 }, taken: none }), 'footstep-gravel-03.wav');
		assert.equal(assetFileName({ prompt: 'A cheerful chiptune', ext: 'mp3', variant: { index: 1, count: 2 }, taken: none }), 'cheerful-chiptune-v2.mp3');
		assert.equal(
			assetFileName({ prompt: 'Footstep on gravel', ext: 'mp3', batch: { index: 0, count: 4 }, variant: { index: 1, count: 2 }, taken: none }),
			'footstep-gravel-01-v2.mp3',
		);
		assert.equal(assetFileName({ prompt: 'Dark pad', ext: 'ogg', loop: true, key: 'F#m', taken: none }), 'dark-pad-loop-Fsm.ogg');
	});

	it('is safe everywhere: ASCII, no separators or dots from the prompt, reserved names, bounded length', () => {
		assert.equal(assetFileName({ prompt: '../../etc/passwd', ext: 'wav', taken: none }), 'etc-passwd.wav');
		assert.equal(assetFileName({ prompt: 'Café crème brûlée', ext: 'wav', taken: none }), 'cafe-creme-brulee.wav');
		assert.equal(assetFileName({ prompt: 'CON', ext: 'wav', taken: none }), 'con_.wav');
		assert.equal(assetFileName({ prompt: 'com1', ext: 'wav', taken: none }), 'com1_.wav');
		assert.equal(assetFileName({ prompt: '日本語のテキスト', ext: 'mp4', taken: none }), 'untitled.mp4');
		assert.equal(assetFileName({ prompt: 'x', ext: '../sh', taken: none }), 'x.bin');
		const long = assetFileName({
			prompt: 'an extremely long prompt describing a very specific thunderstorm rolling over distant mountains at night',
			ext: 'wav',
			loop: true,
			bpm: 90,
			taken: none,
		});
		assert.ok(long.length <= 80, long);
		assert.match(long, /^extremely-long-prompt-describing-very-specific-loop-90bpm\.wav$/);
	});

	it('never overwrites: a name taken in any case gets the next number', () => {
		const taken = new Set(['rain.wav', 'rain-2.wav']);
		assert.equal(assetFileName({ prompt: 'RAIN', ext: 'wav', taken: (n) => taken.has(n) }), 'rain-3.wav');
		assert.equal(assetFileName({ prompt: 'Rain', ext: 'WAV'.toLowerCase(), taken: (n) => n === 'rain.wav' }), 'rain-2.wav');
	});

	it('slugs keep whole words', () => {
		assert.equal(slug('The Old Lighthouse!'), 'old-lighthouse');
		assert.equal(slug(''), 'untitled');
	});
});

describe('resolveAssetFolder: never outside the workspace folder', () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-assets-'));
	const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-outside-'));
	fs.mkdirSync(path.join(root, 'assets'));
	fs.symlinkSync(outside, path.join(root, 'assets', 'escape'));
	const realpath = (p: string) => {
		try {
			return fs.realpathSync(p);
		} catch {
			return undefined;
		}
	};

	it('resolves a relative folder, existing or not', () => {
		assert.equal(resolveAssetFolder(root, 'assets/sfx', realpath), path.join(root, 'assets', 'sfx'));
		assert.equal(resolveAssetFolder(root, './assets\\music', realpath), path.join(root, 'assets', 'music'));
	});

	it('refuses absolute paths, "..", and links that lead out, saying why', () => {
		assert.throws(() => resolveAssetFolder(root, '/etc', realpath), (e) => e instanceof AssetFolderError && /absolute/.test(e.message));
		assert.throws(() => resolveAssetFolder(root, 'C:\\Windows', realpath), /absolute/);
		assert.throws(() => resolveAssetFolder(root, 'assets/../../x', realpath), /leaves the workspace folder/);
		assert.throws(() => resolveAssetFolder(root, 'assets/escape/sfx', realpath), /leads outside the workspace folder/);
		assert.throws(() => resolveAssetFolder(root, '  ', realpath), /empty/);
	});
});

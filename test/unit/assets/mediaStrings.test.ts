import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isMediaPath, mediaPathCandidates, stringAt } from '../../../src/assets/mediaStrings';

describe('code-aware assets: the string under the cursor', () => {
	it('finds the literal around the cursor, any quote, escapes honoured', () => {
		const line = `load("a.wav", 'b \\' c.ogg', \`d.mp3\`)`;
		assert.deepEqual(stringAt(line, 7), { value: 'a.wav', start: 6, end: 11 });
		assert.equal(stringAt(line, 18)?.value, "b \\' c.ogg");
		assert.equal(stringAt(line, 31)?.value, 'd.mp3');
		assert.equal(stringAt(line, 2), undefined);
		assert.equal(stringAt('x = "unterminated', 6), undefined);
	});

	it('knows media files by extension and where they may be', () => {
		assert.ok(isMediaPath('sfx/rain.OGG'));
		assert.ok(!isMediaPath('config.json'));
		const root = path.resolve('/w');
		assert.deepEqual(mediaPathCandidates('sfx/a.wav', path.join(root, 'src', 'x.ts'), root), [path.join(root, 'src', 'sfx', 'a.wav'), path.join(root, 'sfx', 'a.wav')]);
		assert.deepEqual(mediaPathCandidates('res://sfx/a.wav', path.join(root, 'g', 'p.gd'), root, path.join(root, 'g')), [path.join(root, 'g', 'sfx', 'a.wav')]);
		assert.deepEqual(mediaPathCandidates('res://sfx/a.wav', path.join(root, 'p.gd'), root), []);
	});
});

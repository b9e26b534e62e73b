import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanForSpeech, speechParagraphs } from '../../../src/text/clean';
import { extractComments } from '../../../src/text/comments';
import { applyLexicon, parseLexicon, withEntry } from '../../../src/text/lexicon';

describe('cleanForSpeech: Markdown', () => {
	const chapter = [
		'---',
		'title: The Lighthouse',
		'tags: [draft]',
		'---',
		'',
		'# Chapter 1: *The* Keeper',
		'',
		'Mara climbed the **stairs** at `dusk`, as the [old log](https://example.com/log "log") said.',
		'She read <span class="x">the note</span> twice. See <https://example.com/raw>.',
		'',
		'![A lighthouse at night](img/lighthouse.png)',
		'',
		'```ts',
		'const beam = sweep(water);',
		'```',
		'',
		'- first, the lamp',
		'- then the lens!',
		'',
		'| Name | Role |',
		'| ---- | ---- |',
		'| Mara | keeper |',
		'',
		'<div>raw html block</div>',
		'',
		'> The sea was calm;',
		'> the night was not.',
		'',
		'---',
		'',
		'    indented code block',
		'',
		'Last line.',
	].join('\n');
	const spoken = cleanForSpeech(chapter, 'markdown');

	it('keeps sentences and link text, in order, one paragraph per block', () => {
		assert.deepEqual(spoken.split('\n\n'), [
			'Chapter 1: The Keeper.',
			'Mara climbed the stairs at dusk, as the old log said. She read the note twice. See.',
			'first, the lamp.',
			'then the lens!',
			'Name, Role.',
			'Mara, keeper.',
			'The sea was calm; the night was not.',
			'Last line.',
		]);
	});

	it('drops every piece of syntax: no #, *, `, [, ], (, <, |, URLs, code or front matter', () => {
		for (const bad of ['#', '*', '`', '[', ']', '](', '<', '|', 'https://', 'const beam', 'title:', 'raw html', 'indented code', 'lighthouse.png']) {
			assert.ok(!spoken.includes(bad), `"${bad}" is read aloud: ${spoken}`);
		}
	});

	it('treats an unknown language as Markdown and plain text as prose', () => {
		assert.equal(cleanForSpeech('**Hi** there', 'unknown-lang'), 'Hi there');
		assert.equal(cleanForSpeech('**Hi**   there\n\n\nNext  one', 'plaintext'), '**Hi** there\n\nNext one');
	});
});

describe('extractComments: code files speak their comments', () => {
	it('TypeScript: line, block and doc comments; strings are not comments; pragmas dropped', () => {
		const ts = [
			'// The keeper lights the lamp',
			'// at dusk.',
			'const url = "http://not-a-comment";  // trailing note',
			'/**',
			' * Sweeps the beam.',
			' * @param speed turns per minute',
			' */',
			'// eslint-disable-next-line no-console',
			'function sweep() { return `// nor this`; }',
		].join('\n');
		assert.deepEqual(extractComments(ts, 'typescript'), [
			'The keeper lights the lamp at dusk.',
			'trailing note',
			'Sweeps the beam. @param speed turns per minute',
		]);
	});

	it('Python: # comments and docstrings, a # inside a string is code', () => {
		const py = ['"""Tide tables."""', 'x = "# not a comment"', '# High tide at noon.', 'def f():', "    '''Returns the tide.'''", '    return 1'].join('\n');
		assert.deepEqual(extractComments(py, 'python'), ['Tide tables.', 'High tide at noon.', 'Returns the tide.']);
	});

	it('C#, GDScript and Lua', () => {
		assert.deepEqual(extractComments('/// <summary>Plays the horn.</summary>\nvoid Horn() {} // loud', 'csharp'), ['<summary>Plays the horn.</summary>', 'loud']);
		assert.deepEqual(extractComments('## The player node.\nextends Node2D\n# Moves right.\nfunc _ready():\n\tpass', 'gdscript'), ['The player node.', 'Moves right.']);
		assert.deepEqual(extractComments('-- Loads the sound.\nlocal s = "--no"\n--[[ Plays it\n  twice. ]]\nplay(s)', 'lua'), ['Loads the sound.', 'Plays it twice.']);
	});

	it('says undefined for a language without a known syntax', () => {
		assert.equal(extractComments('x', 'brainfuck'), undefined);
	});

	it('cleanForSpeech on code gives the comments as paragraphs', () => {
		assert.equal(cleanForSpeech('// One.\n// Two.\nlet a = 1;\n// Three.', 'javascript'), 'One. Two.\n\nThree.');
	});
});

describe('lexicon', () => {
	const lexicon = parseLexicon('{ "Mara": "MAH-rah", "Nginx": "engine x", "C#": "C sharp", "Mar": "MAR" }');

	it('replaces whole words only, case-sensitively, longest first, once', () => {
		assert.equal(applyLexicon('Mara and Maras and mara; Nginx! Mar.', lexicon), 'MAH-rah and Maras and mara; engine x! MAR.');
		assert.equal(applyLexicon('I like C# a lot', lexicon), 'I like C sharp a lot');
		assert.equal(applyLexicon('Élodie met Mara.', { Élodie: 'ay-lo-DEE' }), 'ay-lo-DEE met Mara.');
		assert.equal(applyLexicon('abc', {}), 'abc');
	});

	it('rejects malformed files with a message naming the problem', () => {
		assert.throws(() => parseLexicon('{'), /not valid JSON/);
		assert.throws(() => parseLexicon('[]'), /must be an object/);
		assert.throws(() => parseLexicon('{"a": 1}'), /"a" must be a string/);
	});

	it('adds an entry with keys sorted', () => {
		assert.deepEqual(Object.keys(withEntry({ b: '1', a: '2' }, 'c', '3')), ['a', 'b', 'c']);
	});
});

describe('speechParagraphs: each spoken paragraph knows its source lines', () => {
	it('Markdown, front matter counted', () => {
		const md = '---\ntitle: x\n---\n# Title\n\nOne line\nstill one.\n\n```\ncode\n```\n\n- item';
		assert.deepEqual(speechParagraphs(md, 'markdown'), [
			{ text: 'Title.', lines: [3, 4] },
			{ text: 'One line still one.', lines: [5, 7] },
			{ text: 'item.', lines: [12, 13] },
		]);
		assert.equal(speechParagraphs(md, 'markdown')!.map((p) => p.text).join('\n\n'), cleanForSpeech(md, 'markdown'));
	});
	it('plain text by blank lines; code has no mapping', () => {
		assert.deepEqual(speechParagraphs('a b\nc\n\n\nd', 'plaintext'), [{ text: 'a b c', lines: [0, 2] }, { text: 'd', lines: [4, 5] }]);
		assert.equal(speechParagraphs('// x', 'typescript'), undefined);
	});
});

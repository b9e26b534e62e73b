import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitForSpeech, TextPart } from '../../../src/text/split';
import { checkInvariants } from './splitInvariants';

describe('splitForSpeech', () => {
	it('keeps a short paragraph whole and normalises its whitespace', () => {
		assert.deepEqual(splitForSpeech('  Hello\n  world.\tHow   are you?  ', 100), [{ paragraph: 0, index: 0, text: 'Hello world. How are you?' }]);
	});

	it('never merges paragraphs, and skips blank ones without counting them', () => {
		const parts = splitForSpeech('One.\n\n\n  \nTwo.\n \t\nThree.\r\n\r\nFour.', 1000);
		assert.deepEqual(parts, [
			{ paragraph: 0, index: 0, text: 'One.' },
			{ paragraph: 1, index: 1, text: 'Two.' },
			{ paragraph: 2, index: 2, text: 'Three.' },
			{ paragraph: 3, index: 3, text: 'Four.' },
		]);
		assert.deepEqual(splitForSpeech('\n\n  \n\n', 10), []);
		assert.deepEqual(splitForSpeech('', 10), []);
	});

	it("changes only the edited paragraph's parts", () => {
		const before = splitForSpeech('Alpha beta gamma. Delta epsilon.\n\nZeta eta theta. Iota kappa.\n\nLambda mu nu.', 20);
		const after = splitForSpeech('Alpha beta gamma. Delta epsilon.\n\nZeta eta theta, and more. Iota kappa.\n\nLambda mu nu.', 20);
		const texts = (parts: TextPart[], p: number): string[] => parts.filter((x) => x.paragraph === p).map((x) => x.text);
		assert.deepEqual(texts(after, 0), texts(before, 0));
		assert.deepEqual(texts(after, 2), texts(before, 2));
		assert.notDeepEqual(texts(after, 1), texts(before, 1));
	});

	it('packs whole sentences greedily', () => {
		const parts = splitForSpeech('Aaa bbb. Ccc ddd. Eee fff. Ggg hhh. Iii.', 17);
		assert.deepEqual(parts.map((p) => p.text), ['Aaa bbb. Ccc ddd.', 'Eee fff. Ggg hhh.', 'Iii.']);
	});

	it('cuts only between sentences when every sentence fits', () => {
		const text = 'The first sentence is here. A second one follows it! Does a third one ask? Yes, and a fourth answers.';
		const { parts } = checkInvariants(text, 60);
		assert.ok(parts.length > 1);
		for (const part of parts) {
			assert.match(part.text, /[.!?]$/, `"${part.text}" ends a sentence`);
		}
	});

	it('splits a sentence over the limit at clauses, then at words', () => {
		const sentence = 'When the rain stopped, we walked to the harbour; the boats were still, and the gulls were loud: nobody spoke for a long while.';
		const parts = splitForSpeech(sentence, 40).map((p) => p.text);
		assert.deepEqual(parts, ['When the rain stopped,', 'we walked to the harbour;', 'the boats were still,', 'and the gulls were loud:', 'nobody spoke for a long while.']);
		const long = 'The committee that met on Tuesday afternoon decided after a very long debate that nothing at all should change.';
		assert.deepEqual(splitForSpeech(long, 40).map((p) => p.text), [
			'The committee that met on Tuesday',
			'afternoon decided after a very long',
			'debate that nothing at all should',
			'change.',
		]);
		assert.deepEqual(splitForSpeech('one two three four five six seven eight nine ten', 14).map((p) => p.text), ['one two three', 'four five six', 'seven eight', 'nine ten']);
	});

	it('keeps punctuation with its word at word-level cuts', () => {
		const parts = splitForSpeech('She whispered "goodbye" (quietly) and left forever.', 12).map((p) => p.text);
		assert.deepEqual(parts, ['She', 'whispered', '"goodbye"', '(quietly)', 'and left', 'forever.']);
		assert.deepEqual(splitForSpeech('Il a dit : « oui » et puis quoi ? Rien du tout !', 8, 'fr').map((p) => p.text), [
			'Il a',
			'dit :',
			'« oui »',
			'et puis',
			'quoi ?',
			'Rien du',
			'tout !',
		]);
		assert.deepEqual(splitForSpeech('彼は「はい」と言った。そして帰った。', 4, 'ja').map((p) => p.text), ['彼は', '「はい」', 'と言っ', 'た。', 'そして帰', 'った。']);
		for (const part of splitForSpeech('我们今天下午去公园散步，天气非常好。', 4, 'zh')) {
			assert.doesNotMatch(part.text, /^[，。]/, `"${part.text}" does not start with punctuation`);
		}
	});

	it('does not treat commas and colons inside numbers as clause ends', () => {
		const parts = splitForSpeech('It costs 1,000,000 dollars at 12:30 today, they said', 24).map((p) => p.text);
		assert.deepEqual(parts, ['It costs 1,000,000', 'dollars at 12:30 today,', 'they said']);
	});

	it('hard-splits a single enormous word by code points', () => {
		const word = 'x'.repeat(25);
		const { parts } = checkInvariants(`Before ${word} after.`, 10);
		assert.deepEqual(parts.map((p) => p.text), ['Before', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx', 'after.']);
	});

	it('never cuts a surrogate pair, even in an enormous word of emoji', () => {
		const word = 'a😀b😀😀c𝔘𝔫𝔦𝔠𝔬𝔡𝔢'.repeat(7);
		for (const max of [2, 3, 4, 5, 7, 10]) {
			const { parts } = checkInvariants(`${word} end`, max);
			assert.ok(parts.length > 1);
		}
		const { parts } = checkInvariants('Smile 😀 please, 👨‍👩‍👧 family 😀😀😀.', 8);
		assert.ok(parts.some((p) => p.text.includes('👨‍👩‍👧')), 'a grapheme that fits stays whole');
	});

	it('refuses a limit below 1, and a limit of 1 that cannot hold an astral character', () => {
		assert.throws(() => splitForSpeech('hello', 0), RangeError);
		assert.throws(() => splitForSpeech('hello', -5), RangeError);
		assert.throws(() => splitForSpeech('hello', Number.NaN), RangeError);
		assert.deepEqual(splitForSpeech('abc', 1).map((p) => p.text), ['a', 'b', 'c']);
		assert.throws(() => splitForSpeech('a😀', 1), RangeError);
	});
});

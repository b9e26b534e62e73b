import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitForSpeech, TextPart } from '../../../src/text/split';
import { rng as mulberry32 } from '../../fakes/media/pcm';

/** Paragraphs the way the splitter sees them: blank-line separated, whitespace collapsed, empties dropped. */
function normalisedParagraphs(text: string): string[] {
	return text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
}

/** Parts grouped by paragraph, after checking numbering, order and emptiness. */
function byParagraph(parts: TextPart[]): string[][] {
	const groups: string[][] = [];
	parts.forEach((part, i) => {
		assert.equal(part.index, i, 'indexes run 0, 1, 2, …');
		assert.ok(part.text.length > 0, 'no part is empty');
		assert.equal(part.text, part.text.trim(), 'parts are trimmed');
		if (part.paragraph === groups.length) {
			groups.push([]);
		}
		assert.equal(part.paragraph, groups.length - 1, 'paragraphs are numbered in order without gaps');
		groups[part.paragraph].push(part.text);
	});
	return groups;
}

/**
 * Walks the normalised paragraph through its parts, allowing only a single space to disappear at
 * each cut; returns the cut positions (index in the paragraph where each later part starts).
 */
function reconstruct(paragraph: string, parts: string[]): number[] {
	const cuts: number[] = [];
	let pos = 0;
	parts.forEach((part, i) => {
		if (i > 0) {
			if (paragraph[pos] === ' ') {
				pos++;
			}
			cuts.push(pos);
		}
		assert.equal(paragraph.slice(pos, pos + part.length), part, `part ${i} continues the paragraph at ${pos}`);
		pos += part.length;
	});
	assert.equal(pos, paragraph.length, 'the parts cover the whole paragraph');
	return cuts;
}

/** Limit, order, paragraph separation and reconstruction; returns each paragraph's cut positions. */
function checkInvariants(text: string, maxChars: number, locale?: string): { paragraphs: string[]; cuts: number[][]; parts: TextPart[] } {
	const parts = splitForSpeech(text, maxChars, locale);
	for (const part of parts) {
		assert.ok(part.text.length <= maxChars, `"${part.text}" is ${part.text.length} > ${maxChars}`);
		assert.ok(!/^[\udc00-\udfff]/.test(part.text) && !/[\ud800-\udbff]$/.test(part.text), 'no surrogate pair is cut');
	}
	const paragraphs = normalisedParagraphs(text);
	const groups = byParagraph(parts);
	assert.equal(groups.length, paragraphs.length, 'one group of parts per non-empty paragraph');
	const cuts = groups.map((group, p) => reconstruct(paragraphs[p], group));
	return { paragraphs, cuts, parts };
}

/** Word-boundary positions of `text` according to Intl.Segmenter. */
function wordBoundaries(text: string, locale: string): Set<number> {
	const set = new Set<number>([0, text.length]);
	for (const s of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
		set.add(s.index);
	}
	return set;
}

/** Length of the longest Intl.Segmenter word in `text`. */
function longestWord(text: string, locale: string): number {
	return Math.max(...Array.from(new Intl.Segmenter(locale, { granularity: 'word' }).segment(text), (s) => s.segment.length));
}

const WORDS = [
	'the',
	'quick',
	'brown',
	'fox',
	'jumps',
	'over',
	'lazy',
	'dog',
	'speech',
	'synthesis',
	'is',
	'a',
	'remarkably',
	'useful',
	'technology',
	"isn't",
	'it',
	'well-known',
	'examples',
	'include',
	'narration',
	'e-mail',
	'1,000',
	'3.14',
	'café',
	'naïve',
];
const CLAUSE_MARKS = [',', ';', ':', ' —', ''];
const SENTENCE_ENDS = ['.', '!', '?', '...'];

/** A random English-ish text: paragraphs of sentences of clauses, with messy whitespace. */
function randomText(rand: () => number): string {
	const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
	const paragraphs: string[] = [];
	const paragraphCount = 1 + Math.floor(rand() * 5);
	for (let p = 0; p < paragraphCount; p++) {
		const sentences: string[] = [];
		const sentenceCount = 1 + Math.floor(rand() * 8);
		for (let s = 0; s < sentenceCount; s++) {
			const words: string[] = [];
			const wordCount = 1 + Math.floor(rand() * 30);
			for (let w = 0; w < wordCount; w++) {
				let word = pick(WORDS);
				if (w === 0) {
					word = word[0].toUpperCase() + word.slice(1);
				}
				if (w < wordCount - 1 && rand() < 0.15) {
					word += pick(CLAUSE_MARKS);
				}
				words.push(word);
			}
			sentences.push(words.join(rand() < 0.1 ? '\n' : ' ') + pick(SENTENCE_ENDS));
		}
		paragraphs.push(sentences.join(rand() < 0.2 ? '  ' : ' '));
	}
	return paragraphs.join(pick(['\n\n', '\n \n', '\n\n\n', '\r\n\r\n', '\n\t\n\n']));
}

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

	it('splits Chinese without spaces between words, never inside one', () => {
		const text = '我们今天下午去公园散步，天气非常好，阳光明媚。小朋友们在草地上快乐地玩耍，老人们坐在长椅上聊天。晚上我们一起回家吃饭。';
		assert.equal(longestWord(text, 'zh'), 3); // 小朋友
		for (const max of [3, 4, 6, 9, 15, 30]) {
			const { paragraphs, cuts } = checkInvariants(text, max, 'zh');
			const boundaries = wordBoundaries(paragraphs[0], 'zh');
			for (const cut of cuts[0]) {
				assert.ok(boundaries.has(cut), `cut at ${cut} (max ${max}) falls between words`);
			}
		}
		assert.deepEqual(splitForSpeech(text, 30, 'zh').map((p) => p.text), [
			'我们今天下午去公园散步，天气非常好，阳光明媚。',
			'小朋友们在草地上快乐地玩耍，老人们坐在长椅上聊天。',
			'晚上我们一起回家吃饭。',
		]);
	});

	it('splits Japanese without spaces between words, never inside one', () => {
		const text = '今日はとても良い天気ですね。私たちは午後に公園へ散歩に行きましょう、そして夕方には美味しい晩ご飯を一緒に食べましょう。';
		assert.equal(longestWord(text, 'ja'), 4); // 美味しい
		checkInvariants(text, 3, 'ja'); // below the longest word: that word alone is hard-split
		for (const max of [4, 5, 8, 12, 20]) {
			const { paragraphs, cuts, parts } = checkInvariants(text, max, 'ja');
			const boundaries = wordBoundaries(paragraphs[0], 'ja');
			for (const cut of cuts[0]) {
				assert.ok(boundaries.has(cut), `cut at ${cut} (max ${max}) falls between words`);
			}
			assert.equal(parts.map((p) => p.text).join(''), paragraphs[0], 'no space existed, none is lost');
		}
	});

	it('handles paragraphs far longer than the segmenter window, cutting between the same words', () => {
		const samples: [string, string][] = [
			['zh', '我们今天下午去公园散步天气非常好阳光明媚小朋友们在草地上快乐地玩耍老人们坐在长椅上聊天'.repeat(150)],
			['ja', '今日はとても良い天気ですね私たちは午後に公園へ散歩に行きましょうそして夕方には美味しい晩ご飯を一緒に食べましょう'.repeat(150)],
			['en', Array.from({ length: 3000 }, (_, i) => WORDS[(i * 7) % WORDS.length]).join(' ')],
		];
		for (const [locale, text] of samples) {
			const boundaries = wordBoundaries(text, locale);
			const longest = longestWord(text, locale);
			for (const max of [longest, 64, 333, 5000]) {
				const { cuts } = checkInvariants(text, max, locale);
				assert.ok(cuts[0].length >= Math.floor(text.length / max) - 1, `${locale}: enough parts for ${max}`);
				for (const cut of cuts[0]) {
					assert.ok(boundaries.has(cut), `${locale}: cut at ${cut} (max ${max}) falls between words`);
				}
			}
		}
	});

	it('hard-splits a 200 000-character word into full parts, in linear time', () => {
		const { parts } = checkInvariants(`${'x'.repeat(200_000)} end`, 500);
		assert.equal(parts.length, 401);
		assert.ok(parts.slice(0, 400).every((p) => p.text.length === 500));
		assert.equal(parts[400].text, 'end');
	});

	it('respects the limit, keeps order, loses nothing and cuts no word in many random texts', () => {
		const rand = mulberry32(0x5eed);
		for (let round = 0; round < 300; round++) {
			const text = randomText(rand);
			const maxChars = 16 + Math.floor(rand() * 200); // above the longest word with its punctuation, so nothing needs a hard split
			const { paragraphs, cuts, parts } = checkInvariants(text, maxChars, 'en');
			for (const part of parts) {
				assert.doesNotMatch(part.text, /^[\p{P}\s]+$/u, `round ${round}: a part of bare punctuation`);
			}
			cuts.forEach((paragraphCuts, p) => {
				const paragraph = paragraphs[p];
				for (const cut of paragraphCuts) {
					const glued = /\p{L}/u.test(paragraph[cut - 1] ?? '') && /\p{L}/u.test(paragraph[cut] ?? '');
					assert.ok(!glued, `round ${round}: cut inside a word at "${paragraph.slice(Math.max(0, cut - 10), cut)}|${paragraph.slice(cut, cut + 10)}"`);
				}
			});
		}
	});

	it('keeps every invariant for random mixed-script text with tiny limits', () => {
		const rand = mulberry32(42);
		const alphabet = ['a', 'b', 'Z', ' ', ' ', '\n', '\n\n', '.', ',', '，', '。', '字', '語', '😀', '𝔘', 'é', '—', '!'];
		for (let round = 0; round < 300; round++) {
			const length = Math.floor(rand() * 120);
			let text = '';
			for (let i = 0; i < length; i++) {
				text += alphabet[Math.floor(rand() * alphabet.length)];
			}
			checkInvariants(text, 2 + Math.floor(rand() * 20));
		}
	});
});

/** splitForSpeech on Chinese, Japanese, very long paragraphs and many random texts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitForSpeech } from '../../../src/text/split';
import { rng as mulberry32 } from '../../fakes/media/pcm';
import { checkInvariants } from './splitInvariants';

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

/** The invariants every splitForSpeech result must keep (split.test.ts, splitScripts.test.ts). */
import assert from 'node:assert/strict';
import { splitForSpeech, TextPart } from '../../../src/text/split';

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
export function checkInvariants(text: string, maxChars: number, locale?: string): { paragraphs: string[]; cuts: number[][]; parts: TextPart[] } {
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

/**
 * Splitting speakable text into request-sized parts for a TTS model that accepts at most `maxChars`
 * characters per request. Paragraphs never share a part (so editing one paragraph only changes its
 * own parts); a long paragraph is cut at sentence, then clause, then word boundaries, and only a
 * single over-long "word" is cut by grapheme or code point. Pure: no `vscode` import.
 */

/** One request-sized piece of the text. */
export interface TextPart {
	/** 0-based index of the source paragraph (blank paragraphs are not counted). */
	paragraph: number;
	/** 0-based position of this part in the whole output. */
	index: number;
	/** The part's text: non-empty, trimmed, at most `maxChars` UTF-16 code units. */
	text: string;
}

/** Cut levels, coarsest first; each level is tried only for pieces the previous one left too long. */
type Level = 'sentence' | 'clause' | 'word' | 'grapheme' | 'codepoint';
const NEXT_LEVEL: Record<Exclude<Level, 'codepoint'>, Level> = { sentence: 'clause', clause: 'word', word: 'grapheme', grapheme: 'codepoint' };

/**
 * A clause ends after these marks. Fullwidth/ideographic marks, the em dash and Arabic marks end a
 * clause as they are; ASCII-style marks only when whitespace follows (so "1,000" and "12:30" stay whole).
 */
const CLAUSE_END = /(?:[、，；：､،؛—]+|[,;:–‒―]+(?=\s|$))\s*/gu;

/**
 * Splits `text` into parts of at most `maxChars` characters (measured with `.length`, never cutting
 * a surrogate pair). Paragraphs are separated by blank lines; inside a paragraph whitespace collapses
 * to single spaces. Joining a paragraph's parts with the whitespace dropped at each cut (one space,
 * or nothing where none existed, as in Chinese or Japanese) gives back its normalised text.
 * `locale` guides `Intl.Segmenter`'s sentence and word boundaries.
 * @throws RangeError when `maxChars < 1`, or when `maxChars` is 1 and the text holds a character outside the BMP.
 */
export function splitForSpeech(text: string, maxChars: number, locale?: string): TextPart[] {
	if (!(maxChars >= 1)) {
		throw new RangeError(`maxChars must be at least 1 (got ${maxChars})`);
	}
	const splitter = new Splitter(Math.floor(maxChars), locale);
	const parts: TextPart[] = [];
	let paragraph = 0;
	for (const raw of text.split(/\n\s*\n/)) {
		const normalised = raw.replace(/\s+/g, ' ').trim();
		if (!normalised) {
			continue;
		}
		for (const piece of splitter.split(normalised, 'sentence')) {
			parts.push({ paragraph, index: parts.length, text: piece });
		}
		paragraph++;
	}
	return parts;
}

/** Marks that open something and belong with the word after them. */
const OPENING = /^[\p{Ps}\p{Pi}¿¡]/u;
/** Straight quotes open only at the start or after a space; elsewhere they close. */
const STRAIGHT_QUOTE = /^["']/;

/** True for the first half of a surrogate pair. */
function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

/** True for a whitespace-only segment. */
function isSpace(segment: string): boolean {
	return /^\s+$/.test(segment);
}

/** `Intl.Segmenter` copies its whole input into every segment it yields, so long spans are segmented in windows of this many code units. */
const WINDOW = 1024;
/** Boundaries this close to a window's end may depend on text beyond it, so the next window re-reads them. */
const WINDOW_TAIL = 64;

/** One segment of a span: its text and whether `Intl.Segmenter` calls it word-like. */
interface Segment {
	segment: string;
	isWordLike: boolean;
}

/** Holds the limit and the (lazily created) segmenters for one `splitForSpeech` call. */
class Splitter {
	private readonly segmenters = new Map<Intl.SegmenterOptions['granularity'], Intl.Segmenter>();

	constructor(private readonly max: number, private readonly locale: string | undefined) {}

	/** Trimmed, non-empty pieces of `span`, each within the limit, cut at `level` or finer. */
	split(span: string, level: Level): string[] {
		const trimmed = span.trim();
		if (!trimmed) {
			return [];
		}
		if (trimmed.length <= this.max) {
			return [trimmed];
		}
		if (level === 'codepoint') {
			return this.hardSplit(trimmed);
		}
		const next = NEXT_LEVEL[level];
		// Greedy packing: whole pieces go into the current part while it stays within the limit;
		// a piece that is too long on its own is cut at the next level, without mixing with its neighbours.
		// Lengths are tracked as numbers so packing stays linear however long the span is.
		const out: string[] = [];
		let current = ''; // never starts with whitespace
		let core = 0; // current's length without its trailing whitespace
		let trail = 0; // current's trailing whitespace
		const flush = (): void => {
			if (core > 0) {
				out.push(current.slice(0, core));
			}
			current = '';
			core = 0;
			trail = 0;
		};
		for (const piece of this.pieces(span, level)) {
			const lead = /^\s*/.exec(piece)?.[0].length ?? 0;
			if (lead === piece.length) {
				if (current) {
					current += piece;
					trail += piece.length;
				}
				continue;
			}
			const pieceTrail = /\s*$/.exec(piece)?.[0].length ?? 0;
			const pieceCore = piece.length - lead - pieceTrail;
			if (current && core + trail + lead + pieceCore <= this.max) {
				current += piece;
				core += trail + lead + pieceCore;
				trail = pieceTrail;
				continue;
			}
			flush();
			if (pieceCore <= this.max) {
				current = piece.slice(lead);
				core = pieceCore;
				trail = pieceTrail;
			} else {
				for (const part of this.split(piece, next)) {
					out.push(part);
				}
			}
		}
		flush();
		return out;
	}

	/** Consecutive pieces of `span` at `level`; they concatenate back to `span`. */
	private pieces(span: string, level: Exclude<Level, 'codepoint'>): string[] {
		if (level === 'clause') {
			const out: string[] = [];
			let start = 0;
			for (const m of span.matchAll(CLAUSE_END)) {
				const end = (m.index ?? 0) + m[0].length;
				if (end > start) {
					out.push(span.slice(start, end));
					start = end;
				}
			}
			if (start < span.length) {
				out.push(span.slice(start));
			}
			return out;
		}
		const segments = this.segments(span, level);
		if (level !== 'word') {
			return segments.map((s) => s.segment);
		}
		// Punctuation stays with its word: closing marks (even after a space, as in "word —" or
		// French "quoi ?") join the word before them, opening marks the word after them, so no part
		// is a lone "." or "「". Otherwise a cut may go before any word, which splits CJK text.
		const out: string[] = [];
		let opened = false;
		segments.forEach((s, i) => {
			let glue: boolean;
			if (isSpace(s.segment)) {
				glue = true;
				opened = false;
			} else if (s.isWordLike) {
				glue = opened;
				opened = false;
			} else {
				const prev = segments[i - 1];
				const opens = OPENING.test(s.segment) || (STRAIGHT_QUOTE.test(s.segment) && (!prev || isSpace(prev.segment)));
				glue = opened || !opens;
				opened = opened || opens;
			}
			if (glue && out.length > 0) {
				out[out.length - 1] += s.segment;
			} else {
				out.push(s.segment);
			}
		});
		return out;
	}

	/**
	 * `Intl.Segmenter` segments of `span`, read window by window so the cost stays linear. Boundaries
	 * near a window's end are read again with the next window; a segment longer than a window is
	 * carried over and comes out whole.
	 */
	private segments(span: string, granularity: 'sentence' | 'word' | 'grapheme'): Segment[] {
		let segmenter = this.segmenters.get(granularity);
		if (!segmenter) {
			segmenter = new Intl.Segmenter(this.locale, { granularity });
			this.segmenters.set(granularity, segmenter);
		}
		const out: Segment[] = [];
		let carry: Segment | undefined; // the start of a segment that runs past the window
		const emit = (s: Segment): void => {
			out.push(carry ? { segment: carry.segment + s.segment, isWordLike: carry.isWordLike } : s);
			carry = undefined;
		};
		for (let pos = 0; pos < span.length;) {
			let end = Math.min(span.length, pos + WINDOW);
			if (end < span.length && isHighSurrogate(span.charCodeAt(end - 1))) {
				end--;
			}
			const window = Array.from(segmenter.segment(span.slice(pos, end)), ({ segment, isWordLike }) => ({ segment, isWordLike: isWordLike ?? false }));
			if (end === span.length) {
				window.forEach(emit);
				break;
			}
			// Keep the segments that end before the tail; resume at the first one that does not.
			let keep = 0;
			let offset = 0;
			while (keep < window.length - 1 && (keep === 0 || offset + window[keep].segment.length <= end - pos - WINDOW_TAIL)) {
				offset += window[keep].segment.length;
				keep++;
			}
			if (keep === 0) {
				const whole = window[0];
				carry = carry ? { segment: carry.segment + whole.segment, isWordLike: carry.isWordLike } : whole;
				pos = end;
				continue;
			}
			window.slice(0, keep).forEach(emit);
			pos += offset;
		}
		return out;
	}

	/** Last resort for one over-long grapheme: pack whole code points, so no surrogate pair is cut. */
	private hardSplit(text: string): string[] {
		const out: string[] = [];
		let current = '';
		for (const cp of text) {
			if (cp.length > this.max) {
				throw new RangeError(`maxChars ${this.max} cannot hold the character U+${cp.codePointAt(0)?.toString(16).toUpperCase()}`);
			}
			if (current.length + cp.length > this.max) {
				out.push(current);
				current = '';
			}
			current += cp;
		}
		if (current) {
			out.push(current);
		}
		return out;
	}
}

/**
 * Pronunciations a writer fixes once for a whole book: `.evolink/lexicon.json` maps a word to
 * how it should be read (`{ "Mara": "MAH-rah", "Nginx": "engine x" }`). Replacements are
 * whole-word and case-sensitive, longest entry first, applied in one pass (a replacement is
 * never replaced again). Pure: no `vscode` import.
 */

export type Lexicon = Record<string, string>;

/** Where the lexicon lives, relative to the workspace folder. */
export const LEXICON_PATH = '.evolink/lexicon.json';

/** Reads a lexicon file's text; throws an Error that says what is wrong and where. */
export function parseLexicon(json: string): Lexicon {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch (err) {
		throw new Error(`${LEXICON_PATH} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error(`${LEXICON_PATH} must be an object of "word": "how to say it" pairs.`);
	}
	const lexicon: Lexicon = {};
	for (const [word, said] of Object.entries(value)) {
		if (typeof said !== 'string') {
			throw new Error(`${LEXICON_PATH}: the entry "${word}" must be a string.`);
		}
		if (word.trim()) { lexicon[word] = said; }
	}
	return lexicon;
}

/** Applies `lexicon` to `text`: whole words only (letters, digits and `_` around a match do not count as a word edge). */
export function applyLexicon(text: string, lexicon: Lexicon): string {
	const words = Object.keys(lexicon).filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
	if (words.length === 0) { return text; }
	const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
	return text.replace(pattern, (match) => lexicon[match] ?? match);
}

/** A lexicon with `word` set to `said`, keys sorted so the file diffs well. */
export function withEntry(lexicon: Lexicon, word: string, said: string): Lexicon {
	const next: Lexicon = { ...lexicon, [word]: said };
	return Object.fromEntries(Object.keys(next).sort((a, b) => a.localeCompare(b)).map((k) => [k, next[k]]));
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

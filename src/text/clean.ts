/**
 * Speakable text: what a voice should read out of Markdown, plain text or a code file's
 * comments. Markdown goes through a real parser (markdown-it), never regular expressions over
 * its syntax; code files give their comments. The output is paragraphs separated by a blank
 * line, each with its sentences and the punctuation that shapes prosody.
 * Pure: no `vscode` import.
 */
import MarkdownIt from 'markdown-it';
import { extractComments } from './comments';

type Token = MarkdownIt.Token;

let parser: MarkdownIt.MarkdownIt | undefined;

/** The languages whose text is read as Markdown (VS Code language ids). */
const MARKDOWN_IDS = new Set(['markdown', 'mdx', 'quarto', 'rmd']);
/** Read as prose as it is (only whitespace is tidied). */
const PROSE_IDS = new Set(['plaintext', 'text', 'txt', 'latex', 'restructuredtext', 'asciidoc', 'fountain', 'org']);

/**
 * Turns `text` (in the VS Code language `languageId`) into what should be read aloud.
 * Markdown (and an unknown or missing language) is parsed; code gives its comments; prose is
 * tidied only.
 */
export function cleanForSpeech(text: string, languageId = 'markdown'): string {
	const id = languageId.toLowerCase();
	if (PROSE_IDS.has(id)) {
		return paragraphs(text.split(/\n\s*\n/).map(tidy));
	}
	if (!MARKDOWN_IDS.has(id)) {
		const comments = extractComments(text, id);
		if (comments !== undefined) {
			return paragraphs(comments.map(tidy));
		}
	}
	return markdownToSpeech(text);
}

/** A speakable paragraph and the source lines it came from (0-based, end exclusive). */
export interface SpokenParagraph {
	text: string;
	lines: [number, number];
}

/**
 * Like `cleanForSpeech`, paragraph by paragraph, each with the lines of `text` it came from, so
 * a voiceover can be followed in the source. Code comments give undefined (no line mapping).
 */
export function speechParagraphs(text: string, languageId = 'markdown'): SpokenParagraph[] | undefined {
	const id = languageId.toLowerCase();
	if (PROSE_IDS.has(id)) {
		const out: SpokenParagraph[] = [];
		let start = -1;
		const lines = text.split('\n');
		lines.forEach((line, i) => {
			if (line.trim() && start < 0) { start = i; }
			if ((!line.trim() || i === lines.length - 1) && start >= 0) {
				const end = line.trim() ? i + 1 : i;
				const spoken = tidy(lines.slice(start, end).join(' '));
				if (spoken) { out.push({ text: spoken, lines: [start, end] }); }
				start = -1;
			}
		});
		return out;
	}
	if (!MARKDOWN_IDS.has(id) && extractComments('', id) !== undefined) { return undefined; }
	return markdownParagraphs(text);
}

/** Markdown → speakable paragraphs. */
export function markdownToSpeech(markdown: string): string {
	return paragraphs(markdownParagraphs(markdown).map((p) => p.text));
}

function markdownParagraphs(markdown: string): SpokenParagraph[] {
	parser ??= new MarkdownIt({ html: true, linkify: false, typographer: false });
	const body = stripFrontMatter(markdown);
	const skipped = markdown.split('\n').length - body.split('\n').length;
	const tokens = parser.parse(body, {});
	const out: SpokenParagraph[] = [];
	let rowLines: [number, number] = [0, 0];
	const at = (map: [number, number] | null | undefined): [number, number] => map ? [map[0] + skipped, map[1] + skipped] : [skipped, skipped];
	// List items and table rows are short lines of their own: each ends with a stop.
	let listDepth = 0;
	let row: string[] | undefined;
	tokens.forEach((token, i) => {
		switch (token.type) {
			case 'bullet_list_open':
			case 'ordered_list_open':
				listDepth++;
				break;
			case 'bullet_list_close':
			case 'ordered_list_close':
				listDepth--;
				break;
			case 'tr_open':
				row = [];
				rowLines = at(token.map);
				break;
			case 'tr_close':
				if (row?.length) { out.push({ text: withStop(row.join(', ')), lines: rowLines }); }
				row = undefined;
				break;
			case 'inline': {
				const spoken = tidy(inlineText(token.children ?? []));
				if (!spoken) { break; }
				if (row) {
					row.push(spoken);
					break;
				}
				const heading = tokens[i - 1]?.type === 'heading_open';
				out.push({ text: heading || listDepth > 0 ? withStop(spoken) : spoken, lines: at(token.map) });
				break;
			}
			// fence, code_block, html_block, hr, image-only lines: nothing to read.
			default:
				break;
		}
	});
	return out;
}

/** The readable text of an inline token's children: link text without targets, no markup. */
function inlineText(children: Token[]): string {
	let text = '';
	// An autolink's text is its URL: nothing a listener wants spelled out.
	let inAutolink = false;
	for (const child of children) {
		switch (child.type) {
			case 'link_open':
				inAutolink = child.markup === 'autolink' || child.markup === 'linkify';
				break;
			case 'link_close':
				inAutolink = false;
				break;
			case 'text':
			case 'code_inline':
				if (!inAutolink) { text += child.content; }
				break;
			case 'softbreak':
			case 'hardbreak':
				text += ' ';
				break;
			// Images are described for the eye; their alt text rarely reads as part of a sentence.
			// Emphasis markers and inline HTML tags go; the text between them stays.
			default:
				break;
		}
	}
	return text;
}

/** A `---` YAML (or `+++` TOML) block at the very start is metadata, not prose. */
function stripFrontMatter(markdown: string): string {
	const lines = markdown.split('\n');
	const fence = lines[0]?.trim();
	if (fence !== '---' && fence !== '+++') { return markdown; }
	const end = lines.findIndex((line, i) => i > 0 && line.trim() === fence);
	return end > 0 ? lines.slice(end + 1).join('\n') : markdown;
}

/** Collapses whitespace, and the space a dropped element leaves before punctuation. */
function tidy(text: string): string {
	return text.replace(/\s+/g, ' ').replace(/ ([.,;:!?])/g, '$1').trim();
}

/** Ends a heading, list item or table row with a stop so the voice pauses there. */
function withStop(text: string): string {
	return /[.!?…:;。！？」』"”'’)]$/.test(text) ? text : `${text}.`;
}

function paragraphs(parts: string[]): string {
	return parts.filter((p) => p.length > 0).join('\n\n');
}

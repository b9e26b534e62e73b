/**
 * The comments of a code file, as prose paragraphs: what a voice reads when the selection is in
 * code. A small scanner per comment syntax that skips string literals, so `"//"` in a string is
 * not a comment. Pure: no `vscode` import.
 */

interface Syntax {
	line: string[];
	block: [string, string][];
	/** String delimiters to skip (a comment marker inside a string is not a comment). */
	strings: string[];
	/** Python-style triple-quoted strings standing alone on a line are documentation. */
	docStrings?: boolean;
}

const C_LIKE: Syntax = { line: ['//'], block: [['/*', '*/']], strings: ['"', "'", '`'] };
const HASH: Syntax = { line: ['#'], block: [], strings: ['"', "'"] };
const SYNTAX: Record<string, Syntax> = {
	...Object.fromEntries([
		'typescript',
		'javascript',
		'typescriptreact',
		'javascriptreact',
		'csharp',
		'c',
		'cpp',
		'java',
		'go',
		'rust',
		'swift',
		'kotlin',
		'scala',
		'dart',
		'groovy',
		'objective-c',
		'objective-cpp',
		'jsonc',
		'hlsl',
		'glsl',
		'wgsl',
		'shaderlab',
		'gdshader',
		'zig',
		'haxe',
	].map((id) => [id, C_LIKE])),
	...Object.fromEntries(['shellscript', 'perl', 'r', 'yaml', 'toml', 'makefile', 'dockerfile', 'elixir', 'julia', 'nim', 'coffeescript', 'ruby'].map((id) => [id, HASH])),
	python: { ...HASH, docStrings: true },
	gdscript: { ...HASH, docStrings: true },
	powershell: { line: ['#'], block: [['<#', '#>']], strings: ['"', "'"] },
	php: { line: ['//', '#'], block: [['/*', '*/']], strings: ['"', "'"] },
	css: { line: [], block: [['/*', '*/']], strings: ['"', "'"] },
	scss: C_LIKE,
	less: C_LIKE,
	lua: { line: ['--'], block: [['--[[', ']]'], ['--[==[', ']==]'], ['--[=[', ']=]']], strings: ['"', "'"] },
	sql: { line: ['--'], block: [['/*', '*/']], strings: ["'"] },
	haskell: { line: ['--'], block: [['{-', '-}']], strings: ['"'] },
	html: { line: [], block: [['<!--', '-->']], strings: [] },
	xml: { line: [], block: [['<!--', '-->']], strings: [] },
};

/** Comment lines that are tooling, not prose: pragmas, shebangs, regions, dividers. */
const NOT_PROSE =
	/^(?:!|eslint|@ts-|prettier-ignore|tslint|jshint|istanbul|c8 |pylint|noqa|type:|fmt:|-\*-|#?region\b|#?endregion\b|pragma\b|nolint|NOLINT|SPDX-)|^[-=*#/~_+.\s]*$/;

/** The comment text of `source` as paragraphs, or undefined when the language has no known comment syntax. */
export function extractComments(source: string, languageId: string): string[] | undefined {
	const syntax = SYNTAX[languageId];
	if (!syntax) { return undefined; }
	const paragraphs: string[][] = [[]];
	const breakParagraph = (): void => {
		if (paragraphs[paragraphs.length - 1].length) { paragraphs.push([]); }
	};
	const addLine = (raw: string): void => {
		const line = raw.replace(/^[\s*/#!-]*[*/#!-]?\s?/, '').replace(/\s*\*+\/?$/, '').trim();
		if (!line || NOT_PROSE.test(line)) {
			breakParagraph();
			return;
		}
		paragraphs[paragraphs.length - 1].push(line);
	};
	let i = 0;
	// Whether anything but whitespace came since the last newline or comment (code on the line).
	let codeOnLine = false;
	let lastLineWasComment = false;
	while (i < source.length) {
		const ch = source[i];
		if (ch === '\n') {
			if (!lastLineWasComment || codeOnLine) { breakParagraph(); }
			lastLineWasComment = false;
			codeOnLine = false;
			i++;
			continue;
		}
		if (syntax.docStrings && !codeOnLine && (source.startsWith('"""', i) || source.startsWith("'''", i))) {
			const quote = source.slice(i, i + 3);
			const end = source.indexOf(quote, i + 3);
			const body = source.slice(i + 3, end < 0 ? source.length : end);
			breakParagraph();
			for (const line of body.split('\n')) { addLine(line); }
			breakParagraph();
			i = end < 0 ? source.length : end + 3;
			lastLineWasComment = true;
			continue;
		}
		const block = syntax.block.find(([open]) => source.startsWith(open, i));
		if (block) {
			const end = source.indexOf(block[1], i + block[0].length);
			const body = source.slice(i + block[0].length, end < 0 ? source.length : end);
			if (codeOnLine) { breakParagraph(); }
			for (const line of body.split('\n')) { addLine(line); }
			i = end < 0 ? source.length : end + block[1].length;
			lastLineWasComment = true;
			continue;
		}
		const line = syntax.line.find((marker) => source.startsWith(marker, i));
		if (line) {
			const end = source.indexOf('\n', i);
			if (codeOnLine) { breakParagraph(); }
			addLine(source.slice(i + line.length, end < 0 ? source.length : end));
			// A trailing comment after code stands alone.
			if (codeOnLine) { breakParagraph(); }
			i = end < 0 ? source.length : end;
			lastLineWasComment = !codeOnLine;
			continue;
		}
		const quote = syntax.strings.find((q) => q === ch);
		if (quote) {
			i = skipString(source, i, quote);
			codeOnLine = true;
			continue;
		}
		if (!/\s/.test(ch)) { codeOnLine = true; }
		i++;
	}
	return paragraphs.filter((p) => p.length > 0).map((p) => p.join(' '));
}

/** Index just past the string literal that starts at `start` (escapes honoured; ends at the line's end for non-template quotes). */
function skipString(source: string, start: number, quote: string): number {
	let i = start + 1;
	while (i < source.length) {
		const ch = source[i];
		if (ch === '\\') {
			i += 2;
			continue;
		}
		if (ch === quote) { return i + 1; }
		if (ch === '\n' && quote !== '`') { return i; }
		i++;
	}
	return i;
}

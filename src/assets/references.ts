/**
 * "Insert the reference the code needs": the text that points the edited file at a saved
 * asset, in the form its language and engine expect (`preload("res://…")`,
 * `Resources.Load<AudioClip>(…)`, `asset_server.load(…)`, a relative import path, an
 * `<audio>` tag, a Markdown link…). Each form is one entry in REFERENCE_RULES. Paths always
 * use '/'; Windows paths (drive letter or backslashes) are computed with `path.win32`.
 * Pure: no `vscode` import and no file-system access (callers pass what they found on disk).
 */
import * as path from 'node:path';

/** Engine project roots around the edited file, as found on disk (see detectFacts). */
export interface ProjectFacts {
	/** The workspace folder that holds the edited file. */
	workspaceRoot: string;
	/** The folder holding project.godot, if any, containing the target file. */
	godotRoot?: string;
	/** The folder holding an Assets/ folder (Unity project root). */
	unityRoot?: string;
	/** The folder holding main.lua or conf.lua (LÖVE). */
	loveRoot?: string;
	/** The Rust crate root whose Cargo.toml depends on bevy; assets are under <bevyRoot>/assets. */
	bevyRoot?: string;
}

/** What a reference is made from. */
export interface ReferenceInput {
	/** Absolute path of the saved media file. */
	asset: string;
	/** Absolute path of the file being edited. */
	target: string;
	/** VS Code language id; may be 'plaintext' or unknown. */
	languageId: string;
	/** The asset's media kind. */
	kind: 'audio' | 'video';
	/** The project roots around the target. */
	facts: ProjectFacts;
}

/** One form of reference: where it applies and the text it inserts. */
export interface ReferenceRule {
	/** A stable name for the form. */
	id: string;
	/** Language ids it applies to. */
	languages: string[];
	/** File extensions (lower-case, with dot) it applies to when no extension registers the language id (e.g. '.gd' arrives as 'plaintext'). */
	extensions: string[];
	/** Whether the form fits this input (the language already matched). */
	applies(input: ReferenceInput): boolean;
	/** The text to insert. */
	render(input: ReferenceInput): string;
}

type PathApi = typeof path.posix;

const looksWindows = (p: string): boolean => /^[a-zA-Z]:/.test(p) || p.includes('\\');

/** `path.win32` when any path of the input looks like a Windows path, else `path.posix`. */
function apiFor(...paths: (string | undefined)[]): PathApi {
	return paths.some((p) => p !== undefined && looksWindows(p)) ? path.win32 : path.posix;
}

const slashes = (p: string): string => p.replace(/\\/g, '/');

/** `file` relative to `root` with '/', or undefined when `file` is not inside `root`. */
function inside(root: string | undefined, file: string): string | undefined {
	if (root === undefined) { return undefined; }
	const p = apiFor(root, file);
	const rel = p.relative(root, file);
	if (!rel || rel === '..' || rel.startsWith('..' + p.sep) || p.isAbsolute(rel)) { return undefined; }
	return slashes(rel);
}

/** `file` relative to the `sub` folder of `root` with '/', or undefined when not inside it. */
function under(root: string | undefined, sub: string, file: string): string | undefined {
	return root === undefined ? undefined : inside(apiFor(root, file).join(root, sub), file);
}

/** The asset relative to the target's folder with '/' (absolute when on another drive). */
function relativePath(input: ReferenceInput): string {
	const p = apiFor(input.asset, input.target);
	return slashes(p.relative(p.dirname(input.target), input.asset));
}

/** The relative path as a module-style specifier: './x' unless it starts with '../' (or is absolute). */
function dotted(input: ReferenceInput): string {
	const rel = relativePath(input);
	return rel.startsWith('../') || rel.startsWith('/') || /^[a-zA-Z]:/.test(rel) ? rel : './' + rel;
}

/** A double-quoted string literal (C-family escaping of '\' and '"'). */
const dq = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** A single-quoted JavaScript string literal. */
const sq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The path inside the innermost Resources folder under `<unityRoot>/Assets`, without its extension, if any. */
function unityResourcePath(input: ReferenceInput): string | undefined {
	const segments = inside(input.facts.unityRoot, input.asset)?.split('/');
	if (!segments || segments[0] !== 'Assets') { return undefined; }
	const at = segments.lastIndexOf('Resources');
	if (at < 1 || at >= segments.length - 1) { return undefined; }
	const parsed = path.posix.parse(segments.slice(at + 1).join('/'));
	return parsed.dir ? `${parsed.dir}/${parsed.name}` : parsed.name;
}

/** The forms, most specific first; the first whose language matches and that applies wins. */
export const REFERENCE_RULES: readonly ReferenceRule[] = [
	{
		id: 'godot-gdscript',
		languages: ['gdscript'],
		extensions: ['.gd'],
		applies: (i) => inside(i.facts.godotRoot, i.asset) !== undefined,
		render: (i) => `preload(${dq('res://' + inside(i.facts.godotRoot, i.asset))})`,
	},
	{
		id: 'godot-csharp',
		languages: ['csharp'],
		extensions: ['.cs'],
		applies: (i) => inside(i.facts.godotRoot, i.asset) !== undefined,
		render: (i) => `GD.Load<${i.kind === 'video' ? 'VideoStream' : 'AudioStream'}>(${dq('res://' + inside(i.facts.godotRoot, i.asset))})`,
	},
	{
		id: 'unity-resources',
		languages: ['csharp'],
		extensions: ['.cs'],
		applies: (i) => unityResourcePath(i) !== undefined,
		render: (i) => `Resources.Load<${i.kind === 'video' ? 'VideoClip' : 'AudioClip'}>(${dq(unityResourcePath(i) ?? '')})`,
	},
	{
		id: 'unity-asset-path',
		languages: ['csharp'],
		extensions: ['.cs'],
		applies: (i) => inside(i.facts.unityRoot, i.asset)?.startsWith('Assets/') === true,
		render: (i) => dq(inside(i.facts.unityRoot, i.asset) ?? ''),
	},
	{
		id: 'love-lua',
		languages: ['lua'],
		extensions: ['.lua'],
		applies: (i) => inside(i.facts.loveRoot, i.asset) !== undefined,
		render: (i) => {
			const file = dq(inside(i.facts.loveRoot, i.asset) ?? '');
			return i.kind === 'video' ? `love.graphics.newVideo(${file})` : `love.audio.newSource(${file}, "static")`;
		},
	},
	{
		id: 'bevy-rust',
		languages: ['rust'],
		extensions: ['.rs'],
		applies: (i) => under(i.facts.bevyRoot, 'assets', i.asset) !== undefined,
		render: (i) => `asset_server.load(${dq(under(i.facts.bevyRoot, 'assets', i.asset) ?? '')})`,
	},
	{
		id: 'js-path',
		languages: ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'],
		extensions: ['.ts', '.js', '.tsx', '.jsx', '.mjs', '.cjs'],
		applies: () => true,
		render: (i) => sq(dotted(i)),
	},
	{
		id: 'html-media',
		languages: ['html'],
		extensions: ['.html', '.htm'],
		applies: () => true,
		render: (i) => `<${i.kind} src="${html(relativePath(i))}" controls></${i.kind}>`,
	},
	{
		id: 'markdown-link',
		languages: ['markdown'],
		extensions: ['.md'],
		applies: () => true,
		render: (i) => {
			const name = apiFor(i.asset).basename(i.asset).replace(/[\\[\]]/g, (c) => '\\' + c);
			const target = relativePath(i).replace(/ /g, '%20').replace(/[()]/g, (c) => '\\' + c);
			return `[${name}](${target})`;
		},
	},
];

/** Whether `rule` is for the input's language, or, for an id no rule knows, its file extension. */
function matches(rule: ReferenceRule, input: ReferenceInput, rules: readonly ReferenceRule[]): boolean {
	const id = input.languageId.toLowerCase();
	if (rule.languages.includes(id)) { return true; }
	if (rules.some((r) => r.languages.includes(id))) { return false; }
	const ext = apiFor(input.target).extname(input.target).toLowerCase();
	return ext !== '' && rule.extensions.includes(ext);
}

/**
 * The text to insert into `input.target` to refer to `input.asset`: the first rule of `rules`
 * that matches the language (or extension) and applies, else the relative path from the
 * target's folder ('./x' or '../x', with '/').
 */
export function referenceFor(input: ReferenceInput, rules: readonly ReferenceRule[] = REFERENCE_RULES): string {
	const rule = rules.find((r) => matches(r, input, rules) && r.applies(input));
	return rule ? rule.render(input) : dotted(input);
}

/**
 * The engine roots around `target`: walks up from its folder to (and including)
 * `workspaceRoot` and keeps the nearest of each: project.godot (Godot), Assets beside
 * ProjectSettings (Unity), main.lua or conf.lua (LÖVE), a Cargo.toml that mentions bevy (read
 * with `readText`; without it no Bevy root is found). A target outside `workspaceRoot` gets no roots.
 */
export function detectFacts(workspaceRoot: string, target: string, exists: (absPath: string) => boolean, readText?: (absPath: string) => string | undefined): ProjectFacts {
	const facts: ProjectFacts = { workspaceRoot };
	const p = apiFor(workspaceRoot, target);
	if (inside(workspaceRoot, target) === undefined) { return facts; }
	const has = (dir: string, name: string): boolean => exists(p.join(dir, name));
	const mentionsBevy = (dir: string): boolean => {
		const text = has(dir, 'Cargo.toml') ? readText?.(p.join(dir, 'Cargo.toml')) : undefined;
		return text !== undefined && /\bbevy(?:\b|_)/.test(text);
	};
	for (let dir = p.dirname(target);; dir = p.dirname(dir)) {
		if (!facts.godotRoot && has(dir, 'project.godot')) { facts.godotRoot = dir; }
		if (!facts.unityRoot && has(dir, 'Assets') && has(dir, 'ProjectSettings')) { facts.unityRoot = dir; }
		if (!facts.loveRoot && (has(dir, 'main.lua') || has(dir, 'conf.lua'))) { facts.loveRoot = dir; }
		if (!facts.bevyRoot && mentionsBevy(dir)) { facts.bevyRoot = dir; }
		if (p.relative(workspaceRoot, dir) === '' || p.dirname(dir) === dir) { break; }
	}
	return facts;
}

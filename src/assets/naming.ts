/**
 * Names a game developer would choose for a generated asset, from the prompt and the
 * parameters: `rain-tin-roof-loop-120bpm-Am.wav`, `footstep-gravel-03.wav`. Safe on Windows,
 * macOS and Linux (ASCII, no reserved device names, no trailing dots, bounded length) and never
 * overwriting: a case-insensitive collision gets `-2`, `-3`…. Pure: no `vscode` import.
 */

export interface AssetNameInput {
	prompt: string;
	/** File extension without the dot (`wav`, `ogg`, `mp3`, `mp4`). */
	ext: string;
	/** Loop parameters, when the asset is a loop. */
	loop?: boolean;
	bpm?: number;
	key?: string;
	/** For a batch of N variations: this one's 0-based position and N (names get `-01`…). */
	batch?: { index: number; count: number };
	/** For a task with several results (Suno's two variants): this result's 0-based index. */
	variant?: { index: number; count: number };
	/** Whether a name (compared in lower case) is taken in the target folder. */
	taken(lowerCaseName: string): boolean;
}

const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'into', 'with', 'and', 'or', 'for', 'to', 'at', 'by', 'from', 'some', 'that', 'this', 'is', 'are']);
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Longest stem, leaving room for suffixes and the extension within ~80 characters. */
const MAX_STEM = 48;

/** The file name for one asset (see the module comment). */
export function assetFileName(input: AssetNameInput): string {
	const ext = /^[a-z0-9]{1,5}$/.test(input.ext) ? input.ext : 'bin';
	const parts = [slug(input.prompt)];
	if (input.loop) { parts.push('loop'); }
	if (input.bpm !== undefined && Number.isFinite(input.bpm) && input.bpm > 0) { parts.push(`${Math.round(input.bpm)}bpm`); }
	const key = input.key?.trim().replace(/#/g, 's').replace(/♭/g, 'b').replace(/[^A-Za-z0-9]/g, '');
	if (key) { parts.push(key); }
	let stem = parts.join('-');
	if (input.batch && input.batch.count > 1) { stem += `-${String(input.batch.index + 1).padStart(2, '0')}`; }
	if (input.variant && input.variant.count > 1) { stem += `-v${input.variant.index + 1}`; }
	if (RESERVED.test(stem)) { stem = `${stem}_`; }
	let name = `${stem}.${ext}`;
	for (let n = 2; input.taken(name.toLowerCase()); n++) { name = `${stem}-${n}.${ext}`; }
	return name;
}

/** The prompt's meaningful words, ASCII, hyphenated, at most `MAX_STEM` characters (whole words). */
export function slug(prompt: string): string {
	const words = prompt.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
		.split(/[^a-z0-9]+/).filter((w) => w && !STOPWORDS.has(w));
	let out = '';
	for (const w of words) {
		const next = out ? `${out}-${w}` : w;
		if (next.length > MAX_STEM) { break; }
		out = next;
	}
	return out || (words[0]?.slice(0, MAX_STEM) ?? '') || 'untitled';
}

/**
 * Scripts and casts: a dialogue written as `NAME: line` lines, `**Name:** line`, or a Markdown
 * heading per speaker, and `.evolink/cast.json`, which gives each speaker a voice. Pure: no
 * `vscode` import.
 */

/** One spoken line of a script. */
export interface ScriptLine {
	speaker: string;
	/** The line as written (still Markdown; the caller makes it speakable). */
	text: string;
}

/** A speaker's voice: a Seed-Audio preset id, a designed Qwen voice, or a reference clip to clone. */
export type CastVoice =
	| { model: 'doubao-seed-audio-1-0'; voice: string }
	| { model: 'qwen3-tts-vd'; voice: string }
	| { model: 'doubao-seed-audio-1-0'; referenceAudio: string };

export type Cast = Record<string, CastVoice>;

/** Where the cast lives, relative to the workspace folder. */
export const CAST_PATH = '.evolink/cast.json';

// NAME: line — a name of up to four words, starting with a capital, optionally bold.
const NAMED_LINE = /^\s*(?:\*\*|__)?([\p{Lu}][\p{L}\p{N}.'’ -]{0,30}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(\S.*)$/u;
const HEADING = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;

/**
 * The lines of `text` if it reads as a script (at least two lines by two or more speakers, and
 * most non-empty lines spoken), in script order; undefined when it is prose.
 */
export function parseScript(text: string): ScriptLine[] | undefined {
	const lines: ScriptLine[] = [];
	let current: string | undefined;
	let spoken = 0;
	let other = 0;
	for (const raw of text.split(/\r?\n/)) {
		if (!raw.trim()) { continue; }
		const heading = HEADING.exec(raw);
		if (heading && heading[1].split(/\s+/).length <= 4) {
			current = heading[1].replace(/[*_]/g, '').trim();
			continue;
		}
		const named = NAMED_LINE.exec(raw);
		if (named && named[1].trim().split(/\s+/).length <= 4 && !/^https?$/i.test(named[1].trim())) {
			lines.push({ speaker: named[1].trim(), text: named[2].replace(/^(?:\*\*|__)\s*/, '').trim() });
			spoken++;
		} else if (current) {
			lines.push({ speaker: current, text: raw.trim() });
			spoken++;
		} else {
			other++;
		}
	}
	const speakers = new Set(lines.map((l) => l.speaker));
	return lines.length >= 2 && speakers.size >= 2 && spoken >= 2 * other ? lines : undefined;
}

/** The speakers of `lines`, in order of first appearance. */
export function speakersOf(lines: readonly ScriptLine[]): string[] {
	return [...new Set(lines.map((l) => l.speaker))];
}

/** Speakers that the cast gives no voice (matched case-insensitively). */
export function missingFromCast(lines: readonly ScriptLine[], cast: Cast): string[] {
	return speakersOf(lines).filter((s) => voiceOf(cast, s) === undefined);
}

/** The voice of `speaker` (exact name first, then case-insensitive). */
export function voiceOf(cast: Cast, speaker: string): CastVoice | undefined {
	if (cast[speaker]) { return cast[speaker]; }
	const key = Object.keys(cast).find((k) => k.toLowerCase() === speaker.toLowerCase());
	return key === undefined ? undefined : cast[key];
}

/**
 * Reads a cast (the file's JSON, or the options argument's `cast`). A value may be a preset
 * voice id (`"ICL_…"`), a designed voice (`"qwen-tts-vd-…"`), a path or URL of a reference
 * clip (ends in .wav/.mp3/.ogg/.m4a), or an object `{ model?, voice? , referenceAudio? }`.
 */
export function parseCast(value: unknown): Cast {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error(`${CAST_PATH} must be an object of "SPEAKER": "voice" pairs.`);
	}
	const cast: Cast = {};
	for (const [speaker, v] of Object.entries(value)) {
		const entry = typeof v === 'string' ? { voice: v } : v as { model?: unknown; voice?: unknown; referenceAudio?: unknown };
		if (typeof entry !== 'object' || entry === null) { throw new Error(`${CAST_PATH}: the voice of "${speaker}" must be a voice id or an object.`); }
		if (typeof entry.referenceAudio === 'string') {
			cast[speaker] = { model: 'doubao-seed-audio-1-0', referenceAudio: entry.referenceAudio };
		} else if (typeof entry.voice === 'string' && /\.(wav|mp3|ogg|m4a|flac)$/i.test(entry.voice)) {
			cast[speaker] = { model: 'doubao-seed-audio-1-0', referenceAudio: entry.voice };
		} else if (typeof entry.voice === 'string' && (entry.model === 'qwen3-tts-vd' || entry.voice.startsWith('qwen-tts-vd'))) {
			cast[speaker] = { model: 'qwen3-tts-vd', voice: entry.voice };
		} else if (typeof entry.voice === 'string' && entry.voice.trim()) {
			cast[speaker] = { model: 'doubao-seed-audio-1-0', voice: entry.voice };
		} else {
			throw new Error(`${CAST_PATH}: "${speaker}" has no voice.`);
		}
	}
	return cast;
}

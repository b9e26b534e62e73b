/**
 * Formatting of media facts and task parameters for the preview's details. Pure: no `vscode`.
 */
import { mimeTypeOf } from '../shared/mime';
import type { Container, TrackInfo } from './codecs';
import { CONTAINER_NAMES } from './codecs/playability';

/** `0:04.2` under ten seconds (short sounds need the tenth), `1:05`, `1:02:03`. */
export function formatDuration(sec: number): string {
	if (!Number.isFinite(sec) || sec < 0) {
		return '';
	}
	if (sec < 10) {
		// Round once to tenths so 9.96 s becomes "0:10.0", not "0:09.10".
		const tenths = Math.round(sec * 10);
		return `0:${String(Math.floor(tenths / 10)).padStart(2, '0')}.${tenths % 10}`;
	}
	const total = Math.round(sec);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `44.1 kHz`, `48 kHz`, `22.05 kHz`. */
export function formatSampleRate(hz: number): string {
	return `${Number((hz / 1000).toFixed(2))} kHz`;
}

/** `mono`, `stereo`, `6 channels`. */
export function formatChannels(n: number): string {
	return n === 1 ? 'mono' : n === 2 ? 'stereo' : `${n} channels`;
}

/** `512 B`, `12.3 KB`, `4.5 MB` (decimal units, as file managers on most systems show). */
export function formatBytes(n: number): string {
	if (n < 1000) {
		return `${n} B`;
	}
	const units = ['KB', 'MB', 'GB'];
	let v = n / 1000;
	let i = 0;
	while (v >= 1000 && i < units.length - 1) {
		v /= 1000;
		i++;
	}
	return `${Number(v.toFixed(1))} ${units[i]}`;
}

const CODECS: Record<string, string> = {
	pcm: 'PCM',
	mp3: 'MP3',
	vorbis: 'Vorbis',
	opus: 'Opus',
	flac: 'FLAC',
	aac: 'AAC',
	h264: 'H.264',
	hevc: 'HEVC (H.265)',
	vp8: 'VP8',
	vp9: 'VP9',
	av1: 'AV1',
	theora: 'Theora',
};

const CONTAINERS: Record<Container, string> = { ...CONTAINER_NAMES, unknown: 'Unknown' };

/** A codec's display name, or its raw id when we have no name for it. */
export function formatCodec(codec: string): string {
	return CODECS[codec] ?? codec;
}

/** A container's display name. */
export function formatContainer(container: Container): string {
	return CONTAINERS[container] ?? container;
}

/** `H.264 + AAC`: the codecs of all tracks, video first, as players list them. */
export function formatCodecs(tracks: TrackInfo[]): string {
	const ordered = [...tracks.filter((t) => t.kind === 'video'), ...tracks.filter((t) => t.kind === 'audio')];
	return ordered.map((t) => formatCodec(t.codec)).join(' + ');
}

/** The MIME type a container holds, for the page's media element (the one table in `shared/mime`). */
export function mimeFor(container: Container, kind: 'audio' | 'video'): string | undefined {
	return container === 'unknown' ? undefined : mimeTypeOf(container, kind);
}

/** Longest parameter value shown; a pasted lyric sheet would drown the details otherwise. */
const MAX_PARAM_CHARS = 300;

/** Parameters that are shown elsewhere (prompt, model) or are plumbing, not creative choices. */
const HIDDEN_PARAMS = new Set(['prompt', 'model', 'callBackUrl', 'callback_url']);

/** One parameter value as a single line of text; `undefined` for values not worth showing. */
export function formatParamValue(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') {
		return undefined;
	}
	let s: string;
	if (typeof value === 'string') {
		s = value;
	} else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		s = String(value);
	} else if (Array.isArray(value)) {
		s = value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ');
	} else {
		try {
			s = JSON.stringify(value) ?? String(value);
		} catch {
			s = String(value);
		}
	}
	s = s.replace(/\s+/g, ' ').trim();
	return s.length > MAX_PARAM_CHARS ? `${s.slice(0, MAX_PARAM_CHARS - 1)}…` : s;
}

/** The request parameters as key/value strings, in the order they were sent. */
export function formatParams(params: Record<string, unknown>): { key: string; label: string; value: string }[] {
	const out: { key: string; label: string; value: string }[] = [];
	for (const [key, raw] of Object.entries(params)) {
		if (HIDDEN_PARAMS.has(key)) {
			continue;
		}
		const value = formatParamValue(raw);
		if (value !== undefined) {
			out.push({ key, label: key, value });
		}
	}
	return out;
}

/** Credits without float noise: `12.5`, `0.0125`, `3`. */
export function formatCredits(n: number): string {
	return String(Number(n.toFixed(4)));
}

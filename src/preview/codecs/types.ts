/**
 * The shapes the codec reader returns. Pure: no `vscode` import.
 */

/** The container formats the reader recognises; `unknown` for anything else. */
export type Container = 'wav' | 'mp3' | 'ogg' | 'mp4' | 'webm' | 'flac' | 'unknown';

/** One audio or video stream inside a file. */
export interface TrackInfo {
	kind: 'audio' | 'video';
	/** 'pcm','mp3','vorbis','opus','flac','aac','h264','hevc','vp8','vp9','av1', or the raw fourcc/codec id if unknown. */
	codec: string;
	/** Hz. For Ogg Opus this is the rate the encoder was fed (OpusHead); Opus itself always decodes at 48000. */
	sampleRate?: number;
	channels?: number;
	width?: number;
	height?: number;
}

/** What the reader learned about a file. `tracks` is empty when the container was recognised but nothing in it could be read. */
export interface MediaInfo {
	container: Container;
	tracks: TrackInfo[];
	durationSec?: number;
	sizeBytes: number;
}

/**
 * What a container parser fills in. Parsers push a track only once it is complete, so a parser
 * that stops half-way through a damaged file still leaves everything it did read.
 */
export interface ParseResult {
	tracks: TrackInfo[];
	durationSec?: number;
}

/** Turns a duration into `durationSec` only when it is a finite, positive number. */
export function validDuration(sec: number): number | undefined {
	return Number.isFinite(sec) && sec > 0 ? sec : undefined;
}

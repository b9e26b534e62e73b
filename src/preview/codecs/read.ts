/**
 * Recognises a file's container from its first bytes and hands it to that container's parser.
 * Damaged files never throw from here: the result keeps whatever tracks were read before the
 * damage, and an unrecognised file is `container: 'unknown'`.
 */
import { adtsTrack } from './adts';
import { parseFlac } from './flac';
import { skipId3v2 } from './id3';
import { findFirstFrame, parseMp3 } from './mp3';
import { isMp4, parseMp4 } from './mp4';
import { parseOgg } from './ogg';
import { isWav, parseWav } from './riff';
import type { ByteSource } from './source';
import { FileReadError, withFileSource } from './source';
import type { Container, MediaInfo, ParseResult } from './types';
import { isEbml, parseWebm } from './webm';

/** Enough to tell every supported container apart, and to see two MP3 frames. */
const SNIFF_BYTES = 16 * 1024;

/** Picks the container and returns a function that parses it. */
async function sniff(src: ByteSource): Promise<{ container: Container; parse?: (out: ParseResult) => Promise<void> }> {
	const head = await src.read(0, SNIFF_BYTES);
	const magic = head.toString('latin1', 0, 4);
	if (isWav(head)) {
		return { container: 'wav', parse: (out) => parseWav(src, out) };
	}
	if (magic === 'OggS') {
		return { container: 'ogg', parse: (out) => parseOgg(src, out) };
	}
	if (isEbml(head)) {
		return { container: 'webm', parse: (out) => parseWebm(src, out) };
	}
	if (isMp4(head)) {
		return { container: 'mp4', parse: (out) => parseMp4(src, out) };
	}
	const audioStart = await skipId3v2(src);
	const afterTag = audioStart > 0 ? await src.read(audioStart, SNIFF_BYTES) : head;
	if (afterTag.toString('latin1', 0, 4) === 'fLaC') {
		return { container: 'flac', parse: (out) => parseFlac(src, audioStart, out) };
	}
	// Raw AAC has no container to report, but naming the AAC inside lets the preview say why it
	// will not play. Taggers put ID3 in front of these too.
	const aac = adtsTrack(afterTag);
	if (aac) {
		return { container: 'unknown', parse: async (out) => void out.tracks.push(aac) };
	}
	// An ID3 tag says "MP3" even if the frames after it are damaged; without one, insist on
	// two valid frames at the very start, since a lone sync word turns up in random bytes.
	if (audioStart > 0 || findFirstFrame(head, 0, 0)) {
		return { container: 'mp3', parse: (out) => parseMp3(src, audioStart, out) };
	}
	return { container: 'unknown' };
}

/** Reads the container, tracks and duration of the media behind `src`. Never throws for damaged data. */
export async function parseMedia(src: ByteSource): Promise<MediaInfo> {
	const out: ParseResult = { tracks: [] };
	let container: Container = 'unknown';
	try {
		const found = await sniff(src);
		container = found.container;
		await found.parse?.(out);
	} catch (err) {
		// The disk failing is the caller's problem; a damaged or hostile file (bounds errors,
		// read budget exceeded) just ends the parse with what we had.
		if (err instanceof FileReadError) {
			throw err;
		}
	}
	const info: MediaInfo = { container, tracks: out.tracks, sizeBytes: src.size };
	if (out.durationSec !== undefined) {
		info.durationSec = out.durationSec;
	}
	return info;
}

/**
 * Reads only the bytes it needs from the file at `path` (headers, an MP4's `moov` wherever it
 * is, an Ogg file's last page) and describes its media. Throws a clear Error only when the
 * file cannot be opened or is not a regular file.
 */
export function readMediaInfo(path: string): Promise<MediaInfo> {
	return withFileSource(path, parseMedia);
}

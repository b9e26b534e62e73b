/**
 * Will this file play in desktop VS Code's webviews? Electron there ships an FFmpeg limited to
 * MP3, WAV (PCM), FLAC, Ogg Vorbis, H.264 and VP8: no AAC (MP4 video with AAC plays silently),
 * no Opus, VP9, AV1 or HEVC. See anchors/reliability.md §1.2 and microsoft/vscode#156558,
 * #158972, #180780. VS Code for the Web uses the browser's codecs and differs.
 */
import type { Container, MediaInfo, TrackInfo } from './types';

/** The verdict, with user-facing sentences explaining anything short of "plays normally". */
export interface Playability {
	playable: boolean;
	/** The video plays but its audio track will not (e.g. H.264 with AAC). */
	silent?: boolean;
	reasons: string[];
}

const PLAYABLE_AUDIO = new Set(['pcm', 'mp3', 'vorbis', 'flac']);
const PLAYABLE_VIDEO = new Set(['h264', 'vp8']);

const CODEC_NAMES: Record<string, string> = {
	aac: 'AAC',
	opus: 'Opus',
	hevc: 'HEVC (H.265)',
	vp9: 'VP9',
	av1: 'AV1',
	theora: 'Theora',
	ac3: 'AC-3',
	eac3: 'E-AC-3',
	speex: 'Speex',
	mp2: 'MPEG Layer II',
	mp1: 'MPEG Layer I',
};

/** Each container's name as people know it (also the preview's format line, src/preview/format.ts). */
export const CONTAINER_NAMES: Record<Exclude<Container, 'unknown'>, string> = {
	wav: 'WAV',
	mp3: 'MP3',
	ogg: 'Ogg',
	mp4: 'MP4',
	webm: 'WebM',
	flac: 'FLAC',
};

const OPEN_ELSEWHERE = 'open it in the system player.';

/** "Opus", "AAC", or the quoted codec id for codecs we have no name for. */
function shortName(codec: string): string {
	return CODEC_NAMES[codec] ?? `"${codec}"`;
}

/** The subject of a "does not play" sentence: "Opus", "VP9 video", `Video in the "xyz" format`. */
function subject(track: TrackInfo): string {
	const name = CODEC_NAMES[track.codec];
	if (!name) {
		return `${track.kind === 'audio' ? 'Audio' : 'Video'} in the "${track.codec}" format`;
	}
	// "Opus does not play" reads fine; "VP9 does not play" leaves out what VP9 is.
	return track.kind === 'video' ? `${name} video` : name;
}

/** Judges `info` against the codecs desktop VS Code's webviews can decode. */
export function desktopPlayability(info: MediaInfo): Playability {
	const video = info.tracks.find((t) => t.kind === 'video');
	// The player uses the first audio track, as browsers do.
	const audio = info.tracks.find((t) => t.kind === 'audio');
	const audioOk = audio !== undefined && PLAYABLE_AUDIO.has(audio.codec);

	if (!video && !audio) {
		const reason = info.container === 'unknown'
			? `This file's format was not recognised, so it may not play in VS Code; ${OPEN_ELSEWHERE}`
			: `No audio or video track could be read from this ${CONTAINER_NAMES[info.container]} file; it may be incomplete or damaged.`;
		return { playable: false, reasons: [reason] };
	}

	if (video) {
		if (!PLAYABLE_VIDEO.has(video.codec)) {
			const reasons = [`${subject(video)} does not play in desktop VS Code webviews; ${OPEN_ELSEWHERE}`];
			if (audio && !audioOk) {
				reasons.push(`Its ${shortName(audio.codec)} audio would not play there either.`);
			}
			return { playable: false, reasons };
		}
		if (audio && !audioOk) {
			return {
				playable: true,
				silent: true,
				reasons: [`The video will play without sound: its ${shortName(audio.codec)} audio will not play in VS Code's desktop webviews.`],
			};
		}
		return { playable: true, reasons: [] };
	}

	if (audio && !audioOk) {
		return { playable: false, reasons: [`${subject(audio)} does not play in desktop VS Code webviews; ${OPEN_ELSEWHERE}`] };
	}
	return { playable: true, reasons: [] };
}

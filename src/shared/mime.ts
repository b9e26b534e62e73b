/**
 * The one table of media types, by file extension: uploads (the files API's `Content-Type`),
 * the preview's media elements and anything else that names a file's type use it, so they
 * cannot disagree. Pure: no `vscode`, no dependencies.
 */

/** Extension (lower case, no dot) → MIME type. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	opus: 'audio/ogg; codecs=opus',
	flac: 'audio/flac',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	pcm: 'audio/L16',
	mp4: 'video/mp4',
	webm: 'video/webm',
	mov: 'video/quicktime',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
};

/** Containers that hold either; the type differs when a file has only audio (or has video). */
const AUDIO_ONLY: Readonly<Record<string, string>> = { mp4: 'audio/mp4', webm: 'audio/webm' };
const WITH_VIDEO: Readonly<Record<string, string>> = { ogg: 'video/ogg' };

/** The MIME type sent when nothing better is known. */
export const OCTET_STREAM = 'application/octet-stream';

/** The extension of a file name or path (lower case, no dot), or the argument itself when it is a bare extension. */
function extensionOf(name: string): string {
	const m = /\.([A-Za-z0-9]+)$/.exec(name);
	return (m ? m[1] : name).toLowerCase();
}

/**
 * The MIME type of a file name, a path or a bare extension (`'.wav'`, `'wav'`); undefined when the
 * table does not know it. `kind` says what the file holds, when known: an `.mp4` or `.webm` with
 * audio only is `audio/…`, an Ogg with video is `video/ogg`.
 */
export function mimeTypeOf(name: string, kind?: 'audio' | 'video'): string | undefined {
	const ext = extensionOf(name);
	if (!Object.hasOwn(MIME_TYPES, ext)) {
		return undefined;
	}
	if (kind === 'audio' && Object.hasOwn(AUDIO_ONLY, ext)) {
		return AUDIO_ONLY[ext];
	}
	if (kind === 'video' && Object.hasOwn(WITH_VIDEO, ext)) {
		return WITH_VIDEO[ext];
	}
	return MIME_TYPES[ext];
}

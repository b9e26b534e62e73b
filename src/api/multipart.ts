/**
 * A streamed `multipart/form-data` body for one file plus text fields, with an exact
 * Content-Length, so large reference clips are never read into memory.
 * Pure: no `vscode` import.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { BodySource } from './http';

const MIME_BY_EXT: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	aac: 'audio/aac',
	ogg: 'audio/ogg',
	opus: 'audio/ogg',
	m4a: 'audio/mp4',
};

/** A MIME type from a file name's extension; `application/octet-stream` when unknown. */
export function guessMimeType(fileName: string): string {
	const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
	return MIME_BY_EXT[ext] ?? 'application/octet-stream';
}

/** Keeps a file name safe inside a quoted header parameter (no quotes, CR/LF or non-ASCII). */
export function safeFieldValue(value: string): string {
	return value.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'file';
}

export interface MultipartFile {
	path: string;
	size: number;
	fileName: string;
	mimeType: string;
}

/** Returns a factory (a fresh stream per attempt) for a multipart body with `file` and text fields. */
export function multipartBody(file: MultipartFile, fields: Record<string, string>): () => BodySource {
	const boundary = `----evolink-studio-${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safeFieldValue(name)}"\r\n\r\n${value.replace(/[\r\n]/g, ' ')}\r\n`));
	}
	const head = Buffer.concat([
		...parts,
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeFieldValue(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`),
	]);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	return () => ({
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength: head.length + file.size + tail.length,
		body: Readable.from((async function* () {
			yield head;
			for await (const chunk of createReadStream(file.path)) {
				yield chunk as Buffer;
			}
			yield tail;
		})()),
	});
}

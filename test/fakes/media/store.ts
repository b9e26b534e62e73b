/**
 * Result links: a registry of media files behind signed, expiring URLs (like a CDN's signed links),
 * served without auth and with HTTP Range support because webviews seek with Range.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Reply, RequestCtx } from '../server';
import { extensionOf, type MediaSpec, renderMedia } from './render';

/** A file behind a link: rendered from a spec on first download, or stored bytes (uploads). */
export interface MediaEntry {
	spec?: MediaSpec;
	bytes?: Buffer;
	contentType?: string;
	/** Extension for the URL; defaults to the spec's. */
	ext?: string;
	/** When the link stops working (ms since epoch); undefined while the file is not ready yet. */
	expiresAt(): number | undefined;
}

const EXPIRED_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';

/** Parses a single `bytes=` range; multi-range requests are answered with their first range only. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
	const m = /^bytes=(\d*)-(\d*)/.exec(header?.trim() ?? '');
	if (!m || (m[1] === '' && m[2] === '')) {
		return undefined;
	}
	if (m[1] === '') {
		const n = Number(m[2]);
		return n === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
	}
	const start = Number(m[1]);
	const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	if (m[2] !== '' && Number(m[2]) < start) {
		// Syntactically invalid range: RFC 9110 says ignore the header.
		return undefined;
	}
	return start >= size ? 'unsatisfiable' : { start, end };
}

/** Registry of downloadable files for one fake server. */
export class MediaStore {
	private readonly entries = new Map<string, MediaEntry>();
	private readonly secret = randomBytes(16);

	constructor(private readonly baseUrl: string) {}

	register(key: string, entry: MediaEntry): void {
		this.entries.set(key, entry);
	}

	has(key: string): boolean {
		return this.entries.has(key);
	}

	private fileName(key: string, entry: MediaEntry): string {
		return `${key}.${entry.ext ?? (entry.spec ? extensionOf(entry.spec) : 'bin')}`;
	}

	private sign(fileName: string, expires: number): string {
		return createHmac('sha256', this.secret).update(`${fileName}:${expires}`).digest('hex').slice(0, 32);
	}

	/** The signed link for a registered file; the expiry is embedded like a CDN's signed URL. */
	url(key: string): string {
		const entry = this.entries.get(key);
		if (!entry) {
			throw new Error(`no media registered under ${key}`);
		}
		const name = this.fileName(key, entry);
		const expires = entry.expiresAt() ?? 0;
		return `${this.baseUrl}/media/${name}?expires=${expires}&sig=${this.sign(name, expires)}`;
	}

	/** Answers `/media/<key>.<ext>` requests; undefined when the path is not a media path. */
	async serve(ctx: RequestCtx): Promise<Reply | undefined> {
		const m = /^\/media\/([^/]+)$/.exec(ctx.path);
		if (!m) {
			return undefined;
		}
		const name = decodeURIComponent(m[1]);
		const key = name.replace(/\.[^.]+$/, '');
		const entry = this.entries.get(key);
		if (!entry || this.fileName(key, entry) !== name) {
			return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' };
		}
		const expires = Number(ctx.query.get('expires'));
		const sig = ctx.query.get('sig') ?? '';
		// Honour the embedded expiry and also the current TTL, so setLinkTtl() affects links already handed out.
		const live = entry.expiresAt();
		if (sig !== this.sign(name, expires) || live === undefined || Date.now() > Math.min(expires, live)) {
			return { status: 403, headers: { 'Content-Type': 'application/xml' }, body: EXPIRED_XML };
		}
		return this.reply(ctx, entry);
	}

	/** Serves a registered file by key without a signature (the files API download route). */
	async serveKey(ctx: RequestCtx, key: string): Promise<Reply> {
		const entry = this.entries.get(key);
		const live = entry?.expiresAt();
		if (!entry || live === undefined) {
			return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' };
		}
		if (Date.now() > live) {
			return { status: 403, headers: { 'Content-Type': 'application/xml' }, body: EXPIRED_XML };
		}
		return this.reply(ctx, entry);
	}

	private async reply(ctx: RequestCtx, entry: MediaEntry): Promise<Reply> {
		if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
			return { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, body: 'Method Not Allowed' };
		}
		let bytes = entry.bytes;
		let contentType = entry.contentType ?? 'application/octet-stream';
		if (!bytes && entry.spec) {
			const rendered = await renderMedia(entry.spec);
			bytes = rendered.bytes;
			contentType = entry.contentType ?? rendered.contentType;
		}
		bytes ??= Buffer.alloc(0);
		const base = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, max-age=3600' };
		const rangeHeader = ctx.headers.range;
		const range = parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, bytes.length);
		if (range === 'unsatisfiable') {
			return { status: 416, headers: { ...base, 'Content-Range': `bytes */${bytes.length}` }, body: Buffer.alloc(0) };
		}
		if (range) {
			return {
				status: 206,
				headers: { ...base, 'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}` },
				body: bytes.subarray(range.start, range.end + 1),
			};
		}
		return { status: 200, headers: base, body: bytes };
	}
}

/**
 * The EvoLink files API (§4.3) on the fake's own port: stream (multipart) and base64 uploads,
 * quota, and downloads. Uploaded files are served from the fake's /media with signed links.
 */
import type { MediaStore } from '../media/store';
import { boundaryOf, parseMultipart } from '../multipart';
import type { Reply, RequestCtx } from '../server';
import { alnum } from '../tasks';
import { filesErrorReply } from './envelopes';

/** Uploaded files expire after 72 h (documented). */
export const UPLOAD_TTL_MS = 72 * 3600 * 1000;
const MAX_FILES = 2000;

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
// What EvoLink's own MCP tools say the same endpoints take (MP3, WAV, FLAC, AAC, OGG, M4A).
const AUDIO_TYPES = [
	'audio/mpeg',
	'audio/mp3',
	'audio/wav',
	'audio/x-wav',
	'audio/wave',
	'audio/flac',
	'audio/x-flac',
	'audio/aac',
	'audio/ogg',
	'audio/mp4',
	'audio/x-m4a',
	'audio/m4a',
];
const EXT_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	aac: 'audio/aac',
	ogg: 'audio/ogg',
	m4a: 'audio/mp4',
};
const TYPE_EXT: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'audio/mpeg': 'mp3',
	'audio/wav': 'wav',
	'audio/flac': 'flac',
	'audio/ogg': 'ogg',
	'audio/mp4': 'm4a',
};

/** Guesses a MIME type from magic bytes, for uploads that do not declare one. */
export function sniff(b: Buffer): string | undefined {
	const ascii = (from: number, to: number): string => b.subarray(from, to).toString('latin1');
	if (b[0] === 0x89 && ascii(1, 4) === 'PNG') {
		return 'image/png';
	}
	if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
		return 'image/jpeg';
	}
	if (ascii(0, 4) === 'GIF8') {
		return 'image/gif';
	}
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') {
		return 'image/webp';
	}
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') {
		return 'audio/wav';
	}
	if (ascii(0, 4) === 'OggS') {
		return 'audio/ogg';
	}
	if (ascii(0, 4) === 'fLaC') {
		return 'audio/flac';
	}
	if (ascii(4, 8) === 'ftyp') {
		return 'audio/mp4';
	}
	if (ascii(0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0)) {
		return 'audio/mpeg';
	}
	return undefined;
}

interface Upload {
	bytes: Buffer;
	declaredType?: string;
	originalName?: string;
	fileName?: string;
	uploadPath?: string;
}

/** Upload state and routes of one EvoLink fake. */
export class FilesApi {
	private used = 0;

	constructor(
		private readonly media: MediaStore,
		private readonly baseUrl: string,
		private readonly acceptAudio: boolean,
	) {}

	/** Answers /api/v1/files/* (auth already checked, except downloads which need none). */
	handle(ctx: RequestCtx): Reply | Promise<Reply> | undefined {
		const route = `${ctx.method} ${ctx.path}`;
		if (route === 'POST /api/v1/files/upload/stream') {
			return this.stream(ctx);
		}
		if (route === 'POST /api/v1/files/upload/base64') {
			return this.base64(ctx);
		}
		if (route === 'GET /api/v1/files/quota') {
			return {
				status: 200,
				json: {
					success: true,
					code: 200,
					msg: 'success',
					data: { user_group: 'default', used_files: this.used, max_files: MAX_FILES, remain_files: MAX_FILES - this.used, is_custom: false, quota_reason: '' },
				},
			};
		}
		const dl = /^\/api\/v1\/files\/download\/([^/]+)$/.exec(ctx.path);
		if (dl && (ctx.method === 'GET' || ctx.method === 'HEAD') && this.media.has(dl[1])) {
			return this.media.serveKey(ctx, dl[1]);
		}
		return undefined;
	}

	private stream(ctx: RequestCtx): Reply {
		const boundary = boundaryOf(ctx.headers['content-type']);
		if (!boundary) {
			return filesErrorReply(400, 'Content-Type must be multipart/form-data');
		}
		let parts;
		try {
			parts = parseMultipart(ctx.raw, boundary);
		} catch (err) {
			return filesErrorReply(400, `Malformed multipart body: ${(err as Error).message}`);
		}
		const file = parts.find((p) => p.name === 'file' && p.filename !== undefined);
		if (!file) {
			return filesErrorReply(400, 'Missing required field: file');
		}
		const field = (...names: string[]): string | undefined => parts.find((p) => names.includes(p.name) && p.filename === undefined)?.data.toString('utf8') || undefined;
		return this.store({
			bytes: file.data,
			declaredType: file.contentType,
			originalName: file.filename,
			fileName: field('file_name', 'fileName'),
			uploadPath: field('upload_path', 'uploadPath'),
		});
	}

	private base64(ctx: RequestCtx): Reply {
		const body = (ctx.json ?? {}) as Record<string, unknown>;
		const raw = body.base64_data;
		if (typeof raw !== 'string' || raw.trim() === '') {
			return filesErrorReply(400, 'Missing required parameter: base64_data');
		}
		const m = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(raw.trim());
		const payload = (m ? m[3] : raw).replace(/\s+/g, '');
		if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length === 0) {
			return filesErrorReply(400, 'Invalid base64 data');
		}
		const str = (k: string): string | undefined => (typeof body[k] === 'string' && body[k] !== '' ? (body[k] as string) : undefined);
		return this.store({ bytes: Buffer.from(payload, 'base64'), declaredType: m?.[1] || undefined, fileName: str('file_name'), uploadPath: str('upload_path') });
	}

	private store(u: Upload): Reply {
		if (this.used >= MAX_FILES) {
			return filesErrorReply(403, 'File quota exceeded');
		}
		const ext = (u.fileName ?? u.originalName ?? '').split('.').pop()?.toLowerCase() ?? '';
		const declared = u.declaredType?.split(';')[0].trim().toLowerCase();
		const mime = declared && declared !== 'application/octet-stream' ? declared : (sniff(u.bytes) ?? EXT_TYPES[ext] ?? 'application/octet-stream');
		const allowed = this.acceptAudio ? [...IMAGE_TYPES, ...AUDIO_TYPES] : IMAGE_TYPES;
		if (!allowed.includes(mime)) {
			return filesErrorReply(400, `Unsupported file type: ${mime}. Supported types: ${allowed.join(', ')}`);
		}
		this.used += 1;
		const fileId = `file_${alnum(12)}`;
		const now = Date.now();
		const fileName = u.fileName ?? u.originalName ?? `${fileId}.${TYPE_EXT[mime] ?? 'bin'}`;
		this.media.register(fileId, { bytes: u.bytes, contentType: mime, ext: TYPE_EXT[mime] ?? (ext || 'bin'), expiresAt: () => now + UPLOAD_TTL_MS });
		const data = {
			file_id: fileId,
			file_name: fileName,
			original_name: u.originalName ?? fileName,
			file_size: u.bytes.length,
			mime_type: mime,
			upload_path: u.uploadPath ?? 'uploads',
			file_url: this.media.url(fileId),
			download_url: `${this.baseUrl}/api/v1/files/download/${fileId}`,
			upload_time: new Date(now).toISOString(),
			expires_at: new Date(now + UPLOAD_TTL_MS).toISOString(),
		};
		return { status: 200, json: { success: true, code: 200, msg: 'File uploaded successfully', data } };
	}
}

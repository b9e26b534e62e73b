/**
 * EvoLink's other answer shapes: the two error envelopes (string codes since 2026-03-06, legacy
 * integer codes with `param`/`fallback_suggestion`, api-reference §5.1–§5.2), the files API's
 * `{success, code, msg, data}` (§4.3) and the credits answer (§4.2).
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import type { Parsed } from '../validation';

/** What an error body said, whichever envelope it used. */
interface EvolinkErrorBody {
	/** String code, or a legacy integer turned into a string. */
	code?: string;
	message?: string;
	type?: string;
	param?: string;
	fallbackSuggestion?: string;
}

const codeField = z.union([z.string(), z.number()]).nullish().catch(undefined);
const textField = z.string().nullish().catch(undefined);

const gatewayError = z.object({
	error: z.object({
		code: codeField,
		message: textField,
		type: textField,
		param: textField,
		fallback_suggestion: textField,
	}),
});

const filesEnvelope = z.object({
	success: z.boolean().optional().catch(undefined),
	code: codeField,
	msg: textField,
	message: textField,
	data: z.unknown().optional(),
});

function clean<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

/** Reads an error body in any of EvoLink's envelopes; undefined when it is not one (e.g. an HTML page). */
export function parseErrorBody(json: unknown): EvolinkErrorBody | undefined {
	const gw = gatewayError.safeParse(json);
	if (gw.success) {
		const e = gw.data.error;
		return clean({
			code: e.code === undefined || e.code === null ? undefined : String(e.code),
			message: e.message ?? undefined,
			type: e.type ?? undefined,
			param: e.param ?? undefined,
			fallbackSuggestion: e.fallback_suggestion ?? undefined,
		});
	}
	if (json !== null && typeof json === 'object' && 'error' in json && typeof (json as { error: unknown }).error === 'string') {
		return { message: (json as { error: string }).error };
	}
	const files = filesEnvelope.safeParse(json);
	if (files.success && (files.data.msg || files.data.message || files.data.code !== undefined)) {
		const f = files.data;
		return clean({
			code: f.code === undefined || f.code === null ? undefined : String(f.code),
			message: f.msg ?? f.message ?? undefined,
		});
	}
	return undefined;
}

interface EvolinkCredits {
	/** The account balance (`data.user.remaining_credits`). */
	credits: number;
	/** The key's own limit, when it has one. */
	keyRemaining?: number;
	keyUnlimited?: boolean;
}

const creditsSchema = z.object({
	success: z.boolean().optional().catch(undefined),
	data: z.object({
		token: z.object({
			remaining_credits: z.number().optional().catch(undefined),
			unlimited_credits: z.boolean().optional().catch(undefined),
		}).nullish().catch(undefined),
		user: z.object({ remaining_credits: z.number() }),
	}),
});

/** Parses `GET /v1/credits`. */
export function parseCredits(json: unknown): Parsed<EvolinkCredits> {
	const parsed = creditsSchema.safeParse(json);
	if (!parsed.success || parsed.data.success === false) {
		return { ok: false, problem: 'the credits answer has no data.user.remaining_credits' };
	}
	const { token, user } = parsed.data.data;
	const value: EvolinkCredits = { credits: user.remaining_credits };
	if (token?.unlimited_credits !== undefined) {
		value.keyUnlimited = token.unlimited_credits;
	}
	if (token?.remaining_credits !== undefined) {
		value.keyRemaining = token.remaining_credits;
	}
	return { ok: true, value };
}

export interface UploadedFile {
	fileId?: string;
	/** Public link to pass to a model (expires after 72 h). */
	fileUrl: string;
	downloadUrl?: string;
	mimeType?: string;
	expiresAt?: string;
}

const uploadSchema = z.object({
	success: z.boolean().optional().catch(undefined),
	code: codeField,
	data: z.object({
		file_id: textField,
		file_url: z.string().min(1),
		download_url: textField,
		mime_type: textField,
		expires_at: textField,
	}),
});

/** Parses a files API upload answer (`{success, code, msg, data}`). */
export function parseUpload(json: unknown): Parsed<UploadedFile> {
	const parsed = uploadSchema.safeParse(json);
	if (!parsed.success || parsed.data.success === false || (parsed.data.code !== undefined && parsed.data.code !== null && Number(parsed.data.code) !== 200)) {
		return { ok: false, problem: 'the upload answer has no data.file_url' };
	}
	const d = parsed.data.data;
	return {
		ok: true,
		value: clean({
			fileId: d.file_id ?? undefined,
			fileUrl: d.file_url,
			downloadUrl: d.download_url ?? undefined,
			mimeType: d.mime_type ?? undefined,
			expiresAt: d.expires_at ?? undefined,
		}),
	};
}

/** True when a files API envelope reports failure even though HTTP said 200. */
export function isFilesFailure(json: unknown): boolean {
	const files = filesEnvelope.safeParse(json);
	if (!files.success) {
		return false;
	}
	const code = files.data.code;
	return files.data.success === false || (code !== undefined && code !== null && Number(code) !== 200);
}

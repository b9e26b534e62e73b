/**
 * A small multipart/form-data parser (RFC 7578), enough for the files API fake.
 * Written by hand because the fakes use plain node:http and no dependencies.
 */

/** One part of a multipart body. */
export interface FormPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** Returns the boundary of a multipart/form-data Content-Type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) {
		return undefined;
	}
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]) : undefined;
}

/** Reads one `key="value"` (or unquoted) parameter from a header value. */
function headerParam(value: string, key: string): string | undefined {
	const m = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(value);
	if (!m) {
		return undefined;
	}
	return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]?.trim();
}

/** Splits a multipart body into parts; throws on a body that does not follow the format. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: FormPart[] = [];
	let pos = body.indexOf(delimiter);
	if (pos < 0) {
		throw new Error('multipart: opening boundary not found');
	}
	for (;;) {
		pos += delimiter.length;
		// A delimiter followed by '--' closes the body.
		if (body.subarray(pos, pos + 2).toString() === '--') {
			return parts;
		}
		const headStart = body.indexOf('\r\n', pos) + 2;
		const headEnd = body.indexOf('\r\n\r\n', headStart);
		if (headStart < 2 || headEnd < 0) {
			throw new Error('multipart: part headers not terminated');
		}
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd);
		if (next < 0) {
			throw new Error('multipart: closing boundary not found');
		}
		const headers = new Map<string, string>();
		for (const line of body.subarray(headStart, headEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) {
				headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
			}
		}
		const disposition = headers.get('content-disposition') ?? '';
		const name = headerParam(disposition, 'name');
		if (name === undefined) {
			throw new Error('multipart: part without a name');
		}
		const filename = headerParam(disposition, 'filename');
		parts.push({
			name,
			...(filename !== undefined ? { filename } : {}),
			...(headers.has('content-type') ? { contentType: headers.get('content-type') } : {}),
			data: body.subarray(headEnd + 4, next),
		});
		pos = next + 2;
	}
}

/** What a receipt keeps of a multipart body: text fields verbatim, files by name, type and size. */
export function summarizeMultipart(parts: FormPart[]): { fields: Record<string, string>; files: Array<{ field: string; filename?: string; contentType?: string; size: number }> } {
	const fields: Record<string, string> = {};
	const files: Array<{ field: string; filename?: string; contentType?: string; size: number }> = [];
	for (const p of parts) {
		if (p.filename !== undefined) {
			files.push({ field: p.name, filename: p.filename, ...(p.contentType ? { contentType: p.contentType } : {}), size: p.data.length });
		} else {
			fields[p.name] = p.data.toString('utf8');
		}
	}
	return { fields, files };
}

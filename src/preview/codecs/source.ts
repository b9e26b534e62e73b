/**
 * Bounded random-access reads. Parsers seek to what they need (e.g. an MP4's `moov` at the end
 * of a large file) instead of reading whole files, and the budget below stops a hostile or
 * corrupt file from making them read much more than a header's worth.
 */
import { open } from 'node:fs/promises';

/** Largest single read a parser may ask for; bigger requests are cut to this. */
export const MAX_READ_BYTES = 1 << 20;

/** Total bytes one file may cost us; a sane file needs a few hundred KiB at most. */
export const MAX_TOTAL_BYTES = 8 << 20;

/** Thrown when a parser exceeds the read budget; the reader treats it like a damaged file. */
export class ReadBudgetError extends Error {
	constructor() {
		super(`Read more than ${MAX_TOTAL_BYTES} bytes while looking for the media header`);
		this.name = 'ReadBudgetError';
	}
}

/** An I/O failure while reading an already opened file; unlike parse errors, the reader passes it on. */
export class FileReadError extends Error {
	constructor(path: string, cause: unknown) {
		super(`Cannot read media file ${path} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { cause });
		this.name = 'FileReadError';
	}
}

/** Random access to the bytes of one file (or an in-memory buffer in tests). */
export interface ByteSource {
	readonly size: number;
	/** Reads up to `length` bytes at `offset`: fewer at end of file, none past it. */
	read(offset: number, length: number): Promise<Buffer>;
}

/** Keeps the running total and clamps each request to the file and to MAX_READ_BYTES. */
abstract class BudgetedSource implements ByteSource {
	private spent = 0;
	constructor(readonly size: number) {}

	async read(offset: number, length: number): Promise<Buffer> {
		if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.size || length <= 0) {
			return Buffer.alloc(0);
		}
		const n = Math.min(length, MAX_READ_BYTES, this.size - offset);
		this.spent += n;
		if (this.spent > MAX_TOTAL_BYTES) {
			throw new ReadBudgetError();
		}
		return this.readRaw(offset, n);
	}

	protected abstract readRaw(offset: number, length: number): Promise<Buffer>;
}

/** A ByteSource over a Buffer, for tests and for callers that already hold the bytes. */
export function bufferSource(bytes: Buffer): ByteSource {
	return new (class extends BudgetedSource {
		protected async readRaw(offset: number, length: number): Promise<Buffer> {
			return bytes.subarray(offset, offset + length);
		}
	})(bytes.length);
}

/**
 * Opens `path` and hands a ByteSource to `use`, closing the file afterwards.
 * File-system failures (missing file, a directory, no permission) become one clear Error.
 */
export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
	let handle;
	let size: number;
	try {
		handle = await open(path, 'r');
		const stat = await handle.stat();
		if (!stat.isFile()) {
			throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
		}
		size = stat.size;
	} catch (err) {
		await handle?.close().catch(() => undefined);
		const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
		throw new Error(`Cannot read media file ${path} (${code})`, { cause: err });
	}
	const fh = handle;
	try {
		return await use(new (class extends BudgetedSource {
			protected async readRaw(offset: number, length: number): Promise<Buffer> {
				const buf = Buffer.alloc(length);
				try {
					const { bytesRead } = await fh.read(buf, 0, length, offset);
					return buf.subarray(0, bytesRead);
				} catch (err) {
					throw new FileReadError(path, err);
				}
			}
		})(size));
	} finally {
		await fh.close().catch(() => undefined);
	}
}

/**
 * Downloading a result link to disk in constant memory: stream into `<dest>.part-<random>` (opened
 * `wx`, so nothing existing is overwritten or followed), rename into place only when complete, and
 * delete the temp file on any failure; temp files a killed extension host left are deleted by the
 * next download to the same place. The API key is never sent to media hosts.
 * Pure: no `vscode` import.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ProviderId } from '../shared/domain';
import { cancelledError, isProviderError, ProviderError } from './errors';
import { STREAM_CHUNK_BYTES, type HttpClient } from './http';
import { classifyNetworkError } from './netErrors';
import { assertAllowedUrl } from './urls';
import { WAV_HEADER_BYTES, wavHeader, type PcmFormat } from '../audio/wav';

interface DownloadOptions {
	/** Size ceiling; the download fails (and leaves nothing) past this. */
	maxBytes: number;
	signal?: AbortSignal;
	/** When set, the body is raw 16-bit LE PCM and is saved as WAV at this rate. */
	pcm?: PcmFormat;
	/** Which provider the link came from (for errors). Default `evolink`. */
	provider?: ProviderId;
	/** Longest pause between body chunks. */
	bodyTimeoutMs?: number;
}

interface DownloadResult {
	path: string;
	/** Bytes written, header included. */
	bytes: number;
	contentType?: string;
}

/** How to try a failed download again (the engine downloads what is missing on Refresh). */
const AGAIN = 'Use Refresh in the EvoLink view to download it again.';

/** Status codes that mean the link itself is dead, not that the host is struggling. */
const GONE = new Set([403, 404, 410]);
/** A web page or JSON where media should be is an error page (expired link, login wall). */
const NOT_MEDIA = /^(text\/|application\/(json|xml|xhtml))/i;

class SizeLimitError extends Error {}

/** A temp file untouched this long is a leftover (a window killed mid-download), not a download in progress. */
const STALE_PART_MS = 10 * 60_000;

/** Deletes `<dest>.part-*` files a killed extension host left behind; a live download writes often, so is kept. */
async function removeStaleParts(destPath: string): Promise<void> {
	const dir = dirname(destPath);
	const prefix = `${basename(destPath)}.part-`;
	const names = await readdir(dir).catch(() => [] as string[]);
	await Promise.all(
		names.filter((n) => n.startsWith(prefix)).map(async (n) => {
			const file = join(dir, n);
			const s = await stat(file).catch(() => undefined);
			if (s && Date.now() - s.mtimeMs > STALE_PART_MS) { await unlink(file).catch(() => undefined); }
		}),
	);
}

function mb(bytes: number): string {
	return `${Math.round(bytes / 1024 / 1024 * 10) / 10} MB`;
}

/** Streams `url` to `destPath`; throws ProviderError and leaves no file behind on any failure. */
export async function downloadToFile(http: HttpClient, url: string, destPath: string, opts: DownloadOptions): Promise<DownloadResult> {
	const provider = opts.provider ?? 'evolink';
	const host = assertAllowedUrl(url, 'result link', provider).host;
	if (opts.signal?.aborted) {
		throw cancelledError(provider, 'The download');
	}
	// No Authorization here, ever: result links are public (often signed) and may live on other hosts.
	const res = await http.openStream(url, { signal: opts.signal, provider, bodyTimeoutMs: opts.bodyTimeoutMs, headers: { accept: '*/*' } });
	const contentType = res.headers['content-type'];
	const declared = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined;
	const reject = async (init: Omit<ConstructorParameters<typeof ProviderError>[0], 'provider'>): Promise<never> => {
		// Read a little of the unwanted body so the connection can be reused; dump() destroys past its limit.
		await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
		throw new ProviderError({ provider, ...init });
	};
	if (res.status !== 200) {
		if (GONE.has(res.status)) {
			await reject({
				kind: 'http',
				httpStatus: res.status,
				message: `The result link has expired or is gone (HTTP ${res.status} from ${host}).`,
				retryable: false,
				action: 'Generate it again; result links last 24 hours (Suno music 72 hours).',
			});
		}
		await reject({
			kind: 'http',
			httpStatus: res.status,
			message: `Downloading the result from ${host} failed with HTTP ${res.status}.`,
			retryable: res.status === 429 || res.status >= 500,
			action: 'Use Refresh in the EvoLink view later to download it again.',
		});
	}
	if (contentType !== undefined && NOT_MEDIA.test(contentType)) {
		await reject({
			kind: 'invalid-response',
			message: `The result link returned ${contentType.split(';')[0]} instead of media; it has probably expired.`,
			retryable: false,
			action: 'Generate it again.',
		});
	}
	if (declared !== undefined && Number.isFinite(declared) && declared > opts.maxBytes) {
		await reject({
			kind: 'invalid-response',
			message: `The result is ${mb(declared)}, more than the ${mb(opts.maxBytes)} download limit.`,
			retryable: false,
			action: 'Raise the download size limit in the settings, or open the link in a browser.',
		});
	}

	const tmp = `${destPath}.part-${randomBytes(6).toString('hex')}`;
	let received = 0;
	let out: WriteStream | undefined;
	let closed: Promise<void> = Promise.resolve();
	try {
		await mkdir(dirname(destPath), { recursive: true });
		await removeStaleParts(destPath);
		out = createWriteStream(tmp, { flags: 'wx', highWaterMark: STREAM_CHUNK_BYTES });
		const stream = out;
		closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
		const pcm = opts.pcm;
		await pipeline(
			res.body,
			async function*(source: AsyncIterable<Buffer>) {
				if (pcm) {
					yield wavHeader(undefined, pcm);
				}
				for await (const chunk of source) {
					received += chunk.length;
					if (received > opts.maxBytes) {
						throw new SizeLimitError();
					}
					yield chunk;
				}
			},
			out,
			{ signal: opts.signal },
		);
		if (declared !== undefined && received !== declared) {
			throw new ProviderError({
				provider,
				kind: 'network',
				message: `The download from ${host} was cut short (got ${received} of ${declared} bytes).`,
				retryable: true,
				action: AGAIN,
			});
		}
		let bytes = received;
		if (pcm) {
			bytes = await patchWavHeader(tmp, received, pcm);
		}
		await rename(tmp, destPath);
		return { path: destPath, bytes, contentType };
	} catch (err) {
		res.body.on('error', () => undefined).destroy();
		// Wait until the file is really closed (it may still be opening), or the unlink could run first.
		out?.destroy();
		await closed;
		// `wx` refuses an existing name: then the file is not ours to delete.
		if ((err as { code?: unknown }).code !== 'EEXIST') {
			await unlink(tmp).catch(() => undefined);
		}
		throw downloadError(err, { provider, host, received, declared, maxBytes: opts.maxBytes, signal: opts.signal });
	}
}

/** Now that the length is known, rewrites the placeholder header (and pads odd data, as RIFF requires). */
async function patchWavHeader(path: string, dataBytes: number, pcm: PcmFormat): Promise<number> {
	const file = await open(path, 'r+');
	try {
		await file.write(wavHeader(dataBytes, pcm), 0, WAV_HEADER_BYTES, 0);
		if (dataBytes % 2 === 1) {
			await file.write(Buffer.alloc(1), 0, 1, WAV_HEADER_BYTES + dataBytes);
			return WAV_HEADER_BYTES + dataBytes + 1;
		}
		return WAV_HEADER_BYTES + dataBytes;
	} finally {
		await file.close();
	}
}

function downloadError(err: unknown, ctx: { provider: ProviderId; host: string; received: number; declared?: number; maxBytes: number; signal?: AbortSignal }): ProviderError {
	const { provider, host } = ctx;
	if (isProviderError(err)) {
		return err;
	}
	if (err instanceof SizeLimitError) {
		return new ProviderError({
			provider,
			kind: 'invalid-response',
			message: `The result is larger than the ${mb(ctx.maxBytes)} download limit.`,
			retryable: false,
			action: 'Raise the download size limit in the settings, or open the link in a browser.',
		});
	}
	if (ctx.signal?.aborted) {
		const failure = classifyNetworkError(err, ctx.signal);
		return failure.kind === 'timeout'
			? new ProviderError({ provider, kind: 'timeout', message: `The download from ${host} took too long.`, retryable: true, action: AGAIN })
			: cancelledError(provider, 'The download');
	}
	const code = (err as { code?: unknown }).code;
	if (typeof code === 'string' && /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|MFILE|NAMETOOLONG|EXIST|ISDIR|NOTDIR)$/.test(code)) {
		// A local disk problem, not the provider's: nothing to retry remotely.
		return new ProviderError({
			provider,
			kind: 'validation',
			code,
			message: `The result could not be saved to disk (${code}).`,
			retryable: false,
			action: "Free disk space or check the storage folder's permissions, then use Refresh in the EvoLink view to download it again.",
		});
	}
	const failure = classifyNetworkError(err);
	const short = ctx.declared !== undefined && ctx.received < ctx.declared ? ` (got ${ctx.received} of ${ctx.declared} bytes)` : '';
	return new ProviderError({
		provider,
		kind: failure.kind === 'timeout' ? 'timeout' : 'network',
		code: failure.code,
		message: short ? `The download from ${host} was cut short${short}.` : `The download from ${host} was interrupted: ${failure.detail}.`,
		retryable: true,
		action: AGAIN,
		cause: err,
	});
}

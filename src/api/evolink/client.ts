/**
 * The EvoLink client: creates tasks (validated locally, POSTed once), reads tasks and the balance,
 * and uploads reference files. Every message it produces is redacted with the keys it has used.
 * Pure: no `vscode` import.
 */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { FormData, Response } from 'undici';
import type { RemoteTaskState } from '../../shared/domain';
import { mimeTypeOf, OCTET_STREAM } from '../../shared/mime';
import { EVOLINK_SET_KEY_COMMAND, evolinkHttpAdvice } from '../errorTables';
import { ProviderError } from '../errors';
import type { BodySource, HttpResponse } from '../http';
import type { Balance, CallOptions, ProviderClient } from '../provider';
import { isHttpOk, ProviderClientBase, type ProviderClientOptions, type ProviderProfile } from '../providerClient';
import { assertAllowedUrl, joinUrl } from '../urls';
import { isFilesFailure, parseCredits, parseErrorBody, parseUpload, type UploadedFile } from './envelopes';
import { endpointFor, validateRequest } from './requests';
import { parseTask } from './responses';

/** `baseUrl` is the gateway, e.g. `https://api.evolink.ai`. */
interface EvolinkClientOptions extends ProviderClientOptions {
	/** Files API, e.g. `https://files-api.evolink.ai`. */
	filesBaseUrl: string;
}

interface UploadOptions extends CallOptions {
	mimeType?: string;
	/** Name to store the file under; defaults to the file's own name. */
	fileName?: string;
}

/** Largest file we try to upload (the MCP docs mention 100 MB for audio; the public docs give no limit). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const EVOLINK: ProviderProfile = {
	provider: 'evolink',
	name: 'EvoLink',
	keyName: 'EvoLink',
	setKeyCommand: EVOLINK_SET_KEY_COMMAND,
	answeredBy: 'EvoLink',
	baseUrlSetting: 'EvoLink API base URL',
	taskId: { pattern: /^[A-Za-z0-9._-]{1,128}$/, message: 'The task id has an invalid format.', action: 'EvoLink ids look like task-unified-<seconds>-<letters>.' },
};

/**
 * The upload's `multipart/form-data` body (a `file_name` field, then the file), encoded by undici's
 * FormData: UTF-8 names with quotes and line breaks escaped, a random boundary, and the file streamed
 * from disk (`openAsBlob`), never read into memory. Returns a factory, since a retry needs a fresh stream.
 */
async function uploadBody(path: string, fileName: string, mimeType: string): Promise<() => BodySource> {
	const file = await openAsBlob(path, { type: mimeType });
	const encode = (blob: Blob): { encoded: Response; boundary: string } => {
		const form = new FormData();
		form.append('file_name', fileName);
		form.append('file', blob, fileName);
		const encoded = new Response(form);
		return { encoded, boundary: /boundary=(.+)$/.exec(encoded.headers.get('content-type') ?? '')?.[1] ?? '' };
	};
	// FormData knows the exact length but does not expose it, so measure the same form around an
	// empty file. The boundary is random: it opens both parts and closes the body, three times.
	const empty = encode(new Blob([], { type: file.type }));
	const frame = (await empty.encoded.arrayBuffer()).byteLength - 3 * empty.boundary.length;
	return () => {
		const { encoded, boundary } = encode(file);
		return {
			contentType: `multipart/form-data; boundary=${boundary}`,
			contentLength: frame + 3 * boundary.length + file.size,
			body: Readable.fromWeb(encoded.body as ReadableStream<Uint8Array>),
		};
	};
}

/** EvoLink gateway + files API client. */
export class EvolinkClient extends ProviderClientBase implements ProviderClient {
	readonly provider = 'evolink' as const;
	private readonly filesBaseUrl: string;

	constructor(options: EvolinkClientOptions) {
		super(EVOLINK, options);
		this.filesBaseUrl = assertAllowedUrl(options.filesBaseUrl, 'EvoLink files API base URL').toString();
	}

	/** Validates `input` for `model`, then POSTs it once. */
	async createTask(model: string, input: unknown, opts: CallOptions = {}): Promise<RemoteTaskState> {
		const checked = validateRequest(model, input);
		if (!checked.ok) {
			throw this.invalidRequest(model, checked.issues);
		}
		const request = await this.authorised(opts);
		const url = this.url(endpointFor(model));
		this.log.info(`Creating ${model} task`);
		const res = await this.call(() => this.http.postJson(url, checked.value, request));
		if (!isHttpOk(res)) {
			throw this.errorOf(res);
		}
		const parsed = parseTask(res.json);
		if (!parsed.ok) {
			// HTTP 2xx means the gateway accepted the request: a task may exist even though we cannot read its id.
			throw this.outcomeUnknown(
				res,
				`EvoLink accepted the request but its answer could not be read (${parsed.problem}), so the task was probably created.`,
				'Check your EvoLink task list and balance before retrying, so you are not charged twice.',
			);
		}
		this.log.info(`Created ${model} task ${parsed.value.id} (${parsed.value.rawStatus})`);
		return this.clean(parsed.value);
	}

	/** Reads one task (`GET /v1/tasks/{id}`); GETs are retried on transient failures. */
	async getTask(id: string, opts: CallOptions = {}): Promise<RemoteTaskState> {
		this.assertTaskId(id);
		const res = await this.getJson(this.url(`/v1/tasks/${encodeURIComponent(id)}`), opts);
		if (!isHttpOk(res)) {
			throw this.errorOf(res);
		}
		const parsed = parseTask(res.json);
		if (!parsed.ok) {
			throw this.invalid(`task ${id}: ${parsed.problem}`);
		}
		return this.clean(parsed.value);
	}

	/** Reads the account balance (`GET /v1/credits`). */
	async getBalance(opts: CallOptions = {}): Promise<Balance> {
		const res = await this.getJson(this.url('/v1/credits'), opts);
		if (!isHttpOk(res)) {
			throw this.errorOf(res);
		}
		const parsed = parseCredits(res.json);
		if (!parsed.ok) {
			throw this.invalid(parsed.problem);
		}
		const { credits, keyRemaining, keyUnlimited } = parsed.value;
		const balance: Balance = { credits };
		if (keyUnlimited === false && keyRemaining !== undefined) {
			balance.detail = `This key may spend ${keyRemaining} more credits.`;
		}
		return balance;
	}

	/**
	 * Uploads a local file (`POST /api/v1/files/upload/stream`) and returns its public link (72 h).
	 * The docs accept images only; audio is tried anyway (EvoLink's own tools upload audio), and a
	 * refusal becomes a clear message suggesting a public https URL of the clip instead.
	 */
	async uploadFile(path: string, opts: UploadOptions = {}): Promise<UploadedFile> {
		const fileName = opts.fileName ?? basename(path);
		const mimeType = opts.mimeType ?? mimeTypeOf(fileName) ?? OCTET_STREAM;
		const isAudio = mimeType.startsWith('audio/');
		const info = await stat(path).catch(() => undefined);
		if (!info?.isFile()) {
			throw new ProviderError({
				provider: 'evolink',
				kind: 'validation',
				message: `The file ${fileName} does not exist or is not a file.`,
				retryable: false,
				action: 'Pick an existing file.',
			});
		}
		if (info.size > MAX_UPLOAD_BYTES) {
			throw new ProviderError({
				provider: 'evolink',
				kind: 'validation',
				message: `The file ${fileName} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
				retryable: false,
				action: 'Use a smaller file.',
			});
		}
		const request = await this.authorised(opts);
		const make = await uploadBody(path, fileName, mimeType);
		const res = await this.call(() => this.http.postBody(joinUrl(this.filesBaseUrl, '/api/v1/files/upload/stream'), make, {
			...request,
			unknownOutcome: {
				message: `The connection ended before EvoLink confirmed the upload of ${fileName}.`,
				action: 'Upload it again; a duplicate upload only uses one more file slot.',
			},
		}));
		const failed = !isHttpOk(res) || isFilesFailure(res.json);
		if (failed && isAudio && res.status < 500) {
			const said = parseErrorBody(res.json)?.message;
			throw new ProviderError({
				provider: 'evolink',
				kind: 'http',
				httpStatus: res.status,
				code: parseErrorBody(res.json)?.code ?? 'audio_upload_refused',
				message: this.redact(`EvoLink refused the audio upload of ${fileName}${said ? ` (${said})` : ''}: its files API officially accepts only images.`),
				retryable: false,
				action: 'Use a public https URL of the clip as the reference instead.',
			});
		}
		if (failed) {
			throw this.errorOf(res);
		}
		const parsed = parseUpload(res.json);
		if (!parsed.ok) {
			throw this.invalid(parsed.problem);
		}
		assertAllowedUrl(parsed.value.fileUrl, 'uploaded file link');
		this.log.info(`Uploaded ${fileName} (${info.size} bytes)`);
		return parsed.value;
	}

	/** Turns an error response (either envelope, or none) into a ProviderError with advice. */
	private errorOf(res: HttpResponse): ProviderError {
		const body = parseErrorBody(res.json);
		const fallbackText = res.text && !res.text.trimStart().startsWith('<') ? res.text.slice(0, 200).trim() : '';
		let message = body?.message || fallbackText || `EvoLink answered HTTP ${res.status}.`;
		if (body?.param) {
			message += ` (field: ${body.param})`;
		}
		if (body?.fallbackSuggestion) {
			message += ` Suggestion: ${body.fallbackSuggestion}`;
		}
		const error = this.httpError(res, body?.code, message, evolinkHttpAdvice(res.status, body?.code));
		this.log.warn(`EvoLink HTTP ${res.status}${body?.code ? ` ${body.code}` : ''}: ${error.message}`);
		return error;
	}
}

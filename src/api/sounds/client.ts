/**
 * The Suno Sounds client (sunoapi.org): a second provider with its own key, host and envelope.
 * The real outcome of every call is the body `code`, so HTTP 200 can still be an error.
 * Pure: no `vscode` import.
 */
import type { RemoteTaskState } from '../../shared/domain';
import { nullLog, type Log } from '../../util/log';
import { SOUNDS_SET_KEY_COMMAND, soundsCodeAdvice } from '../errorTables';
import { isProviderError, ProviderError } from '../errors';
import { assertAllowedUrl, joinUrl, type HttpClient, type HttpResponse } from '../http';
import { ClientKey } from '../keys';
import type { Balance, CallOptions, ProviderClient } from '../provider';
import { redact, redactingLog } from '../redact';
import { formatIssues } from '../validation';
import { validateSoundsRequest } from './requests';
import { parseCreation, parseEnvelope, parseRecordInfo, parseSoundsCredits, type SoundsEnvelope } from './responses';

export interface SoundsClientOptions {
	/** e.g. `https://api.sunoapi.org` (kie.ai serves the same paths). */
	baseUrl: string;
	getApiKey: () => Promise<string | undefined>;
	http: HttpClient;
	log?: Log;
}

const TASK_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** sunoapi.org "Generate Sounds" client. */
export class SoundsClient implements ProviderClient {
	readonly provider = 'sounds' as const;
	private readonly keys: ClientKey;
	private readonly log: Log;
	private readonly baseUrl: string;

	constructor(private readonly options: SoundsClientOptions) {
		this.baseUrl = assertAllowedUrl(options.baseUrl, 'Suno Sounds API base URL', 'sounds').toString();
		this.keys = new ClientKey('sounds', options.getApiKey, SOUNDS_SET_KEY_COMMAND, 'Suno Sounds (sunoapi.org)');
		this.log = redactingLog(options.log ?? nullLog, () => this.keys.secrets());
	}

	/** Keys used so far, so the extension can mask them in its own logs too. */
	secrets(): readonly string[] {
		return this.keys.secrets();
	}

	/** Validates, then POSTs `/api/v1/generate/sounds` once. `model` is `suno-sounds`, `V5` or `V5_5`. */
	async createTask(model: string, input: unknown, opts: CallOptions = {}): Promise<RemoteTaskState> {
		const checked = validateSoundsRequest(model, input);
		if (!checked.ok) {
			throw new ProviderError({
				provider: 'sounds',
				kind: 'validation',
				code: 'invalid_request',
				message: redact(`The sounds request is not valid: ${formatIssues(checked.issues)}.`, this.keys.secrets()),
				retryable: false,
				action: 'Fix the named fields and try again; nothing was sent.',
				issues: checked.issues,
			});
		}
		const headers = await this.keys.authHeaders();
		this.log.info(`Creating Suno Sounds task (${checked.value.model})`);
		const res = await this.call(() => this.options.http.postJson(joinUrl(this.baseUrl, '/api/v1/generate/sounds'), checked.value, { headers, signal: opts.signal, provider: 'sounds' }));
		const env = parseEnvelope(res.json);
		if (res.status >= 200 && res.status <= 299 && env === undefined) {
			throw new ProviderError({
				provider: 'sounds',
				kind: 'outcome-unknown',
				httpStatus: res.status,
				message: 'sunoapi.org accepted the request but its answer could not be read, so the task may have been created.',
				retryable: false,
				action: 'Check your sunoapi.org task log and credits before retrying, so you are not charged twice.',
			});
		}
		const data = this.unwrap(res, env);
		const id = parseCreation(data);
		if (!id.ok) {
			throw new ProviderError({ provider: 'sounds', kind: 'outcome-unknown', httpStatus: res.status, message: `sunoapi.org reported success but ${id.problem}, so the task was probably created.`, retryable: false, action: 'Check your sunoapi.org task log and credits before retrying.' });
		}
		this.log.info(`Created Suno Sounds task ${id.value}`);
		return { id: id.value, status: 'pending', rawStatus: 'PENDING', progress: 0, results: [], resultData: {} };
	}

	/** Reads `GET /api/v1/generate/record-info?taskId=…`. */
	async getTask(id: string, opts: CallOptions = {}): Promise<RemoteTaskState> {
		if (!TASK_ID.test(id)) {
			throw new ProviderError({ provider: 'sounds', kind: 'validation', code: 'invalid_task_id', message: 'The Suno Sounds task id has an invalid format.', retryable: false, action: 'Use the taskId returned when the task was created.' });
		}
		const headers = await this.keys.authHeaders();
		const url = joinUrl(this.baseUrl, `/api/v1/generate/record-info?taskId=${encodeURIComponent(id)}`);
		const res = await this.call(() => this.options.http.getJson(url, { headers, signal: opts.signal, provider: 'sounds' }));
		const data = this.unwrap(res, parseEnvelope(res.json));
		const parsed = parseRecordInfo(id, data);
		if (!parsed.ok) {
			throw this.invalid(parsed.problem);
		}
		if (parsed.value.error) {
			parsed.value.error.message = redact(parsed.value.error.message, this.keys.secrets());
		}
		return parsed.value;
	}

	/** Reads `GET /api/v1/generate/credit`. */
	async getBalance(opts: CallOptions = {}): Promise<Balance> {
		const headers = await this.keys.authHeaders();
		const res = await this.call(() => this.options.http.getJson(joinUrl(this.baseUrl, '/api/v1/generate/credit'), { headers, signal: opts.signal, provider: 'sounds' }));
		const credits = parseSoundsCredits(this.unwrap(res, parseEnvelope(res.json)));
		if (!credits.ok) {
			throw this.invalid(credits.problem);
		}
		return { credits: credits.value };
	}

	/** Returns `data` when both HTTP and the body code say success; otherwise throws with advice. */
	private unwrap(res: HttpResponse, env: SoundsEnvelope | undefined): unknown {
		const httpOk = res.status >= 200 && res.status <= 299;
		if (httpOk && env?.code === 200) {
			return env.data;
		}
		if (httpOk && env === undefined) {
			throw this.invalid('the answer is not a {code, msg, data} envelope');
		}
		// The body code is the real status; fall back to HTTP when the body is not an envelope.
		const code = env !== undefined && env.code !== 200 ? env.code : res.status;
		const advice = soundsCodeAdvice(code);
		const said = env?.msg && env.msg.toLowerCase() !== 'success' ? env.msg : advice.summary;
		const error = new ProviderError({
			provider: 'sounds',
			kind: 'http',
			httpStatus: res.status,
			code,
			message: redact(`Suno Sounds: ${said} (code ${code}).`, this.keys.secrets()),
			retryable: advice.retryable,
			action: advice.action,
			retryAfterMs: res.retryAfterMs,
		});
		this.log.warn(error.message);
		throw error;
	}

	private async call(run: () => Promise<HttpResponse>): Promise<HttpResponse> {
		try {
			return await run();
		} catch (err) {
			if (isProviderError(err)) {
				this.log.warn(`Suno Sounds request failed (${err.kind}): ${err.message}`);
				throw err;
			}
			throw new ProviderError({ provider: 'sounds', kind: 'network', message: redact(`Suno Sounds request failed: ${err instanceof Error ? err.message : String(err)}`, this.keys.secrets()), retryable: true, action: 'Try again.', cause: err });
		}
	}

	private invalid(problem: string): ProviderError {
		return new ProviderError({ provider: 'sounds', kind: 'invalid-response', message: redact(`sunoapi.org sent an answer we could not read: ${problem}.`, this.keys.secrets()), retryable: true, action: 'Try again; if it persists, check the Suno Sounds API base URL setting.' });
	}
}

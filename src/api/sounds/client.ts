/**
 * The Suno Sounds client (sunoapi.org): a second provider with its own key, host and envelope.
 * The real outcome of every call is the body `code`, so HTTP 200 can still be an error.
 * Pure: no `vscode` import.
 */
import type { RemoteTaskState } from '../../shared/domain';
import { SOUNDS_SET_KEY_COMMAND, soundsCodeAdvice } from '../errorTables';
import type { HttpResponse } from '../http';
import type { Balance, CallOptions, ProviderClient } from '../provider';
import { isHttpOk, ProviderClientBase, type ProviderClientOptions, type ProviderProfile } from '../providerClient';
import { validateSoundsRequest } from './requests';
import { parseCreation, parseEnvelope, parseRecordInfo, parseSoundsCredits, type SoundsEnvelope } from './responses';

const SOUNDS: ProviderProfile = {
	provider: 'sounds',
	name: 'Suno Sounds',
	keyName: 'Suno Sounds (sunoapi.org)',
	setKeyCommand: SOUNDS_SET_KEY_COMMAND,
	answeredBy: 'sunoapi.org',
	baseUrlSetting: 'Suno Sounds API base URL',
	taskId: { pattern: /^[A-Za-z0-9_-]{1,128}$/, message: 'The Suno Sounds task id has an invalid format.', action: 'Use the taskId returned when the task was created.' },
};

/** sunoapi.org "Generate Sounds" client; `baseUrl` is e.g. `https://api.sunoapi.org` (kie.ai serves the same paths). */
export class SoundsClient extends ProviderClientBase implements ProviderClient {
	readonly provider = 'sounds' as const;

	constructor(options: ProviderClientOptions) {
		super(SOUNDS, options);
	}

	/** Validates, then POSTs `/api/v1/generate/sounds` once. `model` is `suno-sounds`, `V5` or `V5_5`. */
	async createTask(model: string, input: unknown, opts: CallOptions = {}): Promise<RemoteTaskState> {
		const checked = validateSoundsRequest(model, input);
		if (!checked.ok) {
			throw this.invalidRequest('sounds', checked.issues);
		}
		const request = await this.authorised(opts);
		this.log.info(`Creating Suno Sounds task (${checked.value.model})`);
		const res = await this.call(() => this.http.postJson(this.url('/api/v1/generate/sounds'), checked.value, request));
		const env = parseEnvelope(res.json);
		if (isHttpOk(res) && env === undefined) {
			throw this.outcomeUnknown(
				res,
				'sunoapi.org accepted the request but its answer could not be read, so the task may have been created.',
				'Check your sunoapi.org task log and credits before retrying, so you are not charged twice.',
			);
		}
		const data = this.unwrap(res, env);
		const id = parseCreation(data);
		if (!id.ok) {
			throw this.outcomeUnknown(
				res,
				`sunoapi.org reported success but ${id.problem}, so the task was probably created.`,
				'Check your sunoapi.org task log and credits before retrying.',
			);
		}
		this.log.info(`Created Suno Sounds task ${id.value}`);
		return { id: id.value, status: 'pending', rawStatus: 'PENDING', progress: 0, results: [], resultData: {} };
	}

	/** Reads `GET /api/v1/generate/record-info?taskId=…`. */
	async getTask(id: string, opts: CallOptions = {}): Promise<RemoteTaskState> {
		this.assertTaskId(id);
		const res = await this.getJson(this.url(`/api/v1/generate/record-info?taskId=${encodeURIComponent(id)}`), opts);
		const parsed = parseRecordInfo(id, this.unwrap(res, parseEnvelope(res.json)));
		if (!parsed.ok) {
			throw this.invalid(parsed.problem);
		}
		return this.clean(parsed.value);
	}

	/** Reads `GET /api/v1/generate/credit`. */
	async getBalance(opts: CallOptions = {}): Promise<Balance> {
		const res = await this.getJson(this.url('/api/v1/generate/credit'), opts);
		const credits = parseSoundsCredits(this.unwrap(res, parseEnvelope(res.json)));
		if (!credits.ok) {
			throw this.invalid(credits.problem);
		}
		return { credits: credits.value };
	}

	/** Returns `data` when both HTTP and the body code say success; otherwise throws with advice. */
	private unwrap(res: HttpResponse, env: SoundsEnvelope | undefined): unknown {
		const httpOk = isHttpOk(res);
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
		const error = this.httpError(res, code, `Suno Sounds: ${said} (code ${code}).`, advice);
		this.log.warn(error.message);
		throw error;
	}
}

/**
 * The EvoLink fake: generation endpoints (§2, §6), task query (§3), credits (§4.2), the files API
 * (§4.3) and result media, all on one port.
 */
import { authorized, fakeServer, stateless } from '../common';
import { MediaStore } from '../media/store';
import { type Core, type Provider, type Reply, type RequestCtx, startCore } from '../server';
import { alnum, TaskStore } from '../tasks';
import type { FakeOptions, FakeServer } from '../types';
import { qwenTts, seedAudio, voiceDesign } from './audioModels';
import { ApiError, bad } from './check';
import { apiErrorReply, errorReply, evolinkStatusFault, filesErrorReply } from './envelopes';
import { FilesApi } from './filesApi';
import type { Lookup, ModelHandler, Plan } from './plan';
import { SUNO_LEGACY, SUNO_MODELS, sunoMusic, sunoPersona } from './sunoModels';
import { coverKey, outputKey, type SunoShape, taskJson } from './taskJson';
import { seedance } from './videoModels';

/** Default key (the documented `sk-evo-…` format). */
export const EVOLINK_TEST_KEY = 'sk-evo-test-0123456789abcdef';
const DAY_MS = 24 * 3600 * 1000;

const AUDIO_MODELS: Record<string, ModelHandler> = {
	'doubao-seed-audio-1-0': seedAudio,
	'qwen-voice-design': voiceDesign,
	'qwen3-tts-vd': qwenTts,
	'suno-persona': sunoPersona,
	...Object.fromEntries(SUNO_MODELS.map((m) => [m, sunoMusic])),
};
const VIDEO_MODELS: Record<string, ModelHandler> = { 'doubao-seedance-1.0-pro-fast': seedance };

class Evolink implements Provider {
	readonly tasks: TaskStore<Plan>;
	readonly media: MediaStore;
	readonly files: FilesApi;
	linkTtlMs: number;
	private readonly failPrompts: RegExp;
	private readonly shape: SunoShape;
	private readonly personaResults = new Set<string>();
	private readonly voices = new Map<string, string>();
	private usedCredits = 0;

	constructor(
		core: Core,
		readonly apiKey: string,
		opts: FakeOptions,
	) {
		this.tasks = new TaskStore<Plan>(opts.taskDurationMs ?? 1500);
		this.media = new MediaStore(core.baseUrl);
		this.files = new FilesApi(this.media, core.baseUrl, opts.acceptAudioUploads ?? true);
		this.linkTtlMs = opts.linkTtlMs ?? DAY_MS;
		this.failPrompts = stateless(opts.failPrompts);
		this.shape = opts.sunoResultShape ?? 'songs';
	}

	statusFault = evolinkStatusFault;

	async handle(ctx: RequestCtx): Promise<Reply> {
		const media = await this.media.serve(ctx);
		if (media) {
			return media;
		}
		const isFiles = ctx.path.startsWith('/api/v1/files/');
		if (isFiles && ctx.path.startsWith('/api/v1/files/download/')) {
			return (await this.files.handle(ctx)) ?? filesErrorReply(404, 'File not found');
		}
		if (!authorized(ctx, this.apiKey)) {
			return isFiles ? filesErrorReply(401, 'Invalid or expired token') : errorReply(401, 'unauthorized', 'Invalid or expired token', 'authentication_error');
		}
		if (isFiles) {
			return (await this.files.handle(ctx)) ?? filesErrorReply(404, 'Not found');
		}
		const route = `${ctx.method} ${ctx.path}`;
		try {
			if (route === 'POST /v1/audios/generations') {
				return this.create(ctx, AUDIO_MODELS);
			}
			if (route === 'POST /v1/videos/generations') {
				return this.create(ctx, VIDEO_MODELS);
			}
			if (route === 'GET /v1/credits') {
				return this.credits();
			}
			if (ctx.method === 'GET' && ctx.path.startsWith('/v1/tasks/')) {
				return this.query(decodeURIComponent(ctx.path.slice('/v1/tasks/'.length)));
			}
		} catch (err) {
			if (err instanceof ApiError) {
				return apiErrorReply(err);
			}
			throw err;
		}
		return errorReply(404, 'not_found', `Unknown route: ${route}`);
	}

	private lookup: Lookup = {
		task: (id) => {
			const rec = this.tasks.get(id);
			return rec && { plan: rec.payload, phase: this.tasks.view(rec).phase };
		},
		personaTaken: (resultId) => this.personaResults.has(resultId),
		voiceReady: (voice) => {
			const rec = this.tasks.get(this.voices.get(voice) ?? '');
			return rec !== undefined && this.tasks.view(rec).phase === 'completed';
		},
	};

	private create(ctx: RequestCtx, table: Record<string, ModelHandler>): Reply {
		const body = ctx.json;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw bad('Request body must be a JSON object');
		}
		const given = (body as Record<string, unknown>).model;
		if (typeof given !== 'string' || given === '') {
			throw bad('Missing required parameter: model');
		}
		const model = SUNO_LEGACY[given] ?? given;
		const handler = table[model];
		if (!handler) {
			throw new ApiError(403, 'model_access_denied', `Token does not have access to model: ${given}`);
		}
		const plan = handler(body as Record<string, unknown>, model, this.lookup);
		const now = Date.now();
		const id = `task-unified-${Math.floor(now / 1000)}-${alnum(8)}`;
		const rec = this.tasks.add(id, plan, this.failPrompts.test(plan.policyText));
		// Links work from completion until completion + TTL (read live, so setLinkTtl applies at once).
		const expiresAt = (): number | undefined => {
			const v = this.tasks.view(rec);
			return v.phase === 'completed' ? v.finishedAt! + this.linkTtlMs : undefined;
		};
		plan.outputs.forEach((spec, i) => this.media.register(outputKey(id, i), { spec, expiresAt }));
		plan.songs?.forEach((s, i) => this.media.register(coverKey(id, i), { spec: s.cover, expiresAt }));
		if (plan.persona) {
			this.personaResults.add(plan.persona.resultId);
		}
		if (plan.voice) {
			this.voices.set(plan.voice, id);
		}
		this.usedCredits += plan.credits;
		return {
			status: 200,
			json: {
				created: Math.floor(now / 1000),
				id,
				model: plan.model,
				object: `${plan.type}.generation.task`,
				progress: 0,
				status: 'pending',
				task_info: { can_cancel: plan.canCancel, estimated_time: Math.max(1, Math.ceil(rec.durationMs / 1000)), ...plan.taskInfo },
				type: plan.type,
				usage: { billing_rule: plan.billingRule, credits_reserved: plan.credits, user_group: 'default' },
			},
		};
	}

	private query(id: string): Reply {
		if (!id.startsWith('task-unified-')) {
			return {
				status: 400,
				json: { error: { code: 'invalid_task_id', message: "Invalid task ID format, must start with 'task-unified-'", type: 'invalid_request_error', param: 'task_id' } },
			};
		}
		const rec = this.tasks.get(id);
		if (!rec) {
			return errorReply(404, 'task_not_found', 'The requested task could not be found');
		}
		return { status: 200, json: taskJson(rec, this.tasks.view(rec), this.media, this.shape) };
	}

	private credits(): Reply {
		const r4 = (n: number): number => Math.round(n * 10000) / 10000;
		const used = this.usedCredits;
		return {
			status: 200,
			json: {
				data: {
					token: { remaining_credits: r4(99416.4429 - used), unlimited_credits: false, used_credits: r4(583.5571 + used) },
					user: { remaining_credits: r4(1095.3996 - used), used_credits: r4(135.9048 + used) },
				},
				message: '',
				success: true,
			},
		};
	}
}

/** Starts the EvoLink fake on 127.0.0.1 (default key 'sk-evo-test-0123456789abcdef', link TTL 24 h). */
export async function startFakeEvolink(opts: FakeOptions = {}): Promise<FakeServer> {
	let provider!: Evolink;
	const apiKey = opts.apiKey ?? EVOLINK_TEST_KEY;
	const core = await startCore(opts.port ?? 0, (c) => (provider = new Evolink(c, apiKey, opts)));
	return fakeServer(core, apiKey, () => provider);
}

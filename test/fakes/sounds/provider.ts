/**
 * The Suno Sounds fake (sunoapi.org, api-reference §7): generate/sounds, record-info, credit and
 * result media. Like the real service it answers HTTP 200 and puts the status in the body `code`.
 *
 * record-info shape as documented at https://docs.sunoapi.org/suno-api/get-music-generation-details:
 * `{code, msg, data:{taskId, parentMusicId, param, response:{taskId, sunoData:[{id, audioUrl,
 * streamAudioUrl, imageUrl, prompt, modelName, title, tags, createTime, duration}]}, status,
 * errorCode, errorMessage}}`.
 */
import { randomBytes } from 'node:crypto';
import { authorized, fakeServer, stateless } from '../common';
import { MediaStore } from '../media/store';
import { type Core, type Provider, type Reply, type RequestCtx, startCore } from '../server';
import { type TaskRecord, TaskStore } from '../tasks';
import type { FakeOptions, FakeServer, FaultSpec } from '../types';
import { planSounds, type SoundsPlan } from './request';

/** Default sunoapi.org test key. */
export const SOUNDS_TEST_KEY = 'suno-test-0123456789abcdef';
const TTL_72H = 72 * 3600 * 1000;

const MESSAGES: Record<number, string> = {
	400: 'Invalid parameters',
	401: 'You do not have access permissions',
	404: 'Invalid method or path',
	405: 'Rate limit exceeded',
	413: 'Theme or prompt too long',
	429: 'Insufficient credits',
	430: 'Your call frequency is too high. Please try again later.',
	455: 'System maintenance',
	500: 'Server error',
};

const body = (code: number, msg: string, data: unknown = null): Reply => ({ status: 200, json: { code, msg, data } });

class Sounds implements Provider {
	readonly tasks: TaskStore<SoundsPlan>;
	readonly media: MediaStore;
	linkTtlMs: number;
	private readonly failPrompts: RegExp;

	constructor(
		core: Core,
		readonly apiKey: string,
		opts: FakeOptions,
	) {
		this.tasks = new TaskStore<SoundsPlan>(opts.taskDurationMs ?? 1500);
		this.media = new MediaStore(core.baseUrl);
		this.linkTtlMs = opts.linkTtlMs ?? TTL_72H;
		this.failPrompts = stateless(opts.failPrompts);
	}

	statusFault(ctx: RequestCtx, fault: FaultSpec): Reply {
		const code = fault.status ?? 500;
		const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
		if (ctx.path.startsWith('/media/')) {
			return { status: code, headers: { ...headers, 'Content-Type': 'text/plain' }, body: `HTTP ${code}` };
		}
		return { ...body(code, fault.message ?? MESSAGES[code] ?? 'Server error'), headers };
	}

	async handle(ctx: RequestCtx): Promise<Reply> {
		const media = await this.media.serve(ctx);
		if (media) {
			return media;
		}
		if (!authorized(ctx, this.apiKey)) {
			return body(401, MESSAGES[401]);
		}
		const route = `${ctx.method} ${ctx.path}`;
		if (route === 'POST /api/v1/generate/sounds') {
			return this.create(ctx);
		}
		if (route === 'GET /api/v1/generate/record-info') {
			return this.recordInfo(ctx.query.get('taskId') ?? '');
		}
		if (route === 'GET /api/v1/generate/credit') {
			return body(200, 'success', 500);
		}
		return { status: 404, json: { code: 404, msg: MESSAGES[404], data: null } };
	}

	private create(ctx: RequestCtx): Reply {
		const plan = planSounds(ctx.badJson ? undefined : ctx.json);
		if ('code' in plan) {
			return body(plan.code, plan.msg);
		}
		const taskId = randomBytes(16).toString('hex');
		const rec = this.tasks.add(taskId, plan, this.failPrompts.test(plan.prompt));
		plan.variants.forEach((v, i) => {
			this.media.register(`${taskId}-${i}`, { spec: v.audio, expiresAt: () => this.audioExpiry(rec, i) });
			// Stream links and covers exist from TEXT_SUCCESS on, like the service's early stream URLs.
			this.media.register(`${taskId}-s${i}`, { spec: v.audio, expiresAt: () => this.earlyExpiry(rec) });
			this.media.register(`${taskId}-c${i}`, { spec: v.cover, expiresAt: () => this.earlyExpiry(rec) });
		});
		return body(200, 'success', { taskId });
	}

	/** The sunoapi.org status word at this instant (FIRST_SUCCESS: the first variant is done). */
	private status(rec: TaskRecord<SoundsPlan>): { word: string; ready: number; finishedAt?: number } {
		const v = this.tasks.view(rec);
		switch (v.phase) {
			case 'completed':
				return { word: 'SUCCESS', ready: 2, finishedAt: v.finishedAt };
			case 'failed':
				return { word: rec.forced ? 'GENERATE_AUDIO_FAILED' : 'SENSITIVE_WORD_ERROR', ready: 0 };
			case 'cancelled':
				// sunoapi.org has no cancel; a forced cancel ends like a task the service could not create.
				return { word: 'CREATE_TASK_FAILED', ready: 0 };
			case 'pending':
				return { word: 'PENDING', ready: 0 };
			default:
				return v.fraction < 0.575 ? { word: 'TEXT_SUCCESS', ready: 0 } : { word: 'FIRST_SUCCESS', ready: 1 };
		}
	}

	private audioExpiry(rec: TaskRecord<SoundsPlan>, i: number): number | undefined {
		const s = this.status(rec);
		if (s.finishedAt !== undefined) {
			return s.finishedAt + this.linkTtlMs;
		}
		return i < s.ready ? Date.now() + this.linkTtlMs : undefined;
	}

	private earlyExpiry(rec: TaskRecord<SoundsPlan>): number | undefined {
		const s = this.status(rec);
		if (s.finishedAt !== undefined) {
			return s.finishedAt + this.linkTtlMs;
		}
		return s.word === 'TEXT_SUCCESS' || s.word === 'FIRST_SUCCESS' ? Date.now() + this.linkTtlMs : undefined;
	}

	private recordInfo(taskId: string): Reply {
		if (!taskId) {
			return body(400, 'Invalid parameters: taskId is required');
		}
		const rec = this.tasks.get(taskId);
		if (!rec) {
			return body(400, `Invalid parameters: task not found: ${taskId}`);
		}
		const s = this.status(rec);
		const early = s.word === 'TEXT_SUCCESS' || s.word === 'FIRST_SUCCESS' || s.word === 'SUCCESS';
		const sunoData = rec.payload.variants.map((v, i) => ({
			id: v.id,
			audioUrl: i < s.ready ? this.media.url(`${taskId}-${i}`) : '',
			streamAudioUrl: this.media.url(`${taskId}-s${i}`),
			imageUrl: this.media.url(`${taskId}-c${i}`),
			prompt: rec.payload.prompt,
			modelName: rec.payload.model,
			title: v.title,
			tags: v.tags,
			createTime: rec.createdMs,
			duration: v.duration,
		}));
		const errors: Record<string, [number, string]> = {
			SENSITIVE_WORD_ERROR: [400, 'The prompt contains sensitive words. Please modify it and try again.'],
			GENERATE_AUDIO_FAILED: [500, 'Audio generation failed'],
			CREATE_TASK_FAILED: [500, 'Task was cancelled'],
		};
		const err = errors[s.word];
		return body(200, 'success', {
			taskId,
			parentMusicId: '',
			param: JSON.stringify(rec.payload.param),
			// Nothing to show while PENDING or after a failure; the docs do not say, so clients must accept null.
			response: early ? { taskId, sunoData } : null,
			status: s.word,
			errorCode: err ? err[0] : null,
			errorMessage: err ? err[1] : null,
			createTime: rec.createdMs,
		});
	}
}

/** Starts the Suno Sounds fake on 127.0.0.1 (default key 'suno-test-0123456789abcdef', link TTL 72 h). */
export async function startFakeSounds(opts: FakeOptions = {}): Promise<FakeServer> {
	let provider!: Sounds;
	const apiKey = opts.apiKey ?? SOUNDS_TEST_KEY;
	const core = await startCore(opts.port ?? 0, (c) => (provider = new Sounds(c, apiKey, opts)));
	return fakeServer(core, apiKey, () => provider);
}

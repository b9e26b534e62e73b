/**
 * A chapter becomes one voiceover: a job is a task in the same store whose children are the
 * speech tasks of its parts. The text is split so a paragraph never shares a part; parts are
 * cached by (model, voice, every parameter, text), so speaking the chapter again sends nothing
 * and an edited paragraph sends only its own parts; a bounded number of parts run at once;
 * when every part is downloaded, their WAVs are joined sample-exactly into the job's one file,
 * with a pause between paragraphs. Pure: no `vscode` import.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { joinWavFiles } from '../audio/wavJoin';
import { partKey } from '../text/partKey';
import { splitForSpeech } from '../text/split';
import type { LeaseBook } from '../tasks/lease';
import type { TaskStore } from '../tasks/store';
import { isFinal, jobOf, type JobPart, type TaskSnapshot } from '../shared/domain';
import type { Log } from '../util/log';

export interface SpeechJobDeps {
	store: TaskStore;
	/** Submits one task (one POST, persisted before it resolves). */
	submit(modelId: string, options: Record<string, unknown>): Promise<TaskSnapshot>;
	storageDir: string;
	log: Log;
	/** How many parts may be generating at once. */
	concurrency(): number;
	now?: () => number;
	/** Windows share the store: only the window holding a job's lease submits and joins its parts. */
	lease?: LeaseBook;
	/** Joins the parts' WAVs into `output` (the extension runs it on the audio worker); default: in this thread. */
	join?(inputs: string[], output: string, pausesMs: number[]): Promise<{ offsetsSec: number[]; durationSec: number }>;
}

export interface SpeechJobInput {
	modelId: string;
	provider: TaskSnapshot['provider'];
	/** Every option but the prompt (voice, rate…); the parts are requested as PCM/WAV. */
	options: Record<string, unknown>;
	/** The speakable text (already cleaned). */
	text: string;
	maxChars: number;
	/** Silence between paragraphs, ms. */
	pauseMs: number;
	/** The document the text came from, and each paragraph's lines, to follow along. */
	source?: NonNullable<NonNullable<TaskSnapshot['job']>['source']>;
	/** A script: each line its own paragraph, in its speaker's voice (model and options per line). */
	lines?: { speaker: string; text: string; model: string; options: Record<string, unknown>; maxChars: number }[];
}

/** Options as a part requests them: raw PCM (joined sample-exactly), 24 kHz unless chosen. */
function asParts(options: Record<string, unknown>): Record<string, unknown> {
	return { ...options, format: 'pcm', sample_rate: options.sample_rate ?? 24000 };
}

/** Silence between two parts of one paragraph (a sentence boundary), ms. */
const SENTENCE_PAUSE_MS = 150;

/** Runs speech jobs: start, follow the parts through the store, join, retry a part. */
export class SpeechJobs {
	/** One evaluation at a time per job (store events arrive in bursts). */
	private readonly queues = new Map<string, Promise<void>>();
	private readonly now: () => number;

	constructor(private readonly deps: SpeechJobDeps) {
		this.now = deps.now ?? Date.now;
	}

	/** How many requests `text` needs at `maxChars`, and how many of them are cached. */
	plan(input: SpeechJobInput): { parts: number; cached: number } {
		const parts = this.parts(input);
		return { parts: parts.length, cached: parts.filter((p) => p.fromCache).length };
	}

	/** Creates the job (persisted first), then submits its uncached parts. */
	async start(input: SpeechJobInput): Promise<TaskSnapshot> {
		const parts = this.parts(input);
		const now = this.now();
		const job: TaskSnapshot = {
			id: `job-${now.toString(36)}-${randomBytes(4).toString('hex')}`,
			provider: input.provider,
			model: input.modelId,
			status: 'processing',
			rawStatus: 'job',
			progress: 0,
			prompt: input.text,
			params: { ...input.options },
			createdAt: now,
			updatedAt: now,
			results: [],
			resultData: {},
			job: {
				kind: 'speech',
				parts,
				pauseMs: input.pauseMs,
				cachedParts: parts.filter((p) => p.fromCache).length,
				maxChars: input.maxChars,
				...(input.source ? { source: input.source } : {}),
			},
		};
		await this.deps.store.add(job);
		this.deps.log.info(`job ${job.id}: ${parts.length} parts, ${job.job!.cachedParts} from the cache`);
		await this.evaluate(job.id);
		return this.deps.store.get(job.id) ?? job;
	}

	/** After a reload: carry every unfinished job on. */
	resume(): void {
		for (const task of this.deps.store.list()) {
			if (task.job && !isFinal(task.status)) { void this.evaluate(task.id); }
		}
	}

	/** A task changed: if it is a part, its job moves on. */
	taskChanged(task: TaskSnapshot | undefined): void {
		const jobId = task && jobOf(task);
		if (jobId) { void this.evaluate(jobId); }
	}

	/** Generates one part again (after it failed); the job joins once it is done. */
	async retryPart(jobId: string, index: number): Promise<void> {
		await this.deps.store.update(jobId, (job) => ({
			...job,
			status: 'processing',
			error: undefined,
			job: job.job && { ...job.job, parts: job.job.parts.map((p) => p.index === index ? { ...p, taskId: undefined, fromCache: false, error: undefined } : p) },
		}));
		await this.evaluate(jobId);
	}

	private parts(input: SpeechJobInput): JobPart[] {
		const cache = this.cache();
		const base = asParts(input.options);
		delete base.prompt;
		const make = (
			p: { paragraph: number; text: string },
			index: number,
			model: string,
			options: Record<string, unknown>,
			line?: { speaker: string; options: Record<string, unknown>; model: string },
		): JobPart => {
			const key = partKey({ model, voice: typeof options.voice === 'string' ? options.voice : undefined, params: options, text: p.text });
			const cached = cache.get(key);
			return {
				index,
				paragraph: p.paragraph,
				text: p.text,
				key,
				...(line ? { speaker: line.speaker, options: line.options, ...(line.model !== input.modelId ? { model: line.model } : {}) } : {}),
				...(cached ? { taskId: cached, fromCache: true } : {}),
			};
		};
		if (!input.lines) {
			return splitForSpeech(input.text, input.maxChars).map((p) => make(p, p.index, input.modelId, base));
		}
		// A script: a line never shares a part, and each part speaks in its line's voice.
		const parts: JobPart[] = [];
		input.lines.forEach((line, paragraph) => {
			for (const p of splitForSpeech(line.text, line.maxChars)) {
				parts.push(make({ paragraph, text: p.text }, parts.length, line.model, { ...base, ...line.options }, line));
			}
		});
		return parts;
	}

	/** Part key → id of a finished part task whose file is still on disk. */
	private cache(): Map<string, string> {
		const cache = new Map<string, string>();
		for (const t of this.deps.store.list()) {
			const key = t.params.partKey;
			const file = t.results[0]?.localPath;
			if (typeof key === 'string' && t.status === 'completed' && file && !cache.has(key) && fs.existsSync(file)) { cache.set(key, t.id); }
		}
		return cache;
	}

	private evaluate(jobId: string): Promise<void> {
		const next = (this.queues.get(jobId) ?? Promise.resolve()).then(() => this.step(jobId)).catch((err: unknown) => {
			this.deps.log.error(`job ${jobId}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
		});
		this.queues.set(jobId, next);
		return next;
	}

	/** Submits what may run now, then joins or reports, from the parts' current state. */
	private async step(jobId: string): Promise<void> {
		let job = this.deps.store.get(jobId);
		if (!job?.job || isFinal(job.status)) {
			await this.deps.lease?.release(jobId);
			return;
		}
		// Another window carries this job on (and would send the same parts): follow it instead.
		if (this.deps.lease && !(await this.deps.lease.claim(jobId))) { return; }
		const get = (p: JobPart) => p.taskId ? this.deps.store.get(p.taskId) : undefined;
		const running = job.job.parts.filter((p) => {
			const t = get(p);
			return t !== undefined && !isFinal(t.status);
		}).length;
		let room = Math.max(1, this.deps.concurrency()) - running;
		for (const part of job.job.parts) {
			if (room <= 0) { break; }
			if (part.taskId || part.error) { continue; }
			// Submitted before a crash cut the job's record short: the part's task is in the store, so adopt it, never send it twice.
			const orphan = this.deps.store.list().find((t) => t.params.jobId === jobId && t.params.partKey === part.key && t.status !== 'failed' && t.status !== 'cancelled');
			if (orphan) {
				await this.setPart(jobId, part.index, { taskId: orphan.id });
				continue;
			}
			room--;
			const options = { ...asParts({ ...job.params, ...part.options }), prompt: part.text, jobId, partKey: part.key };
			try {
				const task = await this.deps.submit(part.model ?? job.model, options);
				await this.setPart(jobId, part.index, { taskId: task.id });
			} catch (err) {
				await this.setPart(jobId, part.index, { error: err instanceof Error ? err.message : String(err) });
			}
		}
		job = this.deps.store.get(jobId);
		if (!job?.job) { return; }
		const parts = job.job.parts;
		const done = parts.filter((p) => {
			const t = get(p);
			return t?.status === 'completed' && t.results[0]?.localPath;
		});
		const failed = parts.filter((p) => {
			const t = get(p);
			return p.error || t?.status === 'failed' || t?.status === 'cancelled' || t?.results.some((r) => r.downloadError);
		});
		const inFlight = parts.length - done.length - failed.length;
		if (done.length === parts.length) {
			await this.join(job);
		} else if (failed.length > 0 && inFlight === 0) {
			const first = failed[0];
			const reason = first.error ?? get(first)?.error?.message ?? get(first)?.results.find((r) => r.downloadError)?.downloadError ?? 'it did not finish';
			await this.deps.store.update(jobId, {
				status: 'failed',
				rawStatus: 'job',
				finishedAt: this.now(),
				progress: Math.round(100 * done.length / parts.length),
				error: {
					message: `${failed.length} of ${parts.length} parts failed; part ${first.index + 1}: ${reason}`,
					action: 'Retry the failed part alone (right-click it in the EvoLink view); the finished parts are kept.',
					retryable: true,
				},
			});
		} else {
			const progress = Math.round(100 * done.length / parts.length);
			if (progress !== job.progress) { await this.deps.store.update(jobId, { progress }); }
		}
	}

	private async setPart(jobId: string, index: number, patch: Partial<JobPart>): Promise<void> {
		await this.deps.store.update(jobId, (job) => ({
			...job,
			job: job.job && { ...job.job, parts: job.job.parts.map((p) => p.index === index ? { ...p, ...patch } : p) },
		}));
	}

	/** Joins the parts' WAVs into `results/<jobId>/1.wav` (temp file + rename) and completes the job. */
	private async join(job: TaskSnapshot): Promise<void> {
		const parts = job.job!.parts;
		const inputs = parts.map((p) => this.deps.store.get(p.taskId!)!.results[0].localPath!);
		const pausesMs = parts.map((p, i) => i === 0 ? 0 : p.paragraph !== parts[i - 1].paragraph ? job.job!.pauseMs : SENTENCE_PAUSE_MS);
		const dir = path.join(this.deps.storageDir, 'results', job.id);
		await fs.promises.mkdir(dir, { recursive: true });
		const file = path.join(dir, '1.wav');
		const tmp = `${file}.${process.pid}.tmp`;
		const joined = await (this.deps.join ?? joinHere)(inputs, tmp, pausesMs);
		await fs.promises.rename(tmp, file);
		await this.deps.store.update(job.id, (current) => ({
			...current,
			status: 'completed',
			progress: 100,
			finishedAt: this.now(),
			error: undefined,
			results: [{ index: 0, url: '', localPath: file, durationSec: joined.durationSec }],
			job: current.job && { ...current.job, offsetsSec: joined.offsetsSec },
		}));
		this.deps.log.info(`job ${job.id}: ${parts.length} parts joined into ${file} (${joined.durationSec.toFixed(2)} s)`);
	}
}

/** The join in this thread (tests, and when no worker is given). */
async function joinHere(inputs: string[], output: string, pausesMs: number[]): Promise<{ offsetsSec: number[]; durationSec: number }> {
	const joined = joinWavFiles(await Promise.all(inputs.map((f) => fs.promises.readFile(f))), { pausesMs });
	await fs.promises.writeFile(output, joined.wav);
	return { offsetsSec: joined.offsetsSec, durationSec: joined.durationSec };
}

/**
 * The services of one window, built once on first use (they live in dist/core.js): the HTTP
 * stack (undici), the provider clients, the task store with its leases, the engine and jobs.
 * Pure: no `vscode` import; the extension passes settings and key getters in.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadToFile } from './api/download';
import { EvolinkClient } from './api/evolink/client';
import { HttpClient } from './api/http';
import type { Balance, ProviderClient } from './api/provider';
import { redact } from './api/redact';
import { SoundsClient } from './api/sounds/client';
import { exportInWorker, joinInWorker, type AudioJob } from './audio/workerClient';
import { SpeechJobs } from './jobs/speechJob';
import type { ExportRecord } from './shared/exportOptions';
import { TaskEngine } from './tasks/engine';
import { LeaseBook, newOwnerId } from './tasks/lease';
import { TaskStore } from './tasks/store';
import type { ProviderId } from './shared/domain';
import type { Log } from './util/log';

export interface ServiceSettings {
	evolinkBaseUrl: string;
	evolinkFilesBaseUrl: string;
	soundsBaseUrl: string;
	maxDownloadMb: number;
	/** Parts of a speech job generating at once. */
	jobConcurrency?: number;
	proxy?: { url: string; noProxy?: string[]; strictSSL?: boolean };
}

export interface ServiceDeps {
	storageDir: string;
	getApiKey(provider: ProviderId): Promise<string | undefined>;
	settings(): ServiceSettings;
	log: Log;
	userAgent: string;
}

/** The engine, the store and the clients, built once per window. */
export class Services {
	readonly engine: TaskEngine;
	readonly jobs: SpeechJobs;
	private http: HttpClient;
	private clients = new Map<ProviderId, EvolinkClient | SoundsClient>();

	private constructor(private readonly deps: ServiceDeps, readonly store: TaskStore, owner: string) {
		this.http = this.makeHttp();
		// Windows share the store: one polls, downloads and joins each task or job; the others follow.
		const lease = new LeaseBook(path.join(deps.storageDir, 'tasks', 'leases'), { owner, log: deps.log });
		this.engine = new TaskEngine({
			store,
			lease,
			afterFollow: () => this.jobs.resume(),
			storageDir: deps.storageDir,
			log: deps.log,
			client: async (provider) => this.client(provider),
			download: async (url, dest, opts) => {
				await downloadToFile(this.http, url, dest, {
					maxBytes: this.deps.settings().maxDownloadMb * 1024 * 1024,
					signal: opts.signal,
					pcm: opts.pcmSampleRate ? { sampleRate: opts.pcmSampleRate } : undefined,
				});
			},
		});
		this.jobs = new SpeechJobs({
			store,
			submit: (modelId, options) => this.engine.submit(modelId, options),
			storageDir: deps.storageDir,
			log: deps.log,
			concurrency: () => this.deps.settings().jobConcurrency ?? 3,
			lease,
			// The join reads and writes every sample: on the audio worker, not this thread.
			join: (inputs, output, pausesMs) => joinInWorker(this.audioWorkerPath(), { inputs, output, pausesMs }),
		});
		store.onDidChange((e) => this.jobs.taskChanged(e.task));
	}

	/** Opens the store under `storageDir` and resumes every unfinished task. */
	static async create(deps: ServiceDeps): Promise<Services> {
		const owner = newOwnerId();
		const store = await TaskStore.open(path.join(deps.storageDir, 'tasks'), deps.log, { writerId: owner });
		const services = new Services(deps, store, owner);
		services.engine.resume();
		services.jobs.resume();
		return services;
	}

	/** The client of a provider, built with the current settings. */
	client(provider: ProviderId): ProviderClient & { secrets(): readonly string[] } {
		let client = this.clients.get(provider);
		if (!client) {
			client = this.makeClient(provider, () => this.deps.getApiKey(provider));
			this.clients.set(provider, client);
		}
		return client;
	}

	/** The provider's credit balance with the stored key (the status bar's figure). */
	balance(provider: ProviderId): Promise<Balance> {
		return this.client(provider).getBalance();
	}

	/** Reads the balance with a key that is not stored yet (to check it before storing it). */
	async checkKey(provider: ProviderId, key: string): Promise<Balance> {
		return this.makeClient(provider, async () => key).getBalance();
	}

	private makeClient(provider: ProviderId, getApiKey: () => Promise<string | undefined>): EvolinkClient | SoundsClient {
		const s = this.deps.settings();
		return provider === 'evolink'
			? new EvolinkClient({ baseUrl: s.evolinkBaseUrl, filesBaseUrl: s.evolinkFilesBaseUrl, getApiKey, http: this.http, log: this.deps.log })
			: new SoundsClient({ baseUrl: s.soundsBaseUrl, getApiKey, http: this.http, log: this.deps.log });
	}

	evolink(): EvolinkClient {
		return this.client('evolink') as EvolinkClient;
	}

	/** Settings changed (base URL, proxy): later calls use new clients; tasks keep polling. */
	settingsChanged(): void {
		const old = this.http;
		this.http = this.makeHttp();
		this.clients.clear();
		void old.close();
	}

	/**
	 * Turns a downloaded file into an engine-ready one (decode, loop, level, encode) on a worker
	 * thread (dist/audioWorker.js, beside this bundle), so long files never stall the host.
	 */
	exportAudio(job: AudioJob, signal?: AbortSignal): Promise<ExportRecord> {
		return exportInWorker(this.audioWorkerPath(), job, signal);
	}

	/** dist/audioWorker.js beside this bundle; from tsc's output (tests), src/audio/worker.js. */
	private audioWorkerPath(): string {
		const bundled = path.join(__dirname, 'audioWorker.js');
		return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'audio', 'worker.js');
	}

	/** Masks every key the clients have used. */
	redact(text: string): string {
		return redact(text, [...this.clients.values()].flatMap((c) => c.secrets()));
	}

	/** Stops polling, gives the leases back, and resolves once the journal's last write is on disk. Safe to call twice. */
	dispose(): Promise<void> {
		this.closing ??= (async () => {
			this.engine.dispose();
			await Promise.all([this.store.close(), this.http.close().catch(() => undefined)]);
		})();
		return this.closing;
	}

	private closing: Promise<void> | undefined;

	private makeHttp(): HttpClient {
		return new HttpClient({ proxy: this.deps.settings().proxy, log: this.deps.log, userAgent: this.deps.userAgent });
	}
}

import * as vscode from 'vscode';
import { readConfig } from './config';
import { loadCore } from './loadCore';
import { ApiKeyStore } from './secrets/keyStore';
import type { Services } from './services';
import type { TaskSnapshot } from './shared/domain';
import type { ChannelLogger } from './util/channelLogger';
import { DisposableBase } from './util/disposable';

/**
 * What every feature gets: the logger, the key store, settings, and the heavy services,
 * which load on first use. Also the bridge that turns the store's events into a
 * `vscode.Event` for the tree, status bar, notifications, preview and public API.
 */
export class App extends DisposableBase implements vscode.Disposable {
	readonly keys: ApiKeyStore;
	private readonly taskChanged = new vscode.EventEmitter<TaskSnapshot | undefined>();
	/** Fires with the changed task (or undefined when the whole list changed). */
	readonly onDidChangeTask = this.taskChanged.event;
	private loading: Promise<Services> | undefined;
	private loaded: Services | undefined;

	constructor(readonly context: vscode.ExtensionContext, readonly log: ChannelLogger) {
		super();
		this.keys = this._register(new ApiKeyStore(context.secrets));
		this._register(this.taskChanged);
		this._register(vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('evolink') || e.affectsConfiguration('http')) { this.loaded?.settingsChanged(); }
		}));
	}

	/** The services, loading them (and resuming unfinished tasks) on first call. */
	services(): Promise<Services> {
		this.loading ??= this.load();
		return this.loading;
	}

	/** The services if already loaded; never triggers loading. */
	get servicesIfLoaded(): Services | undefined {
		return this.loaded;
	}

	/** Every task, newest first (loads the store if needed). */
	async tasks(): Promise<TaskSnapshot[]> {
		return (await this.services()).store.list();
	}

	private async load(): Promise<Services> {
		const started = Date.now();
		const { Services } = loadCore();
		const storage = this.context.globalStorageUri.fsPath;
		const services = await Services.create({
			storageDir: storage,
			getApiKey: (p) => this.keys.get(p),
			settings: () => readConfig(),
			log: this.log.child('core'),
			userAgent: `evolink-studio/${this.context.extension.packageJSON.version} vscode/${vscode.version}`,
		});
		this.loaded = services;
		const sub = services.store.onDidChange((e) => this.taskChanged.fire(e.task));
		this._register({
			dispose: () => {
				sub.dispose();
				void services.dispose();
			},
		});
		this.log.info(`services loaded in ${Date.now() - started} ms (${services.store.list().length} tasks, storage ${storage})`);
		this.taskChanged.fire(undefined);
		return services;
	}

	/** The window is closing: resolves once the services stopped and the task journal's last write is on disk. */
	shutdown(): Promise<void> {
		return this.loaded?.dispose() ?? Promise.resolve();
	}
}

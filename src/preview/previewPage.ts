import * as vscode from 'vscode';
import type { HostToWebview } from '../shared/protocol';
import { DisposableBase } from '../util/disposable';
import type { Log } from '../util/log';
import { createNonce } from './nonce';
import { previewHtml } from './previewHtml';

/** How long a visible page may take to say `ready` before that is logged. */
const READY_TIMEOUT_MS = 10_000;

/**
 * The page inside one preview panel: its options and HTML, the `ready` handshake, and the
 * last full message, replayed whenever the page (re)loads. Nothing is posted before `ready`:
 * a page that is loading, hidden (torn down, as we do not retain context) or reloading would
 * lose it.
 */
export class PreviewPage extends DisposableBase {
	private ready = false;
	/** Messages that complete `latest`, replayed after it. */
	private extras: HostToWebview[] = [];
	private loaded = false;
	private roots: string[] = [];
	private latest?: HostToWebview;
	private watchdog?: ReturnType<typeof setTimeout>;

	constructor(private readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, private readonly log: Log, private readonly label: string) {
		super();
		panel.webview.options = this.options([]);
		this._register(panel.onDidChangeViewState(() => {
			if (!panel.visible) {
				this.ready = false; // Torn down; it says `ready` again when shown.
			} else if (!this.ready) {
				this.armWatchdog();
			}
		}));
		this._register({ dispose: () => clearTimeout(this.watchdog) });
	}

	/** Whether the page listens now (said `ready` since it last loaded). */
	get isReady(): boolean {
		return this.ready && !this.isDisposed;
	}

	/** The last `show` (or `missing`) message, which later updates patch. */
	get current(): HostToWebview | undefined {
		return this.latest;
	}

	/**
	 * Lets the page read `folders` (and the built assets), loading it the first time and
	 * reloading it when the folders change: VS Code applies new roots only to a new document.
	 */
	load(folders: string[]): void {
		if (this.loaded && folders.length === this.roots.length && folders.every((f, i) => f === this.roots[i])) {
			return;
		}
		this.roots = folders;
		this.loaded = true;
		this.ready = false;
		const webview = this.panel.webview;
		webview.options = this.options(folders);
		const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
		// A new nonce for every document.
		webview.html = previewHtml({
			cspSource: webview.cspSource,
			nonce: createNonce(),
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
			lang: vscode.env.language,
		});
		this.armWatchdog();
	}

	/** Sends a full view, now or when the page is next ready. */
	show(message: HostToWebview): void {
		this.latest = message;
		this.extras = [];
		this.post(message);
	}

	/** Sends what completes the latest view (a long WAV's peaks): now, and again after the view whenever the page reloads. */
	addToView(message: HostToWebview): void {
		this.extras.push(message);
		this.post(message);
	}

	/** Sends a message if the page can receive it; otherwise it is dropped (the next `show` covers it). */
	post(message: HostToWebview): void {
		this.log.debug(`[preview] ${message.type} for ${this.label}: ${this.ready ? 'posting' : 'held until ready'}`);
		if (this.ready && !this.isDisposed) {
			void this.panel.webview.postMessage(message);
		}
	}

	/** The page said `ready`: it listens now, so replay the latest view. */
	onReady(): void {
		this.ready = true;
		clearTimeout(this.watchdog);
		if (this.latest) {
			void this.panel.webview.postMessage(this.latest);
			for (const extra of this.extras) { void this.panel.webview.postMessage(extra); }
		}
	}

	/**
	 * Scripts on, nothing else: no command URIs or forms, no retained context (getState/setState
	 * restores the page instead, which VS Code recommends over retainContextWhenHidden).
	 */
	private options(folders: string[]): vscode.WebviewOptions {
		return {
			enableScripts: true,
			enableCommandUris: false,
			// The page has no forms; keep the capability off like the rest.
			enableForms: false,
			localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), ...folders.map((f) => vscode.Uri.file(f))],
		};
	}

	/**
	 * Logs a visible page that stays silent, so a blank preview leaves a trace. Seen in VS Code
	 * for the Web (code-server 1.100): a webview closed while its media was still loading keeps
	 * the shared service worker busy, and the next webview then waits about 30 s for its
	 * resources. Loading it again does not help (tried), so this only reports.
	 */
	private armWatchdog(): void {
		clearTimeout(this.watchdog);
		this.watchdog = setTimeout(() => {
			if (!this.ready && !this.isDisposed && this.panel.visible) {
				this.log.warn(`[preview] the page of ${this.label} has not said ready after ${READY_TIMEOUT_MS} ms`);
			}
		}, READY_TIMEOUT_MS);
	}
}

/**
 * The page's side of the channel to the extension host. The VS Code API object stays inside
 * this module (not on `window`), as the webview guide asks.
 */
import { parsePersistedState, type LogLevel, type PersistedState, type WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Sends a typed message to the host. */
export function post(message: WebviewToHost): void {
	api.postMessage(message);
}

/** Sends a line to the extension's log. */
export function log(level: LogLevel, message: string): void {
	post({ type: 'log', level, message: message.slice(0, 2000) });
}

/** The state saved before the page was last torn down (validated; `{}` if none). */
export function loadState(): PersistedState {
	return parsePersistedState(api.getState());
}

/** Saves the state VS Code hands back after the page is hidden, moved or reloaded. */
export function saveState(state: PersistedState): void {
	api.setState(state);
}

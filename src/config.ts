import * as vscode from 'vscode';
import type { PresetKind } from './catalog';
import { loadCore } from './loadCore';
import type { ExportOptions } from './shared/exportOptions';

/**
 * Typed access to our settings. Settings that redirect traffic or files are read from
 * user settings only, so an untrusted repository's `.vscode/settings.json` can never send
 * a key or a download elsewhere (they are also `application`-scoped in package.json).
 */
export interface Config {
	evolinkBaseUrl: string;
	evolinkFilesBaseUrl: string;
	soundsBaseUrl: string;
	outputFolder: string;
	autoSaveToWorkspace: boolean;
	confirmBeforeSpending: boolean;
	notifyOnFinish: boolean;
	maxDownloadMb: number;
	/** Parts of a speech job generating at once. */
	jobConcurrency: number;
	/** Silence between paragraphs in a joined voiceover, ms. */
	paragraphPauseMs: number;
	proxy?: { url: string; noProxy?: string[]; strictSSL?: boolean };
}

const DEFAULTS = {
	evolinkBaseUrl: 'https://api.evolink.ai',
	evolinkFilesBaseUrl: 'https://files-api.evolink.ai',
	soundsBaseUrl: 'https://api.sunoapi.org',
};

/** Reads the settings now (call again after `onDidChangeConfiguration`). */
export function readConfig(): Config {
	const c = vscode.workspace.getConfiguration('evolink');
	const http = vscode.workspace.getConfiguration('http');
	const proxyUrl = userOnly<string>(http, 'proxy') || process.env.HTTPS_PROXY || process.env.https_proxy || '';
	return {
		evolinkBaseUrl: userOnly<string>(c, 'apiBaseUrl') || DEFAULTS.evolinkBaseUrl,
		evolinkFilesBaseUrl: userOnly<string>(c, 'filesApiBaseUrl') || DEFAULTS.evolinkFilesBaseUrl,
		soundsBaseUrl: userOnly<string>(c, 'sounds.apiBaseUrl') || DEFAULTS.soundsBaseUrl,
		outputFolder: userOnly<string>(c, 'outputFolder') || 'generated',
		autoSaveToWorkspace: c.get<boolean>('autoSaveToWorkspace', false),
		confirmBeforeSpending: c.get<boolean>('confirmBeforeSpending', false),
		notifyOnFinish: c.get<boolean>('notifyOnFinish', true),
		maxDownloadMb: c.get<number>('maxDownloadMb', 500),
		jobConcurrency: c.get<number>('speech.concurrency', 3),
		paragraphPauseMs: c.get<number>('speech.paragraphPauseMs', 400),
		proxy: proxyUrl ?
			{
				url: proxyUrl,
				noProxy: userOnly<string[]>(http, 'noProxy') ?? (process.env.NO_PROXY ?? process.env.no_proxy)?.split(',').map((s) => s.trim()).filter(Boolean),
				strictSSL: http.get<boolean>('proxyStrictSSL', true),
			} :
			undefined,
	};
}

/** A setting's user-level value (global or remote user), ignoring workspace and folder values. */
function userOnly<T>(section: vscode.WorkspaceConfiguration, key: string): T | undefined {
	const inspected = section.inspect<T>(key);
	return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The default for a catalog question, from `evolink.<setting>` (any scope: these only shape requests). */
export function questionDefault(setting: string | undefined): unknown {
	if (!setting) { return undefined; }
	const value = vscode.workspace.getConfiguration('evolink').get(setting);
	return value === '' || value === null ? undefined : value;
}

/** The project's (or user's) export preset for a kind (`evolink.export.presets`); a damaged value counts as none. */
export function exportPreset(kind: PresetKind): ExportOptions {
	const all = vscode.workspace.getConfiguration('evolink').get<Record<string, unknown>>('export.presets') ?? {};
	try {
		// The schema (zod) lives in dist/core.js; saving and the preview, the only callers, load it anyway.
		const { path: _ignored, ...preset } = loadCore().parseExportOptions(all[kind]);
		return preset;
	} catch {
		return {};
	}
}

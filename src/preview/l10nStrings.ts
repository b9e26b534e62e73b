import * as vscode from 'vscode';
import { PREVIEW_STRINGS, type PreviewStrings } from '../shared/protocol';

let cached: PreviewStrings | undefined;

/**
 * The page's UI strings in VS Code's display language. The page bundles no l10n runtime
 * (practice 17: the webview receives its strings from the host). The language cannot change
 * without a reload, so one translation per session is enough.
 */
export function localizedStrings(): PreviewStrings {
	if (!cached) {
		const out = {} as Record<string, string>;
		for (const [key, english] of Object.entries(PREVIEW_STRINGS)) {
			out[key] = vscode.l10n.t(english);
		}
		cached = out as PreviewStrings;
	}
	return cached;
}

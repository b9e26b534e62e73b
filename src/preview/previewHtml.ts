/**
 * The preview page's HTML shell. It carries no task data at all: prompts, titles and provider
 * text reach the page only through `postMessage` and are set with `textContent`, so nothing a
 * user or provider typed can ever be parsed as HTML here. Pure: no `vscode` import.
 */

/** What the shell needs; every value is produced by the host, never by a user. */
export interface PreviewHtmlParts {
	/** `webview.cspSource`. */
	cspSource: string;
	/** A fresh nonce per HTML (see nonce.ts). */
	nonce: string;
	/** `asWebviewUri` of dist/webview.js. */
	scriptUri: string;
	/** `asWebviewUri` of dist/webview.css. */
	styleUri: string;
	/** `vscode.env.language`, for the page's `lang`. */
	lang?: string;
}

/**
 * The page's Content Security Policy. Only the webview resource origin may serve images,
 * media, styles and fetches, and only the nonce'd bundle may run.
 * `connect-src` is needed because the waveform is decoded from `fetch(src)` of the same
 * resource the <audio> element plays; it stays limited to `cspSource`.
 * No `'unsafe-inline'` anywhere: the page sets styles through the CSSOM, which CSP allows.
 */
export function previewCsp(cspSource: string, nonce: string): string {
	return [
		`default-src 'none'`,
		`img-src ${cspSource} data:`,
		`media-src ${cspSource}`,
		`connect-src ${cspSource}`,
		`style-src ${cspSource}`,
		`script-src 'nonce-${nonce}'`,
	].join('; ');
}

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The whole document; the bundle builds the UI after the host answers its `ready`. */
export function previewHtml(parts: PreviewHtmlParts): string {
	const a = escapeAttribute;
	const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(parts.lang ?? '') ? parts.lang! : 'en';
	return `<!DOCTYPE html>
<html lang="${lang}">
<head>
	<meta charset="UTF-8">
	<meta http-equiv="Content-Security-Policy" content="${a(previewCsp(parts.cspSource, parts.nonce))}">
	<meta name="viewport" content="width=device-width, initial-scale=1.0">
	<link rel="stylesheet" href="${a(parts.styleUri)}">
	<title>EvoLink preview</title>
</head>
<body>
	<main id="app" aria-busy="true" aria-live="polite"></main>
	<script nonce="${a(parts.nonce)}" src="${a(parts.scriptUri)}"></script>
</body>
</html>`;
}

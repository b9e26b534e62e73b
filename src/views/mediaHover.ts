import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectFacts } from '../assets/references';
import { isMediaPath, mediaPathCandidates, stringAt } from '../assets/mediaStrings';
import { loadCore } from '../loadCore';
import { formatChannels, formatCodecs, formatContainer, formatDuration, formatSampleRate } from '../preview/format';

/**
 * Hovering over a string in code that names an existing audio or video file shows what it is
 * (format, duration, sample rate, channels) with a "Play" link that opens it in VS Code's player.
 */
export class MediaHoverProvider implements vscode.HoverProvider {
	async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
		const literal = stringAt(document.lineAt(position.line).text, position.character);
		if (!literal || !isMediaPath(literal.value) || document.uri.scheme !== 'file') { return undefined; }
		const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
		const facts = root ? detectFacts(root, document.uri.fsPath, (p) => fs.existsSync(p)) : undefined;
		const file = mediaPathCandidates(literal.value, document.uri.fsPath, root, facts?.godotRoot).find((p) => fs.existsSync(p));
		if (!file) { return undefined; }
		// The codec readers are in dist/core.js: loaded by the first hover over an existing media file.
		const info = await loadCore().readMediaInfo(file).catch(() => undefined);
		const audio = info?.tracks.find((t) => t.kind === 'audio');
		const codecs = info ? formatCodecs(info.tracks) : '';
		const facts2 = info ?
			[
				formatContainer(info.container) === codecs ? undefined : formatContainer(info.container),
				codecs,
				info.durationSec !== undefined ? formatDuration(info.durationSec) : undefined,
				audio?.sampleRate ? formatSampleRate(audio.sampleRate) : undefined,
				audio?.channels ? formatChannels(audio.channels) : undefined,
			].filter(Boolean).join(' · ') :
			vscode.l10n.t('unreadable media file');
		const md = new vscode.MarkdownString(undefined, true);
		md.appendMarkdown(`$(file-media) **${escapeMarkdown(path.basename(file))}** — ${escapeMarkdown(facts2)}\n\n`);
		const play = `command:vscode.open?${encodeURIComponent(JSON.stringify([vscode.Uri.file(file).toString()]))}`;
		// A link title may not contain a double quote; the label is escaped like the file name.
		const tooltip = vscode.l10n.t("Open in VS Code's player").replace(/"/g, "'");
		md.appendMarkdown(`[$(play) ${escapeMarkdown(vscode.l10n.t('Play'))}](${play} "${tooltip}")`);
		// Only this command may run from the hover; the text itself is escaped.
		md.isTrusted = { enabledCommands: ['vscode.open'] };
		const range = new vscode.Range(position.line, literal.start, position.line, literal.end);
		return new vscode.Hover(md, range);
	}
}

function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}

/** Registers the hover for code files on disk. */
export function registerMediaHover(): vscode.Disposable {
	return vscode.languages.registerHoverProvider({ scheme: 'file' }, new MediaHoverProvider());
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { makesVoice } from '../catalog';
import { loadCore } from '../loadCore';
import { Dismissed } from './errors';

const CLONE = '$clone';

/**
 * Seed-Audio's voice: one searchable quick pick over the 288 preset voices we ship (name,
 * language, scenario), the default on top, plus "Clone a voice from reference audio…",
 * which asks for a clip (a local file is uploaded; an https URL is used as is).
 */
export async function pickVoice(_app: App, fallback: string | undefined, answers: Record<string, unknown>): Promise<string | undefined> {
	type Item = vscode.QuickPickItem & { id?: string };
	// The list (36 KB) is in dist/core.js, loaded now rather than at activation.
	const list = loadCore().SEED_AUDIO_VOICES;
	const preset: Item[] = list.map((v) => ({ label: v.name, description: `${v.gender} · ${v.language}`, detail: `${v.scenario} · ${v.id}`, id: v.id }));
	const top = fallback ? preset.filter((p) => p.id === fallback).map((p) => ({ ...p, description: vscode.l10n.t('{0} (default)', p.description ?? '') })) : [];
	const items: Item[] = [
		...top,
		{
			label: vscode.l10n.t('$(mic) Clone a voice from reference audio…'),
			detail: vscode.l10n.t('A clip of up to 30 s (wav, mp3, pcm or ogg_opus), a local file or an https URL'),
			id: CLONE,
		},
		{ label: vscode.l10n.t('Preset voices'), kind: vscode.QuickPickItemKind.Separator },
		...preset.filter((p) => p.id !== fallback),
	];
	const picked = await vscode.window.showQuickPick(items, {
		title: vscode.l10n.t('Voice'),
		placeHolder: vscode.l10n.t('Search {0} voices by name, language or scenario', list.length),
		matchOnDescription: true,
		matchOnDetail: true,
		ignoreFocusOut: true,
	});
	if (!picked) { throw new Dismissed(); }
	if (picked.id !== CLONE) { return picked.id; }
	const source = await vscode.window.showQuickPick([
		{ label: vscode.l10n.t('$(file) Choose a local clip…'), local: true },
		{ label: vscode.l10n.t('$(link) Enter an https URL…'), local: false },
	], { title: vscode.l10n.t('Reference audio'), ignoreFocusOut: true });
	if (!source) { throw new Dismissed(); }
	if (source.local) {
		const uris = await vscode.window.showOpenDialog({
			title: vscode.l10n.t('Reference audio (≤ 30 s)'),
			filters: { [vscode.l10n.t('Audio')]: ['wav', 'mp3', 'pcm', 'ogg', 'opus'] },
			canSelectMany: false,
		});
		if (!uris?.length) { throw new Dismissed(); }
		answers.referenceAudio = uris[0].fsPath;
	} else {
		const url = await vscode.window.showInputBox({
			title: vscode.l10n.t('Reference audio URL'),
			placeHolder: 'https://…/clip.mp3',
			ignoreFocusOut: true,
			validateInput: (v) => /^https:\/\/\S+$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter an https:// URL.'),
		});
		if (!url) { throw new Dismissed(); }
		answers.referenceAudio = url.trim();
	}
	return undefined;
}

/** Qwen TTS's voice: one of the voices made by finished `qwen-voice-design` tasks. */
export async function pickDesignedVoice(app: App): Promise<string> {
	const designed = (await app.tasks()).filter((t) => makesVoice(t.model) && t.resultData.voice);
	if (designed.length === 0) {
		const choice = await vscode.window.showInformationMessage(
			vscode.l10n.t('You have no designed voice yet. Design one first: describe it, and it becomes selectable here.'),
			vscode.l10n.t('Design a Voice'),
		);
		if (choice) { void vscode.commands.executeCommand('evolink.designVoice'); }
		throw new Dismissed();
	}
	const picked = await vscode.window.showQuickPick(designed.map((t) => ({ label: t.resultData.voice!, description: t.prompt.slice(0, 80), voice: t.resultData.voice! })), {
		title: vscode.l10n.t('Designed voice'),
		ignoreFocusOut: true,
	});
	if (!picked) { throw new Dismissed(); }
	return picked.voice;
}

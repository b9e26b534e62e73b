import * as vscode from 'vscode';
import type { App } from '../app';
import voices from '../catalog/seedAudioVoices.json';
import { Dismissed } from './errors';

interface Voice { id: string; name: string; language: string; gender: string; scenario: string; description?: string }

const CLONE = '$clone';

/**
 * Seed-Audio's voice: one searchable quick pick over the 288 preset voices we ship (name,
 * language, scenario), the default on top, plus "Clone a voice from reference audio…",
 * which asks for a clip (a local file is uploaded; an https URL is used as is).
 */
export async function pickVoice(_app: App, fallback: string | undefined, answers: Record<string, unknown>): Promise<string | undefined> {
	type Item = vscode.QuickPickItem & { id?: string };
	const list = voices as Voice[];
	const preset: Item[] = list.map((v) => ({ label: v.name, description: `${v.gender} · ${v.language}`, detail: `${v.scenario} · ${v.id}`, id: v.id }));
	const top = fallback ? preset.filter((p) => p.id === fallback).map((p) => ({ ...p, description: `${p.description} (default)` })) : [];
	const items: Item[] = [
		...top,
		{ label: '$(mic) Clone a voice from reference audio…', detail: 'A clip of up to 30 s (wav, mp3, pcm or ogg_opus), a local file or an https URL', id: CLONE },
		{ label: 'Preset voices', kind: vscode.QuickPickItemKind.Separator },
		...preset.filter((p) => p.id !== fallback),
	];
	const picked = await vscode.window.showQuickPick(items, { title: 'Voice', placeHolder: 'Search 288 voices by name, language or scenario', matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
	if (!picked) { throw new Dismissed(); }
	if (picked.id !== CLONE) { return picked.id; }
	const source = await vscode.window.showQuickPick([{ label: '$(file) Choose a local clip…', local: true }, { label: '$(link) Enter an https URL…', local: false }], { title: 'Reference audio', ignoreFocusOut: true });
	if (!source) { throw new Dismissed(); }
	if (source.local) {
		const uris = await vscode.window.showOpenDialog({ title: 'Reference audio (≤ 30 s)', filters: { Audio: ['wav', 'mp3', 'pcm', 'ogg', 'opus'] }, canSelectMany: false });
		if (!uris?.length) { throw new Dismissed(); }
		answers.referenceAudio = uris[0].fsPath;
	} else {
		const url = await vscode.window.showInputBox({ title: 'Reference audio URL', placeHolder: 'https://…/clip.mp3', ignoreFocusOut: true, validateInput: (v) => /^https:\/\/\S+$/.test(v.trim()) ? undefined : 'Enter an https:// URL.' });
		if (!url) { throw new Dismissed(); }
		answers.referenceAudio = url.trim();
	}
	return undefined;
}

/** Qwen TTS's voice: one of the voices made by finished `qwen-voice-design` tasks. */
export async function pickDesignedVoice(app: App): Promise<string> {
	const designed = (await app.tasks()).filter((t) => t.model === 'qwen-voice-design' && t.resultData.voice);
	if (designed.length === 0) {
		const choice = await vscode.window.showInformationMessage('You have no designed voice yet. Design one first: describe it, and it becomes selectable here.', 'Design a Voice');
		if (choice) { void vscode.commands.executeCommand('evolink.designVoice'); }
		throw new Dismissed();
	}
	const picked = await vscode.window.showQuickPick(designed.map((t) => ({ label: t.resultData.voice!, description: t.prompt.slice(0, 80), voice: t.resultData.voice! })), { title: 'Designed voice', ignoreFocusOut: true });
	if (!picked) { throw new Dismissed(); }
	return picked.voice;
}

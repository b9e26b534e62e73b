import * as vscode from 'vscode';
import { questionDefault } from '../config';
import type { ModelSpec, Question } from '../catalog';
import { Dismissed } from './errors';
import { pickDesignedVoice, pickVoice } from './voices';
import type { App } from '../app';

/**
 * Fills in the options a model needs. Fields already in `options` are kept. With
 * `interactive` false (an options argument was given), every question takes its default and
 * only a required field with no default is asked. Otherwise each question is asked in the
 * catalog's order, except advanced ones, which are asked only when the user picks
 * "Adjust options…".
 */
export async function askQuestions(app: App, spec: ModelSpec, options: Record<string, unknown>, interactive: boolean): Promise<Record<string, unknown>> {
	const answers = { ...options };
	let advanced = false;
	if (interactive && spec.questions.some((q) => q.advanced && answers[q.field] === undefined)) {
		advanced = await askAdvanced(spec);
	}
	for (const q of spec.questions) {
		if (answers[q.field] !== undefined || (q.when && !q.when(answers))) { continue; }
		const fallback = questionDefault(q.setting) ?? ('default' in q ? q.default : undefined);
		const needed = fallback === undefined && !q.optional && q.kind !== 'voice';
		if ((!interactive || (q.advanced && !advanced)) && !needed) {
			if (fallback !== undefined) { answers[q.field] = fallback; }
			continue;
		}
		const value = await ask(app, q, fallback, answers);
		if (value !== undefined && value !== '') { answers[q.field] = value; }
	}
	return answers;
}

async function askAdvanced(spec: ModelSpec): Promise<boolean> {
	const choice = await vscode.window.showQuickPick([
		{ label: vscode.l10n.t('$(play) Generate with defaults'), advanced: false, detail: vscode.l10n.t('Settings and defaults for {0}', spec.label) },
		{
			label: vscode.l10n.t('$(settings) Adjust options…'),
			advanced: true,
			detail: spec.questions.filter((q) => q.advanced).map((q) => q.title.replace(/\s*\(.*$/, '')).join(', '),
		},
	], { title: spec.label, ignoreFocusOut: true });
	if (!choice) { throw new Dismissed(); }
	return choice.advanced;
}

async function ask(app: App, q: Question, fallback: unknown, answers: Record<string, unknown>): Promise<unknown> {
	switch (q.kind) {
		case 'pick': {
			const items = q.items.map((i) => ({
				label: i.label,
				description: [i.value === fallback ? vscode.l10n.t('(default)') : '', i.description ?? ''].filter(Boolean).join(' '),
				value: i.value,
			}));
			items.sort((a, b) => Number(b.value === fallback) - Number(a.value === fallback));
			const picked = await vscode.window.showQuickPick(items, { title: q.title, ignoreFocusOut: true, matchOnDescription: true });
			if (!picked) { throw new Dismissed(); }
			return picked.value;
		}
		case 'number': {
			const text = await vscode.window.showInputBox({
				title: q.title,
				value: fallback === undefined ? '' : String(fallback),
				ignoreFocusOut: true,
				validateInput: (v) => numberProblem(v, q.min, q.max, q.integer, q.optional),
			});
			if (text === undefined) { throw new Dismissed(); }
			return text.trim() === '' ? undefined : Number(text);
		}
		case 'text': {
			const text = await vscode.window.showInputBox({
				title: q.title,
				value: typeof fallback === 'string' ? fallback : '',
				placeHolder: q.placeholder,
				ignoreFocusOut: true,
				validateInput: (v) =>
					q.pattern && !q.pattern.test(v)
						? (q.patternHint ?? vscode.l10n.t('Must match {0}', String(q.pattern)))
						: (!q.optional && v.trim() === '' ? vscode.l10n.t('{0} is required.', q.title) : undefined),
			});
			if (text === undefined) { throw new Dismissed(); }
			return text;
		}
		case 'voice':
			return pickVoice(app, typeof fallback === 'string' ? fallback : undefined, answers);
		case 'designedVoice':
			return pickDesignedVoice(app);
		case 'file': {
			const uris = await vscode.window.showOpenDialog({ title: q.title, filters: q.filters, canSelectMany: false });
			if (!uris?.length) { throw new Dismissed(); }
			return uris[0].fsPath;
		}
	}
}

/** Why a typed number is not acceptable, or undefined. */
export function numberProblem(text: string, min: number, max: number, integer?: boolean, optional?: boolean): string | undefined {
	if (text.trim() === '') { return optional ? undefined : vscode.l10n.t('A value is required.'); }
	const n = Number(text);
	if (!Number.isFinite(n)) { return vscode.l10n.t('Enter a number.'); }
	if (integer && !Number.isInteger(n)) { return vscode.l10n.t('Enter a whole number.'); }
	if (n < min || n > max) { return vscode.l10n.t('Enter a value from {0} to {1}.', min, max); }
	return undefined;
}

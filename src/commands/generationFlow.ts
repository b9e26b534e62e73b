import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../app';
import { getModel, type ModelSpec } from '../catalog';
import { readConfig } from '../config';
import type { SpeechJobInput } from '../jobs/speechJob';
import { PROVIDER_NAMES } from '../secrets/keyStore';
import { mimeTypeOf } from '../shared/mime';
import { askQuestions } from './ask';
import { Dismissed, showError } from './errors';

export type Options = Record<string, unknown>;

/** How a generation command starts: the model, the options argument, and where the text comes from. */
export interface GenerationRequest {
	modelId: string;
	/** The options argument; when given, nothing is asked that has a default. */
	args?: Options;
	/** Options known from where the command started (an Explorer image), still asking the rest. */
	initial?: Options;
	/** Text to use when the options hold no prompt (the selection). */
	text?: string;
	/** Several texts (one per cursor): the questions are asked once, then one task per text. */
	texts?: string[];
	/** Title of the input box when the prompt must be typed. */
	promptTitle: string;
	/** Where a single selected text came from (a job made of it can be followed in the editor). */
	source?: SpeechJobInput['source'];
	/** A script spoken by a cast: one job, each line in its speaker's voice. */
	script?: SpeechScript;
	/** Extra interactive steps after the catalog's questions (e.g. a persona for music). */
	extraSteps?: (options: Options) => Promise<void>;
}

/** A script's lines made speakable, with each speaker's model and voice options. */
export interface SpeechScript {
	lines: NonNullable<SpeechJobInput['lines']>;
	/** The whole script as one text (the job's prompt). */
	text: string;
}

/**
 * One way through for every generation command: prompt → key → questions → uploads →
 * confirmation (if the setting asks for it) → submission. Returns the new task's id (an array
 * of ids for several texts), or undefined when the user dismissed a step or the request was
 * refused (the reason is shown).
 */
export async function runGeneration(app: App, req: GenerationRequest): Promise<string | string[] | undefined> {
	const spec = getModel(req.modelId);
	if (!spec) { throw new Error(`Unknown model "${req.modelId}".`); }
	const interactive = req.args === undefined;
	try {
		let options: Options = { ...req.initial, ...req.args };
		// A batch: `count` variations of one prompt, one task each, named in sequence when saved.
		let count = options.count;
		delete options.count;
		if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 8)) {
			throw Object.assign(new Error(`count must be a whole number from 1 to 8 (got ${JSON.stringify(count)}); nothing was sent.`), { action: 'Ask for 1 to 8 variations.' });
		}
		if (req.script) { options[spec.promptField] = req.script.text; }
		const several = options[spec.promptField] === undefined && req.texts && req.texts.length > 1 ? req.texts : undefined;
		if (options[spec.promptField] === undefined) {
			const text = req.texts?.[0] ?? req.text;
			options[spec.promptField] = text?.trim() ? text : await askPrompt(req.promptTitle);
		}
		if (!(await ensureKey(app, spec, interactive))) { return undefined; }
		options = await askQuestions(app, spec, options, interactive);
		if (interactive) { await req.extraSteps?.(options); }
		if (interactive && spec.variations && count === undefined && !req.texts?.length) { count = await askVariations(); }
		options = await uploadLocalFiles(app, spec, options);
		const prompts = several ?? Array.from({ length: typeof count === 'number' ? count : 1 }, () => String(options[spec.promptField]));
		const config = readConfig();
		const core = await app.services();
		// Speech longer than one request allows becomes a job: its parts, joined into one file.
		const jobInput = (text: string): SpeechJobInput | undefined =>
			req.script
				// A cast speaks: the speakers' voices replace the default one.
				? {
					modelId: spec.id,
					provider: spec.provider,
					options: withoutField(withoutField(options, spec.promptField), 'voice'),
					text,
					maxChars: spec.maxPromptChars ?? 600,
					pauseMs: config.paragraphPauseMs,
					lines: req.script.lines,
				}
				: spec.maxPromptChars !== undefined && text.length > spec.maxPromptChars
				? {
					modelId: spec.id,
					provider: spec.provider,
					options: withoutField(options, spec.promptField),
					text,
					maxChars: spec.maxPromptChars,
					pauseMs: config.paragraphPauseMs,
					...(req.source && prompts.length === 1 ? { source: req.source } : {}),
				}
				: undefined;
		const requests = prompts.reduce((n, p) => {
			const job = jobInput(p);
			if (!job) { return n + 1; }
			const plan = core.jobs.plan(job);
			return n + plan.parts - plan.cached;
		}, 0);
		if (config.confirmBeforeSpending && !(await confirmSpend(spec, prompts, requests))) { return undefined; }
		const batchId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
		const ids = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: `EvoLink: submitting ${requests > 1 ? `${requests} × ` : ''}${spec.label.toLowerCase()}…` },
			async () => {
				const created: string[] = [];
				// One at a time: each accepted task is persisted before the next request goes out.
				for (const [index, prompt] of prompts.entries()) {
					const job = jobInput(prompt);
					// The batch's id lets the preview show its variations side by side.
					const batch = typeof count === 'number' && count > 1 ? { batch: { id: batchId, index, count } } : {};
					created.push((job ? await core.jobs.start(job) : await core.engine.submit(spec.id, { ...options, [spec.promptField]: prompt, ...batch })).id);
				}
				return created;
			},
		);
		vscode.window.setStatusBarMessage(`$(check) ${ids.length > 1 ? `${ids.length} tasks` : spec.label} submitted — see the EvoLink Tasks view`, 5000);
		return several || count !== undefined ? ids : ids[0];
	} catch (err) {
		if (err instanceof Dismissed) { return undefined; }
		showError(app, err, `${spec.label} was not started`);
		// Scripts, keybindings and tests that passed options get the failure itself.
		if (!interactive) { throw err; }
		return undefined;
	}
}

/** How many variations of one prompt (a batch: one task each, named -01, -02… when saved). */
async function askVariations(): Promise<number | undefined> {
	const items = [1, 2, 4, 8].map((n) => ({ label: n === 1 ? '1 file' : `${n} variations`, description: n === 1 ? '' : `${n} requests, ${n} files named -01 … -0${n}`, n }));
	const pick = await vscode.window.showQuickPick(items, { title: 'How many variations?', ignoreFocusOut: true });
	if (!pick) { throw new Dismissed(); }
	return pick.n === 1 ? undefined : pick.n;
}

async function askPrompt(title: string): Promise<string> {
	const text = await vscode.window.showInputBox({ title, ignoreFocusOut: true, validateInput: (v) => v.trim() ? undefined : 'Type what to generate.' });
	if (text === undefined) { throw new Dismissed(); }
	return text;
}

/** With no key: explain, offer to set one, and go on only if one was set. */
async function ensureKey(app: App, spec: ModelSpec, interactive: boolean): Promise<boolean> {
	if (await app.keys.has(spec.provider)) { return true; }
	const name = PROVIDER_NAMES[spec.provider];
	const message = `${spec.label} needs a ${name} API key, and none is set. Keys are kept in VS Code's secret storage.`;
	if (!interactive) {
		void vscode.window.showWarningMessage(message, 'Set API Key').then((c) => c && vscode.commands.executeCommand('evolink.setApiKey', spec.provider));
		throw Object.assign(new Error(`No ${name} API key is set.`), { code: 'missing_api_key', action: "Run 'EvoLink: Set API Key'." });
	}
	const choice = await vscode.window.showWarningMessage(message, 'Set API Key');
	if (choice !== 'Set API Key') { return false; }
	await vscode.commands.executeCommand('evolink.setApiKey', spec.provider);
	return app.keys.has(spec.provider);
}

/** Local files (a reference clip, an image) go up through EvoLink's files API; URLs pass as they are. */
async function uploadLocalFiles(app: App, spec: ModelSpec, options: Options): Promise<Options> {
	const out = { ...options };
	for (const { field, target } of spec.uploads ?? []) {
		const value = out[field];
		if (typeof value !== 'string' || value === '') { continue; }
		let url = value;
		if (!/^https?:\/\//.test(value)) {
			const uploaded = await vscode.window.withProgress(
				{ location: vscode.ProgressLocation.Notification, title: `EvoLink: uploading ${path.basename(value)}…` },
				async () => (await app.services()).evolink().uploadFile(value, { mimeType: mimeTypeOf(value) }),
			);
			url = uploaded.fileUrl;
		}
		if (target === 'image_urls') {
			delete out[field];
			out.image_urls = [url];
		} else {
			out[field] = url;
		}
	}
	return out;
}

function withoutField(options: Options, field: string): Options {
	const rest = { ...options };
	delete rest[field];
	return rest;
}

async function confirmSpend(spec: ModelSpec, prompts: string[], count: number): Promise<boolean> {
	const text = prompts[0] ?? '';
	const total = prompts.reduce((n, p) => n + p.length, 0);
	const requests = count === 1 ? '1 request' : `${count} requests`;
	const choice = await vscode.window.showInformationMessage(
		`Spend ${PROVIDER_NAMES[spec.provider]} credits on ${spec.label.toLowerCase()}?`,
		{
			modal: true,
			detail: `${requests}, ${total} characters to send: “${text.slice(0, 120)}${
				text.length > 120 ? '…' : ''
			}”. Turn this question off with the setting evolink.confirmBeforeSpending.`,
		},
		'Generate',
	);
	return choice === 'Generate';
}

/** The selected text of the active editor, if any. */
export function selectedText(): string | undefined {
	const editor = vscode.window.activeTextEditor;
	if (!editor) { return undefined; }
	const text = editor.selections.map((s) => editor.document.getText(s)).filter(Boolean).join('\n');
	return text.trim() ? text : undefined;
}

import * as vscode from 'vscode';
import type { App } from '../app';
import { defaultModelOf, getModel, makesVoice, quickGenerateModels, speechModels, type ModelKind, type ModelSpec } from '../catalog';
import { loadCore } from '../loadCore';
import { runGeneration, selectedText, type GenerationRequest, type Options } from './generationFlow';
import { Dismissed } from './errors';
import { buildCast, castScript } from './castCommands';
import { addPronunciation, editorSelections, speakable } from './speechText';

/** Options arguments may name the model (`model: '<catalog id>'`); everything else is the model's fields. */
function argsOf(value: unknown): Options | undefined {
	return value && typeof value === 'object' && !(value instanceof vscode.Uri) && !Array.isArray(value) ? { ...(value as Options) } : undefined;
}

/** Registers the generation commands. Each returns the created task's id (or undefined). */
export function registerGenerationCommands(app: App): vscode.Disposable {
	const speak = async (arg?: unknown) => {
		const args = argsOf(arg);
		let modelId = typeof args?.model === 'string' ? args.model : defaultModelOf('speech').id;
		if (args) { delete args.model; }
		// Several speech models to choose from (those needing a designed voice once the user has one).
		const speakers = args ? [] : speechModels(await hasDesignedVoices(app));
		if (speakers.length > 1) {
			const pick = await vscode.window.showQuickPick(speakers.map((m) => ({ label: m.label, description: m.detail, id: m.id })), { title: 'Speak with' });
			if (!pick) { return undefined; }
			modelId = pick.id;
		}
		try {
			const raw = typeof args?.prompt === 'string' ? args.prompt : editorSelections()?.texts.join('\n');
			const script = raw ? await castScript(app, raw, args?.cast, args?.clean === false ? false : undefined) : undefined;
			if (script) {
				const { cast: _cast, clean: _clean, languageId: _languageId, prompt: _prompt, ...rest } = args ?? {};
				return await runGeneration(app, { modelId, args: args ? rest : undefined, script, promptTitle: 'Script to speak' });
			}
			if (args) { delete args.cast; }
			return await runGeneration(app, {
				modelId,
				args: await speakableArgs(args),
				texts: await speakableSelections(args),
				source: selectionSource(args),
				promptTitle: 'Text to speak',
			});
		} catch (err) {
			if (err instanceof Dismissed) { return undefined; }
			throw err;
		}
	};
	const video = (arg?: unknown) => {
		const args = argsOf(arg);
		const image = arg instanceof vscode.Uri ? arg.fsPath : undefined;
		return runGeneration(app, {
			modelId: defaultModelOf('video').id,
			args: image ? undefined : args,
			text: selectedText(),
			promptTitle: image ? 'Describe the motion for this image' : 'Describe the video',
			...(image ? { initial: { image } } : {}),
		});
	};
	/** A kind's command: its default model, and a persona to sing with when the model can use one. */
	const ofKind = (kind: ModelKind, arg: unknown, promptTitle: string) => {
		const spec = defaultModelOf(kind);
		return runGeneration(app, { modelId: spec.id, args: argsOf(arg), text: selectedText(), promptTitle, ...personaStep(app, spec) });
	};
	return vscode.Disposable.from(
		vscode.commands.registerCommand('evolink.speakSelection', speak),
		vscode.commands.registerCommand('evolink.generateSound', (arg?: unknown) => ofKind('sound', arg, 'Describe the sound or loop (up to 500 characters)')),
		vscode.commands.registerCommand('evolink.generateVideo', video),
		vscode.commands.registerCommand('evolink.generateMusic', (arg?: unknown) => ofKind('music', arg, 'Describe the song (or paste lyrics for custom mode)')),
		vscode.commands.registerCommand('evolink.designVoice', (arg?: unknown) => ofKind('voice', arg, 'Describe the voice (gender, age, pitch, pace, emotion, timbre)')),
		vscode.commands.registerCommand('evolink.quickGenerate', () => quickGenerate(app)),
		vscode.commands.registerCommand('evolink.buildCast', (arg?: unknown) => buildCast(app, arg)),
		vscode.commands.registerCommand(
			'evolink.addPronunciation',
			(word?: unknown, said?: unknown) => addPronunciation(typeof word === 'string' ? word : undefined, typeof said === 'string' ? said : undefined),
		),
	);
}

/** The options argument with its prompt made speakable (`clean` and `languageId` are ours, not the provider's). */
async function speakableArgs(args: Options | undefined): Promise<Options | undefined> {
	if (!args) { return undefined; }
	const { clean, languageId, ...rest } = args;
	if (typeof rest.prompt === 'string') {
		const [spoken] = await speakable([rest.prompt], 'markdown', {
			clean: clean === false ? false : undefined,
			languageId: typeof languageId === 'string' ? languageId : undefined,
		});
		if (spoken === undefined) { throw new Error('Nothing to read aloud: the text holds only markup or code.'); }
		rest.prompt = spoken;
	}
	return rest;
}

/** Each selection (one per cursor) made speakable; undefined when nothing is selected or the options carry the prompt. */
async function speakableSelections(args: Options | undefined): Promise<string[] | undefined> {
	const selections = editorSelections();
	if (!selections || typeof args?.prompt === 'string') { return undefined; }
	const texts = await speakable(selections.texts, selections.languageId, { clean: args?.clean === false ? false : undefined });
	if (texts.length === 0) {
		const message = 'Nothing to read aloud in the selection: it holds code without comments, or only markup. Select prose or comments, or type the text.';
		// A script that passed options gets the refusal itself; a person sees it.
		if (args) { throw new Error(message); }
		void vscode.window.showWarningMessage(message);
		throw new Dismissed();
	}
	return texts;
}

/** The one selected range's document and paragraph lines, so its voiceover can be followed there. */
function selectionSource(args: Options | undefined): GenerationRequest['source'] {
	const editor = vscode.window.activeTextEditor;
	if (!editor || typeof args?.prompt === 'string' || args?.clean === false) { return undefined; }
	const ranges = editor.selections.filter((s) => !s.isEmpty);
	if (ranges.length !== 1) { return undefined; }
	const paragraphs = loadCore().speechParagraphs(editor.document.getText(ranges[0]), editor.document.languageId);
	if (!paragraphs) { return undefined; }
	const first = ranges[0].start.line;
	return { uri: editor.document.uri.toString(), paragraphLines: paragraphs.map((p) => [p.lines[0] + first, p.lines[1] + first]) };
}

async function hasDesignedVoices(app: App): Promise<boolean> {
	return (await app.tasks()).some((t) => makesVoice(t.model) && t.resultData.voice);
}

/** The extra step for a model that can sing with a persona (the catalog says when, and with which fields). */
function personaStep(app: App, spec: ModelSpec): Pick<GenerationRequest, 'extraSteps'> {
	const sings = spec.singsWithPersona;
	const maker = spec.follows?.persona;
	return sings && maker ? { extraSteps: (o) => pickPersona(app, maker, sings, o) } : {};
}

/** Offers the personas the user made (tasks of `maker`) when the options can use one. */
async function pickPersona(app: App, maker: string, sings: NonNullable<ModelSpec['singsWithPersona']>, options: Options): Promise<void> {
	if (!sings.offer(options)) { return; }
	const personas = (await app.tasks()).filter((t) => t.model === maker && t.resultData.personaId);
	if (personas.length === 0) { return; }
	const pick = await vscode.window.showQuickPick([
		{ label: 'No persona', id: '' },
		...personas.map((t) => ({ label: String(t.params.name ?? t.resultData.personaId), description: t.prompt.slice(0, 60), id: t.resultData.personaId! })),
	], { title: 'Sing with a persona?' });
	if (!pick) { throw new Dismissed(); }
	if (pick.id) { Object.assign(options, sings.fields(pick.id)); }
}

/** Palette entry: pick what to make, type a prompt, go (every other choice takes its default). */
async function quickGenerate(app: App): Promise<string | string[] | undefined> {
	const makers = quickGenerateModels();
	const pick = await vscode.window.showQuickPick(makers.map((m) => ({ label: m.label, detail: m.detail, id: m.id })), { title: 'EvoLink: what do you want to make?' });
	if (!pick) { return undefined; }
	const prompt = await vscode.window.showInputBox({ title: pick.label, prompt: 'Type the prompt; everything else uses your defaults', ignoreFocusOut: true });
	if (!prompt?.trim()) { return undefined; }
	const spec = getModel(pick.id)!;
	return runGeneration(app, { modelId: spec.id, args: { [spec.promptField]: prompt }, promptTitle: pick.label });
}

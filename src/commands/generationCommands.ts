import * as vscode from 'vscode';
import type { App } from '../app';
import { MODELS } from '../catalog';
import { loadCore } from '../app';
import { runGeneration, selectedText, type GenerationRequest, type Options } from './generate';
import { Dismissed } from './errors';
import { buildCast, castScript } from './castCommands';
import { addPronunciation, editorSelections, speakable } from './speechText';

/** Options arguments may name the model (`model: 'qwen3-tts-vd'`); everything else is the model's fields. */
function argsOf(value: unknown): Options | undefined {
	return value && typeof value === 'object' && !(value instanceof vscode.Uri) && !Array.isArray(value) ? { ...(value as Options) } : undefined;
}

/** Registers the generation commands. Each returns the created task's id (or undefined). */
export function registerGenerationCommands(app: App): vscode.Disposable {
	const speak = async (arg?: unknown) => {
		const args = argsOf(arg);
		let modelId = typeof args?.model === 'string' ? args.model : 'doubao-seed-audio-1-0';
		if (args) { delete args.model; }
		if (!args && await hasDesignedVoices(app)) {
			const pick = await vscode.window.showQuickPick([
				{ label: 'Seed-Audio', description: 'preset voices or a cloned voice', id: 'doubao-seed-audio-1-0' },
				{ label: 'Qwen TTS', description: 'a voice you designed', id: 'qwen3-tts-vd' },
			], { title: 'Speak with' });
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
			return await runGeneration(app, { modelId, args: await speakableArgs(args), texts: await speakableSelections(args), source: selectionSource(args), promptTitle: 'Text to speak' });
		} catch (err) {
			if (err instanceof Dismissed) { return undefined; }
			throw err;
		}
	};
	const video = (arg?: unknown) => {
		const args = argsOf(arg);
		const image = arg instanceof vscode.Uri ? arg.fsPath : undefined;
		return runGeneration(app, {
			modelId: 'doubao-seedance-1.0-pro-fast',
			args: image ? undefined : args,
			text: selectedText(),
			promptTitle: image ? 'Describe the motion for this image' : 'Describe the video',
			...(image ? { initial: { image } } : {}),
		});
	};
	return vscode.Disposable.from(
		vscode.commands.registerCommand('evolink.speakSelection', speak),
		vscode.commands.registerCommand('evolink.generateSound', (arg?: unknown) =>
			runGeneration(app, { modelId: 'suno-sounds', args: argsOf(arg), text: selectedText(), promptTitle: 'Describe the sound or loop (up to 500 characters)' })),
		vscode.commands.registerCommand('evolink.generateVideo', video),
		vscode.commands.registerCommand('evolink.generateMusic', (arg?: unknown) =>
			runGeneration(app, { modelId: 'suno-music', args: argsOf(arg), text: selectedText(), promptTitle: 'Describe the song (or paste lyrics for custom mode)', extraSteps: (o) => pickPersona(app, o) })),
		vscode.commands.registerCommand('evolink.designVoice', (arg?: unknown) =>
			runGeneration(app, { modelId: 'qwen-voice-design', args: argsOf(arg), text: selectedText(), promptTitle: 'Describe the voice (gender, age, pitch, pace, emotion, timbre)' })),
		vscode.commands.registerCommand('evolink.quickGenerate', () => quickGenerate(app)),
		vscode.commands.registerCommand('evolink.buildCast', (arg?: unknown) => buildCast(app, arg)),
		vscode.commands.registerCommand('evolink.addPronunciation', (word?: unknown, said?: unknown) =>
			addPronunciation(typeof word === 'string' ? word : undefined, typeof said === 'string' ? said : undefined)),
	);
}

/** The options argument with its prompt made speakable (`clean` and `languageId` are ours, not the provider's). */
async function speakableArgs(args: Options | undefined): Promise<Options | undefined> {
	if (!args) { return undefined; }
	const { clean, languageId, ...rest } = args;
	if (typeof rest.prompt === 'string') {
		const [spoken] = await speakable([rest.prompt], 'markdown', { clean: clean === false ? false : undefined, languageId: typeof languageId === 'string' ? languageId : undefined });
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
	return (await app.tasks()).some((t) => t.model === 'qwen-voice-design' && t.resultData.voice);
}

/** Music in custom mode on a V5-family model can sing with a persona the user made. */
async function pickPersona(app: App, options: Options): Promise<void> {
	if (options.custom_mode !== true || options.persona_id !== undefined) { return; }
	if (!['suno-v5-beta', 'suno-v5.5-beta', undefined].includes(options.model as string | undefined)) { return; }
	const personas = (await app.tasks()).filter((t) => t.model === 'suno-persona' && t.resultData.personaId);
	if (personas.length === 0) { return; }
	const pick = await vscode.window.showQuickPick([
		{ label: 'No persona', id: '' },
		...personas.map((t) => ({ label: String(t.params.name ?? t.resultData.personaId), description: t.prompt.slice(0, 60), id: t.resultData.personaId! })),
	], { title: 'Sing with a persona?' });
	if (!pick) { throw new Dismissed(); }
	if (pick.id) {
		options.persona_id = pick.id;
		options.persona_model = 'voice_persona';
	}
}

/** Palette entry: pick what to make, type a prompt, go (every other choice takes its default). */
async function quickGenerate(app: App): Promise<string | string[] | undefined> {
	const makers = MODELS.filter((m) => m.kind !== 'persona');
	const pick = await vscode.window.showQuickPick(makers.map((m) => ({ label: m.label, detail: m.detail, id: m.id })), { title: 'EvoLink: what do you want to make?' });
	if (!pick) { return undefined; }
	const prompt = await vscode.window.showInputBox({ title: pick.label, prompt: 'Type the prompt; everything else uses your defaults', ignoreFocusOut: true });
	if (!prompt?.trim()) { return undefined; }
	const spec = MODELS.find((m) => m.id === pick.id)!;
	return runGeneration(app, { modelId: spec.id, args: { [spec.promptField]: prompt }, promptTitle: pick.label });
}

/**
 * The one message protocol between the preview panel (extension host) and its webview.
 * Both directions are zod schemas, discriminated on `type`; the TypeScript types are derived
 * from them, so host and webview cannot drift apart. Each side validates what it receives.
 *
 * `zod/mini` with a namespace import, because the webview bundles this file: the classic
 * `{ z }` export defeats tree-shaking (about 450 KB minified), `zod/mini` imported this way
 * costs about 20 KB. The host's API code keeps using classic zod; both are zod 4.
 * Pure: no `vscode` and no DOM.
 */
import * as z from 'zod/mini';
import { ExportOptionsSchema } from './exportOptions';

export { PREVIEW_STRINGS } from './previewStrings';
export type { PreviewStringKey, PreviewStrings } from './previewStrings';

/** What the page can ask the host to do with one result; each maps to an `evolink.*` command. */
export const PREVIEW_ACTIONS = [
	'saveToWorkspace',
	'revealFile',
	'insertReference',
	'regenerate',
	'openExternal',
	'openWithVsCode',
	'keepVariant',
	'createPersona',
] as const;

/** One of `PREVIEW_ACTIONS`. */
export type PreviewAction = typeof PREVIEW_ACTIONS[number];

/** Log levels the page may use; the host forwards them to its LogOutputChannel. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A 0-based result index. */
const resultIndex = z.int().check(z.minimum(0), z.maximum(999));
const text = z.string();
const count = z.number().check(z.minimum(0));

/** A label and value shown in a details list, already formatted (and localised) by the host; `key` is stable for tests. */
const Fact = z.object({ key: z.optional(text), label: text, value: text });

/** One stream of a media file, as the codec reader found it. */
const Track = z.object({
	kind: z.enum(['audio', 'video']),
	codec: text,
	sampleRate: z.optional(count),
	channels: z.optional(count),
	width: z.optional(count),
	height: z.optional(count),
});

/** What the codec reader learned about a file. */
const MediaSummary = z.object({
	container: text,
	tracks: z.array(Track),
	durationSec: z.optional(count),
	sizeBytes: count,
});

/** Whether a result's file can be shown: `ready` has a `src`; the others explain why not. */
const Availability = z.enum(['ready', 'pending', 'downloading', 'missing', 'failed']);

/** One result (a file) of the task. */
const ResultView = z.object({
	index: resultIndex,
	kind: z.enum(['audio', 'video']),
	availability: Availability,
	/** Webview URI (with a `?v=` cache-buster) when `availability` is `ready`. */
	src: z.optional(text),
	title: z.optional(text),
	mime: z.optional(text),
	media: z.optional(MediaSummary),
	/** Format, duration, sample rate, codecs… ready to display. */
	facts: z.array(Fact),
	playable: z.boolean(),
	silent: z.boolean(),
	reasons: z.array(text),
	loop: z.optional(z.object({ bpm: z.optional(count), key: z.optional(text) })),
	saved: z.boolean(),
	savedName: z.optional(text),
	/** Waveform peaks read by the host (16-bit WAV), per bucket in [-127, 127]: drawn at once, no decoding. */
	peaks: z.optional(z.object({ min: z.array(z.int()), max: z.array(z.int()) })),
	/** Why the file is not there (download error), for `failed`/`missing`. */
	error: z.optional(text),
});

/** The task a preview shows, formatted for display. */
const TaskView = z.object({
	id: text,
	prompt: text,
	model: text,
	modelLabel: text,
	status: text,
	statusLabel: text,
	progress: count,
	params: z.array(Fact),
	credits: z.optional(text),
	/** ISO 8601. */
	createdAt: text,
	finishedAt: z.optional(text),
	error: z.optional(text),
});

/** Everything the page renders for one task. */
export const PreviewViewSchema = z.object({
	task: TaskView,
	results: z.array(ResultView),
	isVariants: z.boolean(),
	isLoop: z.boolean(),
	/** Suno music: results can become a persona. */
	canCreatePersona: z.boolean(),
	/** Loops and music: the loop workshop, starting from the kind's export preset. */
	workshop: z.optional(z.object({ defaults: ExportOptionsSchema })),
	/** A job (a chapter in parts): where each part starts in the one joined file. */
	parts: z.optional(z.array(z.object({ index: count, paragraph: count, label: text, startSec: count }))),
});

/** Host → webview: the whole view (first render, or after the task's files changed). */
const ShowMessage = z.object({
	type: z.literal('show'),
	view: PreviewViewSchema,
	/** UI strings localised by the host; missing keys fall back to English. */
	strings: z.record(z.string(), z.string()),
	focusIndex: z.optional(resultIndex),
});

/** Host → webview: only status or progress changed; the files did not. */
const StateMessage = z.object({
	type: z.literal('state'),
	status: text,
	statusLabel: text,
	progress: count,
	error: z.optional(text),
});

/** Host → webview: bring one result into view (the preview was opened again for it). */
const FocusMessage = z.object({ type: z.literal('focus'), resultIndex });

/** Host → webview: a WAV's waveform peaks, read by the host after the page was shown (long files). */
const PeaksMessage = z.object({ type: z.literal('peaks'), resultIndex, peaks: z.object({ min: z.array(z.int()), max: z.array(z.int()) }) });

/** Host → webview: play a job's file from one part (the cursor's paragraph). */
const SeekPartMessage = z.object({ type: z.literal('seekPart'), part: count, play: z.boolean() });

/** Host → webview: the command behind an action finished. */
const ActionDoneMessage = z.object({
	type: z.literal('actionDone'),
	action: z.enum(PREVIEW_ACTIONS),
	resultIndex,
	ok: z.boolean(),
	message: z.optional(text),
});

/** Host → webview: the task is not (or no longer) known, e.g. after a restore. */
const MissingMessage = z.object({ type: z.literal('missing'), taskId: text, strings: z.record(z.string(), z.string()) });

/** Every message the host may post to the page. */
export const HostToWebviewSchema = z.discriminatedUnion('type', [ShowMessage, StateMessage, FocusMessage, SeekPartMessage, PeaksMessage, ActionDoneMessage, MissingMessage]);

/** Webview → host: the page's script runs and its listener is installed; the host may post now. */
const ReadyMessage = z.object({ type: z.literal('ready') });

/** Webview → host: the user asked for an action on one result. */
const ActionMessage = z.object({ type: z.literal('action'), action: z.enum(PREVIEW_ACTIONS), resultIndex });

/** Webview → host: save one result for the engine with the loop workshop's settings (answered by `actionDone` for `saveToWorkspace`). */
const ExportMessage = z.object({ type: z.literal('export'), resultIndex, options: ExportOptionsSchema });

/** Webview → host: a line for the extension's log (errors, timing marks). */
const LogMessage = z.object({
	type: z.literal('log'),
	level: z.enum(LOG_LEVELS),
	message: z.string().check(z.maxLength(2000)),
});

/** Every message the page may post to the host. */
/** Webview → host: the part of a job being heard changed (undefined: playback stopped). */
const PlaybackMessage = z.object({ type: z.literal('playback'), part: z.optional(count) });

export const WebviewToHostSchema = z.discriminatedUnion('type', [ReadyMessage, ActionMessage, ExportMessage, LogMessage, PlaybackMessage]);

/** What the page keeps with `setState`, and what the serializer gets back after a reload. */
export const PersistedStateSchema = z.object({
	taskId: z.optional(text),
	activeIndex: z.optional(resultIndex),
	players: z.optional(z.record(
		z.string(),
		z.object({
			time: z.optional(count),
			rate: z.optional(count),
			volume: z.optional(count),
			loop: z.optional(z.boolean()),
		}),
	)),
});

/** The view model of one task. */
export type PreviewView = z.infer<typeof PreviewViewSchema>;
/** The view model of one result. */
export type ResultView = z.infer<typeof ResultView>;
/** The task part of the view model. */
export type TaskView = z.infer<typeof TaskView>;
/** A formatted label/value pair. */
export type Fact = z.infer<typeof Fact>;
/** Whether a result's file is there to play. */
export type Availability = z.infer<typeof Availability>;
/** A message from host to webview. */
export type HostToWebview = z.infer<typeof HostToWebviewSchema>;
/** A message from webview to host. */
export type WebviewToHost = z.infer<typeof WebviewToHostSchema>;
/** The page's saved state. */
export type PersistedState = z.infer<typeof PersistedStateSchema>;
/** A log level the page may use. */
export type LogLevel = typeof LOG_LEVELS[number];

/** Validates a message the host received; `undefined` for anything malformed or unknown. */
export function parseWebviewToHost(data: unknown): WebviewToHost | undefined {
	const r = WebviewToHostSchema.safeParse(data);
	return r.success ? r.data : undefined;
}

/** Validates a message the page received; `undefined` for anything malformed or unknown. */
export function parseHostToWebview(data: unknown): HostToWebview | undefined {
	const r = HostToWebviewSchema.safeParse(data);
	return r.success ? r.data : undefined;
}

/** Validates restored page state; a damaged or foreign state becomes an empty one. */
export function parsePersistedState(data: unknown): PersistedState {
	const r = PersistedStateSchema.safeParse(data);
	return r.success ? r.data : {};
}

/** A short description of a message that failed validation, for the log (never its content). */
export function describeInvalid(data: unknown): string {
	if (typeof data !== 'object' || data === null) {
		return `non-object message (${data === null ? 'null' : typeof data})`;
	}
	const type = (data as { type?: unknown }).type;
	return typeof type === 'string' ? `invalid "${type.slice(0, 40)}" message` : 'message without a type';
}

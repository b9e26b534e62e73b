/**
 * Builds the preview's view model from a task snapshot and what the codec reader found in its
 * files. Everything the page shows is decided here, so it is unit-tested without VS Code.
 * Pure: no `vscode` import.
 */
import * as path from 'node:path';
import type { Fact, PreviewView, ResultView, TaskView } from '../shared/protocol';
import { canMakePersona, getModel, loopOf, modelLabel, type LoopInfo } from '../catalog';
import { withAdvice, type LocalResult, type TaskSnapshot } from '../shared/domain';
import type { ExportOptions } from '../shared/exportOptions';
import { desktopPlayability, type MediaInfo } from './codecs';
import type { PeakData } from './wavPeaks';
import { formatBytes, formatChannels, formatCodecs, formatContainer, formatCredits, formatDuration, formatParams, formatSampleRate, mimeFor } from './format';

/** A result's file as found on disk (see previewFiles.ts). */
export interface ResolvedFile {
	index: number;
	path: string;
	sizeBytes: number;
	mtimeMs: number;
	/** What the codec reader found; absent when reading failed. */
	info?: MediaInfo;
	/** Why the file could not be read. */
	infoError?: string;
	/** Waveform peaks the host read from the file (16-bit WAV). */
	peaks?: PeakData;
}

/** How the host plugs VS Code into the pure builder. */
export interface ViewOptions {
	/** The page's URI for a file (asWebviewUri plus a cache-buster). */
	srcFor(file: ResolvedFile): string;
	/** Localises a label; `{0}`-style arguments. Defaults to the English text. */
	t?(message: string, ...args: (string | number)[]): string;
	/** How to name a saved file (e.g. workspace-relative). Defaults to its base name. */
	describeSaved?(savedPath: string): string;
	/** A catalog's display name for a model id. */
	modelLabel?(model: string): string;
	/** The loop workshop's starting settings when this task gets one (loops, music); else undefined. */
	workshop?(task: TaskSnapshot): ExportOptions | undefined;
}

const english = (message: string, ...args: (string | number)[]): string =>
	message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));

/** A readable model name, from the catalog (`Suno V5` for `suno-v5-beta`, or the id itself). */
export function defaultModelLabel(model: string): string {
	return modelLabel(model);
}

/** Loop, tempo and key of a request, as the catalog reads them. */
export function loopInfo(task: TaskSnapshot): LoopInfo {
	return loopOf(task.model, task.params ?? {});
}

const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|webm|mkv)(\?|$)/i;

/** Video if the file has a video track, else by file name, else by model (Seedance makes video). */
function kindOf(task: TaskSnapshot, result: LocalResult, file?: ResolvedFile): 'audio' | 'video' {
	if (file?.info && file.info.tracks.length > 0) {
		return file.info.tracks.some((t) => t.kind === 'video') ? 'video' : 'audio';
	}
	const name = file?.path ?? result.localPath ?? result.url ?? '';
	if (VIDEO_EXTENSIONS.test(name)) {
		return 'video';
	}
	return getModel(task.model)?.kind === 'video' ? 'video' : 'audio';
}

/** Format, duration, sample rate, channels, codecs, resolution, size, file name. */
function mediaFacts(file: ResolvedFile, t: NonNullable<ViewOptions['t']>): Fact[] {
	const facts: Fact[] = [];
	const info = file.info;
	const add = (key: string, label: string, value: string | undefined) => {
		if (value) {
			facts.push({ key, label: t(label), value });
		}
	};
	add('file', 'File', path.basename(file.path));
	if (info) {
		add('format', 'Format', formatContainer(info.container));
		add('duration', 'Duration', info.durationSec !== undefined ? formatDuration(info.durationSec) : undefined);
		add('codecs', 'Codecs', formatCodecs(info.tracks));
		const audio = info.tracks.find((tr) => tr.kind === 'audio');
		const video = info.tracks.find((tr) => tr.kind === 'video');
		add('sampleRate', 'Sample rate', audio?.sampleRate ? formatSampleRate(audio.sampleRate) : undefined);
		add('channels', 'Channels', audio?.channels ? formatChannels(audio.channels) : undefined);
		add('resolution', 'Resolution', video?.width && video.height ? `${video.width}×${video.height}` : undefined);
	}
	add('size', 'Size', formatBytes(file.sizeBytes));
	return facts;
}

/** Whether a result's file is there, and if not, why. */
function availabilityOf(task: TaskSnapshot, result: LocalResult, file?: ResolvedFile): Pick<ResultView, 'availability' | 'error'> {
	if (file) {
		return { availability: 'ready' };
	}
	if (result.downloadError) {
		return { availability: 'failed', error: result.downloadError };
	}
	if (result.localPath || result.savedPath) {
		return { availability: 'missing' };
	}
	return { availability: task.status === 'completed' ? 'downloading' : 'pending' };
}

/** One result's view: its file's facts and playability, or why there is no file. */
export function buildResultView(task: TaskSnapshot, result: LocalResult, file: ResolvedFile | undefined, options: ViewOptions): ResultView {
	const t = options.t ?? english;
	const kind = kindOf(task, result, file);
	const view: ResultView = {
		index: result.index,
		kind,
		...availabilityOf(task, result, file),
		facts: [],
		playable: false,
		silent: false,
		reasons: [],
		saved: result.savedPath !== undefined,
	};
	if (result.title) {
		view.title = result.title;
	}
	if (result.savedPath) {
		view.savedName = options.describeSaved?.(result.savedPath) ?? path.basename(result.savedPath);
	}
	const loop = loopInfo(task);
	if (kind === 'audio' && (loop.isLoop || loop.bpm || loop.key)) {
		view.loop = { ...(loop.bpm ? { bpm: loop.bpm } : {}), ...(loop.key ? { key: loop.key } : {}) };
	}
	if (!file) {
		return view;
	}
	view.src = options.srcFor(file);
	view.facts = mediaFacts(file, t);
	if (file.peaks && kind === 'audio') { view.peaks = file.peaks; }
	if (file.info) {
		const { container, tracks, sizeBytes, durationSec } = file.info;
		view.media = { container, tracks: tracks.map((tr) => ({ ...tr })), sizeBytes, ...(durationSec !== undefined ? { durationSec } : {}) };
		const mime = mimeFor(container, kind);
		if (mime) {
			view.mime = mime;
		}
		const verdict = desktopPlayability(file.info);
		view.playable = verdict.playable;
		view.silent = verdict.silent === true;
		view.reasons = [...verdict.reasons];
	} else {
		view.reasons = [t('The file could not be read ({0}); it may not play here.', file.infoError ?? 'unknown error')];
	}
	return view;
}

/** `Processing (45%)`, `Completed`, `Unknown status "FOO"`. */
export function statusLabel(task: Pick<TaskSnapshot, 'status' | 'rawStatus' | 'progress'>, t: NonNullable<ViewOptions['t']> = english): string {
	switch (task.status) {
		case 'pending':
			return t('Queued');
		case 'processing':
			return task.progress > 0 ? t('Processing ({0}%)', Math.round(task.progress)) : t('Processing');
		case 'completed':
			return t('Completed');
		case 'failed':
			return t('Failed');
		case 'cancelled':
			return t('Cancelled');
		default:
			return t('Unknown status "{0}"', task.rawStatus);
	}
}

/** The task half of the view. */
export function buildTaskView(task: TaskSnapshot, options: Pick<ViewOptions, 't' | 'modelLabel'> = {}): TaskView {
	const t = options.t ?? english;
	const view: TaskView = {
		id: task.id,
		prompt: task.prompt,
		model: task.model,
		modelLabel: options.modelLabel?.(task.model) ?? defaultModelLabel(task.model),
		status: task.status,
		statusLabel: statusLabel(task, t),
		progress: Math.max(0, Math.min(100, task.progress || 0)),
		params: formatParams(task.params ?? {}),
		createdAt: new Date(task.createdAt).toISOString(),
	};
	if (task.creditsReserved !== undefined) {
		view.credits = formatCredits(task.creditsReserved);
	}
	if (task.finishedAt !== undefined) {
		view.finishedAt = new Date(task.finishedAt).toISOString();
	}
	if (task.error) {
		view.error = withAdvice(task.error.message, task.error.action);
	}
	return view;
}

/** The whole view model: the task, each result, and what kind of page it is. */
export function buildPreviewView(task: TaskSnapshot, files: ReadonlyMap<number, ResolvedFile>, options: ViewOptions): PreviewView {
	const results = [...task.results]
		.sort((a, b) => a.index - b.index)
		.map((r) => buildResultView(task, r, files.get(r.index), options));
	return {
		task: buildTaskView(task, options),
		results,
		isVariants: results.length > 1,
		isLoop: loopInfo(task).isLoop,
		canCreatePersona: canMakePersona(task.model),
		...(task.job?.offsetsSec ? { parts: jobParts(task) } : {}),
		...workshopOf(task, options),
	};
}

function workshopOf(task: TaskSnapshot, options: ViewOptions): Pick<PreviewView, 'workshop'> {
	const defaults = task.status === 'completed' ? options.workshop?.(task) : undefined;
	if (!defaults) { return {}; }
	const { path: _path, ...rest } = defaults;
	return { workshop: { defaults: rest } };
}

/** A joined job's parts: where each starts, and a label to play it from. */
function jobParts(task: TaskSnapshot): NonNullable<PreviewView['parts']> {
	const offsets = task.job!.offsetsSec!;
	return task.job!.parts.map((p, i) => ({
		index: p.index,
		paragraph: p.paragraph,
		label: `${p.speaker ? `${p.speaker}: ` : ''}${p.text.length > 90 ? `${p.text.slice(0, 89)}…` : p.text}`,
		startSec: Math.max(0, offsets[i] ?? 0),
	}));
}

/** The tab title: the prompt's first words, else the model; never longer than about 40 characters. */
export function panelTitle(task: TaskSnapshot | undefined, taskId: string): string {
	if (!task) {
		return `Preview ${taskId.slice(-8)}`;
	}
	const prompt = task.prompt.replace(/\s+/g, ' ').trim();
	if (!prompt) {
		return `${defaultModelLabel(task.model)} ${task.id.slice(-8)}`;
	}
	return prompt.length > 40 ? `${prompt.slice(0, 39).trimEnd()}…` : prompt;
}

/**
 * The parts of a task that decide the full view: everything but status, progress and
 * timestamps. While it is unchanged, a progress tick needs only the small `state` message.
 */
export function viewKey(task: TaskSnapshot): string {
	const { progress: _p, updatedAt: _u, rawStatus: _r, status, ...rest } = task;
	// Status matters only where it changes a result's availability (pending vs downloading).
	return JSON.stringify({ ...rest, completed: status === 'completed' });
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../app';
import { getModel, presetKindOf } from '../catalog';
import { exportPreset, readConfig } from '../config';
import { AssetFolderError, assetKindOf, resolveAssetFolder, type AssetKind } from '../assets/folders';
import { assetFileName } from '../assets/naming';
import type { LocalResult, TaskSnapshot } from '../shared/domain';
import { changesAudio } from '../shared/changesAudio';
import type { ExportOptions, ExportRecord } from '../shared/exportOptions';

/** The sidecar written next to each saved file: enough to understand and regenerate it. */
export interface Sidecar {
	generator: 'evolink-studio';
	taskId: string;
	provider: string;
	/** The provider's model id that was sent. */
	model: string;
	/** The catalog's model id (sidecars written before it existed lack it). */
	catalogModel?: string;
	prompt: string;
	parameters: Record<string, unknown>;
	creditsReserved?: number;
	createdAt: string;
	finishedAt?: string;
	resultIndex: number;
	resultId?: string;
	/** What the engine export did (format, loop points, level), when the file was converted. */
	export?: ExportRecord;
}

/**
 * Saves one downloaded result into the workspace: the project's asset folder for its kind (or
 * the output folder, or a folder the user picks), or exactly `options.path`. With no options,
 * the kind's preset (`evolink.export.presets`) applies; a kind without one is copied as
 * generated. Conversions (format, loop, level) run on the audio worker. Writes the sidecar,
 * records the saved path on the task, never overwrites, and returns the saved file's URI.
 */
export async function saveResult(app: App, task: TaskSnapshot, result: LocalResult, given?: ExportOptions): Promise<vscode.Uri> {
	if (!result.localPath) { throw new Error(`Result ${result.index + 1} of this task is not downloaded yet${result.downloadError ? `: ${result.downloadError}` : ''}.`); }
	const spec = getModel(task.model);
	const tags = spec?.assetTags?.(task.params);
	const sourceExt = path.extname(result.localPath).slice(1).toLowerCase();
	const presetKind = presetKindOf(task.model, task.params);
	const options: ExportOptions = { ...(presetKind ? exportPreset(presetKind) : {}), ...given };
	const edits = changesAudio({ ...options, format: undefined });
	// What the caller names wins: its format, else the extension of its path; then the preset's.
	const format = given?.format ?? formatOfPath(options.path, sourceExt) ?? options.format ?? (edits ? 'wav' : 'original');
	if (format === 'original' && edits) { throw new Error('The format "original" keeps the file as generated; choose "wav" or "ogg" to trim, loop, resample or normalise it.'); }
	if (format !== 'original' && spec?.kind === 'video') { throw new Error('Videos are saved as generated; engine conversion is for audio.'); }
	const ext = format === 'original' ? sourceExt : format;
	const pathExt = options.path ? path.extname(options.path).slice(1).toLowerCase() : '';
	if (pathExt && pathExt !== ext) { throw new Error(`The path ends in .${pathExt} but the file will be ${ext.toUpperCase()}; make them agree.`); }
	let file: vscode.Uri;
	if (options.path) {
		file = exactTarget(options.path, ext);
		if (await exists(file)) { throw new Error(`${vscode.workspace.asRelativePath(file)} already exists; nothing was overwritten. Choose another path.`); }
	} else {
		const folder = await targetFolder(spec ? assetKindOf(spec.kind) : undefined);
		const taken = new Set((await vscode.workspace.fs.readDirectory(folder).then((entries) => entries, () => [])).map(([n]) => n.toLowerCase()));
		file = vscode.Uri.joinPath(
			folder,
			assetFileName({
				prompt: task.prompt,
				ext,
				...tags,
				variant: { index: result.index, count: task.results.length },
				...(isBatch(task.params.batch) ? { batch: task.params.batch } : {}),
				taken: (n) => taken.has(n) || taken.has(`${n}.evolink.json`),
			}),
		);
	}
	const folder = vscode.Uri.joinPath(file, '..');
	await vscode.workspace.fs.createDirectory(folder);
	let record: ExportRecord | undefined;
	if (format === 'original') {
		// Never overwrites: the name is free, and a file that appeared meanwhile makes this fail.
		await vscode.workspace.fs.copy(vscode.Uri.file(result.localPath), file, { overwrite: false });
	} else {
		record = await convert(app, result.localPath, file, { ...options, format }, tags?.loop === true);
	}
	const { apiModel, ...parameters } = task.params;
	const sidecar: Sidecar = {
		generator: 'evolink-studio',
		taskId: task.id,
		provider: task.provider,
		model: String(apiModel ?? task.model),
		catalogModel: task.model,
		prompt: task.prompt,
		parameters,
		creditsReserved: task.creditsReserved,
		createdAt: new Date(task.createdAt).toISOString(),
		finishedAt: task.finishedAt ? new Date(task.finishedAt).toISOString() : undefined,
		resultIndex: result.index,
		resultId: result.resultId,
		...(record ? { export: record } : {}),
	};
	await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${path.posix.basename(file.path)}.evolink.json`), Buffer.from(JSON.stringify(sidecar, null, 2) + '\n'));
	const savedPath = file.scheme === 'file' ? file.fsPath : file.toString();
	await (await app.services()).store.update(task.id, (t) => ({ ...t, results: t.results.map((r) => r.index === result.index ? { ...r, savedPath } : r) }));
	app.log.info(`task ${task.id}: result ${result.index + 1} saved to ${savedPath}${record ? ` (${describeExport(record)})` : ''}`);
	return file;
}

/** Runs the conversion on the audio worker into a temporary name, then links it into place (which fails rather than overwrite). */
async function convert(app: App, input: string, file: vscode.Uri, options: ExportOptions, isLoop: boolean): Promise<ExportRecord> {
	if (file.scheme !== 'file') { throw new Error('Converting for an engine writes files on disk, and this workspace is not on disk. Save with the format "original" instead.'); }
	const partial = `${file.fsPath}.${process.pid}.partial`;
	const record = await vscode.window.withProgress({
		location: vscode.ProgressLocation.Notification,
		title: `Preparing ${path.basename(file.fsPath)} for the engine…`,
		cancellable: true,
	}, async (_p, token) => {
		const abort = new AbortController();
		const sub = token.onCancellationRequested(() => abort.abort());
		try {
			return await (await app.services()).exportAudio({ input, output: partial, options, isLoop }, abort.signal);
		} finally {
			sub.dispose();
		}
	});
	try {
		await fs.promises.link(partial, file.fsPath);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
			throw new Error(`${vscode.workspace.asRelativePath(file)} appeared while converting; nothing was overwritten. Save again.`);
		}
		throw err;
	} finally {
		await fs.promises.rm(partial, { force: true });
	}
	return record;
}

/** One line for the log and messages: "ogg 44100 Hz, loop 0–88200 (smpl), −16.0 LUFS". */
export function describeExport(r: ExportRecord): string {
	const parts = [`${r.format} ${r.sampleRate} Hz`, `${r.durationSec.toFixed(2)} s`];
	if (r.loop) { parts.push(`loop ${r.loop.start}–${r.loop.end} (${r.loop.writtenAs})`); }
	if (r.normalize) {
		parts.push(`${r.normalize.after.toFixed(1)} ${r.normalize.mode === 'lufs' ? 'LUFS' : 'dBFS peak'}${r.normalize.limitedBy ? ' (held back by the −1 dBTP ceiling)' : ''}`);
	}
	return parts.join(', ');
}

/** The format a path's extension asks for, when it names one. */
function formatOfPath(p: string | undefined, sourceExt: string): ExportOptions['format'] | undefined {
	const ext = p ? path.extname(p).slice(1).toLowerCase() : '';
	if (!ext) { return undefined; }
	if (ext === 'ogg' || ext === 'wav') { return ext; }
	if (ext === sourceExt) { return 'original'; }
	throw new Error(`Cannot write a .${ext} file from this .${sourceExt} result; use .wav or .ogg (or .${sourceExt} to keep it as generated).`);
}

/** `options.path` as a file inside the first workspace folder, with `ext` added when it has none. */
function exactTarget(requested: string, ext: string): vscode.Uri {
	const root = vscode.workspace.workspaceFolders?.[0]?.uri;
	if (!root) { throw new Error('Open a folder first: a path is relative to the workspace folder.'); }
	const rel = path.isAbsolute(requested) && root.scheme === 'file' ? path.relative(root.fsPath, requested) : requested;
	const dir = path.dirname(rel);
	let base = path.basename(rel);
	if (!base || /[<>:"|?*\x00-\x1f]/.test(base) || base === '.' || base === '..') { throw new Error(`"${requested}" is not a file name that works on every system.`); }
	if (!path.extname(base)) { base = `${base}.${ext}`; }
	if (root.scheme !== 'file') { return vscode.Uri.joinPath(root, ...dir.split(/[\\/]/).filter((p) => p && p !== '.' && p !== '..'), base); }
	try {
		const folder = dir === '.' ? root.fsPath : resolveAssetFolder(root.fsPath, dir, realpathOrUndefined);
		return vscode.Uri.file(path.join(folder, base));
	} catch (err) {
		if (err instanceof AssetFolderError) { throw new Error(`${err.message.replace('The asset folder', 'The folder')} Nothing was written.`); }
		throw err;
	}
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/**
 * Where a result of `kind` is saved: the project's asset folder for that kind
 * (`evolink.assetFolders`, kept inside the workspace folder), else the output folder, else a
 * folder the user picks. An untrusted workspace's own value is ignored: the user's applies.
 */
async function targetFolder(kind: AssetKind | undefined): Promise<vscode.Uri> {
	const root = vscode.workspace.workspaceFolders?.[0]?.uri;
	if (root) {
		const relative = kind ? assetFolders()[kind] : undefined;
		if (relative && root.scheme === 'file') {
			try {
				return vscode.Uri.file(resolveAssetFolder(root.fsPath, relative, realpathOrUndefined));
			} catch (err) {
				if (err instanceof AssetFolderError) { throw new Error(`${err.message} Nothing was written; fix evolink.assetFolders.${kind} in the settings.`); }
				throw err;
			}
		}
		return vscode.Uri.joinPath(root, ...readConfig().outputFolder.split(/[\\/]/).filter((p) => p && p !== '..'));
	}
	const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Save generated files to' });
	if (!picked?.length) { throw new Error('No folder was chosen.'); }
	return picked[0];
}

/** The workspace-relative folder results of `kind` are saved to (its asset folder, else the output folder). */
export function relativeFolderFor(kind: AssetKind): string {
	return assetFolders()[kind] ?? readConfig().outputFolder;
}

function assetFolders(): Partial<Record<AssetKind, string>> {
	const section = vscode.workspace.getConfiguration('evolink');
	const value = vscode.workspace.isTrusted ? section.get<unknown>('assetFolders') : section.inspect<unknown>('assetFolders')?.globalValue;
	if (typeof value !== 'object' || value === null) { return {}; }
	return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' && v.trim())) as Partial<Record<AssetKind, string>>;
}

function realpathOrUndefined(p: string): string | undefined {
	try {
		return fs.realpathSync(p);
	} catch {
		return undefined;
	}
}

function isBatch(value: unknown): value is { index: number; count: number } {
	const b = value as { index?: unknown; count?: unknown } | undefined;
	return typeof b?.index === 'number' && typeof b.count === 'number';
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../app';
import { getModel } from '../catalog';
import { readConfig } from '../config';
import { AssetFolderError, assetKindOf, resolveAssetFolder, type AssetKind } from '../assets/folders';
import { assetFileName } from '../assets/naming';
import type { LocalResult, TaskSnapshot } from '../shared/domain';

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
}

/**
 * Copies one downloaded result from extension storage into the workspace (the configured
 * output folder of the first workspace folder, or a folder the user picks), writes its
 * sidecar, and records the saved path on the task. Uses `workspace.fs`, so virtual
 * workspaces work too. Returns the saved file's URI.
 */
export async function saveResult(app: App, task: TaskSnapshot, result: LocalResult): Promise<vscode.Uri> {
	if (!result.localPath) { throw new Error(`Result ${result.index + 1} of this task is not downloaded yet${result.downloadError ? `: ${result.downloadError}` : ''}.`); }
	const spec = getModel(task.model);
	const folder = await targetFolder(spec ? assetKindOf(spec.kind) : undefined);
	const taken = new Set((await vscode.workspace.fs.readDirectory(folder).then((entries) => entries, () => [])).map(([n]) => n.toLowerCase()));
	const name = assetFileName({
		prompt: task.prompt,
		ext: path.extname(result.localPath).slice(1).toLowerCase(),
		...spec?.assetTags?.(task.params),
		variant: { index: result.index, count: task.results.length },
		...(isBatch(task.params.batch) ? { batch: task.params.batch } : {}),
		taken: (n) => taken.has(n) || taken.has(`${n}.evolink.json`),
	});
	const target = vscode.Uri.joinPath(folder, name);
	await vscode.workspace.fs.createDirectory(folder);
	// Never overwrites: the name is free, and a file that appeared meanwhile makes this fail.
	await vscode.workspace.fs.copy(vscode.Uri.file(result.localPath), target, { overwrite: false });
	const { apiModel, ...parameters } = task.params;
	const sidecar: Sidecar = {
		generator: 'evolink-studio', taskId: task.id, provider: task.provider, model: String(apiModel ?? task.model), catalogModel: task.model, prompt: task.prompt,
		parameters, creditsReserved: task.creditsReserved, createdAt: new Date(task.createdAt).toISOString(),
		finishedAt: task.finishedAt ? new Date(task.finishedAt).toISOString() : undefined, resultIndex: result.index, resultId: result.resultId,
	};
	await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${name}.evolink.json`), Buffer.from(JSON.stringify(sidecar, null, 2) + '\n'));
	const savedPath = target.scheme === 'file' ? target.fsPath : target.toString();
	await (await app.core()).store.update(task.id, (t) => ({ ...t, results: t.results.map((r) => r.index === result.index ? { ...r, savedPath } : r) }));
	app.log.info(`task ${task.id}: result ${result.index + 1} saved to ${savedPath}`);
	return target;
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

function assetFolders(): Partial<Record<AssetKind, string>> {
	const section = vscode.workspace.getConfiguration('evolink');
	const value = vscode.workspace.isTrusted ? section.get<unknown>('assetFolders') : section.inspect<unknown>('assetFolders')?.globalValue;
	if (typeof value !== 'object' || value === null) { return {}; }
	return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' && v.trim())) as Partial<Record<AssetKind, string>>;
}

function realpathOrUndefined(p: string): string | undefined {
	try { return fs.realpathSync(p); } catch { return undefined; }
}

function isBatch(value: unknown): value is { index: number; count: number } {
	const b = value as { index?: unknown; count?: unknown } | undefined;
	return typeof b?.index === 'number' && typeof b.count === 'number';
}

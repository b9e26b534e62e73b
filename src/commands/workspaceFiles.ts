import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../app';
import { getModel } from '../catalog';
import { readConfig } from '../config';
import { workspaceFileName } from '../tasks/resultFiles';
import type { LocalResult, TaskSnapshot } from '../tasks/types';

/** The sidecar written next to each saved file: enough to understand and regenerate it. */
export interface Sidecar {
	generator: 'evolink-studio';
	taskId: string;
	provider: string;
	model: string;
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
	const folder = await targetFolder();
	const kind = getModel(task.model)?.kind ?? 'result';
	const name = workspaceFileName(kind, task.prompt, task.id, result.index, path.extname(result.localPath).slice(1));
	const target = vscode.Uri.joinPath(folder, name);
	await vscode.workspace.fs.createDirectory(folder);
	await vscode.workspace.fs.copy(vscode.Uri.file(result.localPath), target, { overwrite: true });
	const { apiModel, ...parameters } = task.params;
	const sidecar: Sidecar = {
		generator: 'evolink-studio', taskId: task.id, provider: task.provider, model: String(apiModel ?? task.model), prompt: task.prompt,
		parameters, creditsReserved: task.creditsReserved, createdAt: new Date(task.createdAt).toISOString(),
		finishedAt: task.finishedAt ? new Date(task.finishedAt).toISOString() : undefined, resultIndex: result.index, resultId: result.resultId,
	};
	await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${name}.evolink.json`), Buffer.from(JSON.stringify(sidecar, null, 2) + '\n'));
	const savedPath = target.scheme === 'file' ? target.fsPath : target.toString();
	await (await app.core()).store.update(task.id, (t) => ({ ...t, results: t.results.map((r) => r.index === result.index ? { ...r, savedPath } : r) }));
	app.log.info(`task ${task.id}: result ${result.index + 1} saved to ${savedPath}`);
	return target;
}

async function targetFolder(): Promise<vscode.Uri> {
	const root = vscode.workspace.workspaceFolders?.[0]?.uri;
	if (root) { return vscode.Uri.joinPath(root, ...readConfig().outputFolder.split(/[\\/]/).filter((p) => p && p !== '..')); }
	const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Save generated files to' });
	if (!picked?.length) { throw new Error('No folder was chosen.'); }
	return picked[0];
}

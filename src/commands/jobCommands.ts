import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../app';
import { slug } from '../assets/naming';
import { resolveTarget } from './target';
import { relativeFolderFor, saveResult } from './workspaceFiles';

/** A part of a job, as the tree passes it (a part node) or a script does (`{ jobId, index }`, or the two as arguments). */
function partTarget(arg: unknown, index: unknown): { jobId: string; index: number } | undefined {
	if (typeof arg === 'string' && typeof index === 'number') { return { jobId: arg, index }; }
	if (typeof arg === 'object' && arg !== null) {
		const o = arg as { jobId?: unknown; index?: unknown; kind?: unknown; task?: { id?: unknown }; part?: { index?: unknown } };
		if (typeof o.jobId === 'string' && typeof o.index === 'number') { return { jobId: o.jobId, index: o.index }; }
		if (o.kind === 'part' && typeof o.task?.id === 'string' && typeof o.part?.index === 'number') { return { jobId: o.task.id, index: o.part.index }; }
	}
	return undefined;
}

/**
 * A cast's script, one file per line: each line's part saved beside the joined file's folder, in
 * `<script>-lines/NN-<speaker>.wav`, in script order (for engines and editors that want lines apart).
 * Returns the files' URIs.
 */
async function saveCastLines(app: App, arg: unknown): Promise<string[]> {
	const target = await resolveTarget(app, arg);
	const job = target?.task;
	if (!job?.job?.parts.some((p) => p.speaker)) {
		throw new Error(vscode.l10n.t('Save Lines as Files needs a finished script spoken by a cast: right-click it in the EvoLink view.'));
	}
	const core = await app.services();
	const folder = `${relativeFolderFor('speech').replace(/[\\/]+$/, '')}/${slug(job.prompt) || 'script'}-lines`;
	const saved: string[] = [];
	for (const [n, part] of job.job.parts.entries()) {
		const task = part.taskId ? core.store.get(part.taskId) : undefined;
		const result = task?.results.find((r) => r.localPath);
		if (!task || !result) { throw new Error(vscode.l10n.t('Line {0} ({1}) has no audio yet; retry that part first.', n + 1, part.speaker ?? '')); }
		const name = `${String(n + 1).padStart(2, '0')}-${slug(part.speaker ?? 'line') || 'line'}${path.extname(result.localPath!)}`;
		const existing = result.savedPath && path.basename(result.savedPath) === name ? result.savedPath : undefined;
		saved.push(existing ? vscode.Uri.file(existing).toString() : (await saveResult(app, task, result, { path: `${folder}/${name}` })).toString());
	}
	void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} lines in {1}.', saved.length, folder));
	return saved;
}

/** Commands on jobs (a chapter spoken in parts): retry one failed part (the job then joins); save a cast's lines as files. */
export function registerJobCommands(app: App): vscode.Disposable {
	return vscode.Disposable.from(
		vscode.commands.registerCommand('evolink.saveCastLines', (arg?: unknown) => saveCastLines(app, arg)),
		vscode.commands.registerCommand('evolink.retryPart', async (arg?: unknown, index?: unknown) => {
			const target = partTarget(arg, index);
			if (!target) { throw new Error(vscode.l10n.t('Retry Part needs a part of a job: right-click a failed part in the EvoLink view.')); }
			const core = await app.services();
			const job = core.store.get(target.jobId);
			if (!job?.job?.parts.some((p) => p.index === target.index)) { throw new Error(vscode.l10n.t('Job {0} has no part {1}.', target.jobId, target.index + 1)); }
			await core.jobs.retryPart(target.jobId, target.index);
			return target.jobId;
		}),
	);
}

import * as vscode from 'vscode';
import type { App } from '../app';

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

/** Commands on jobs (a chapter spoken in parts): retry one failed part; the job then joins. */
export function registerJobCommands(app: App): vscode.Disposable {
	return vscode.commands.registerCommand('evolink.retryPart', async (arg?: unknown, index?: unknown) => {
		const target = partTarget(arg, index);
		if (!target) { throw new Error(vscode.l10n.t('Retry Part needs a part of a job: right-click a failed part in the EvoLink view.')); }
		const core = await app.services();
		const job = core.store.get(target.jobId);
		if (!job?.job?.parts.some((p) => p.index === target.index)) { throw new Error(vscode.l10n.t('Job {0} has no part {1}.', target.jobId, target.index + 1)); }
		await core.jobs.retryPart(target.jobId, target.index);
		return target.jobId;
	});
}

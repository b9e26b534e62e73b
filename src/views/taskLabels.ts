/**
 * The words and numbers the tree and status bar show for a task. Pure: no `vscode` import,
 * so the formatting is unit-tested in plain Node.
 */
import { canMakePersona, modelLabel as catalogModelLabel, shortPrompt } from '../catalog';
import { isFinal, type JobPart, type TaskSnapshot } from '../shared/domain';

/** `42s`, `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 60) { return `${s}s`; }
	const m = Math.floor(s / 60);
	if (m < 60) { return `${m}m ${String(s % 60).padStart(2, '0')}s`; }
	return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** The model's short label, e.g. "Seed-Audio speech" (the catalog's; the id when the catalog does not know it). */
export function modelLabel(task: TaskSnapshot): string {
	return catalogModelLabel(task.model);
}

/** The row's label: the prompt, short. */
export function taskLabel(task: TaskSnapshot): string {
	return shortPrompt(task.prompt || modelLabel(task), 48) || task.id;
}

/** What a task is doing, in one short phrase. */
export function statusText(task: TaskSnapshot): string {
	switch (task.status) {
		case 'pending':
			return 'queued';
		case 'processing':
			return `${task.progress}%`;
		case 'completed': {
			if (task.results.some((r) => r.downloadError)) { return 'download failed'; }
			if (task.results.some((r) => !r.localPath)) { return 'downloading'; }
			return task.results.length > 1 ? `${task.results.length} variants` : 'done';
		}
		case 'failed':
			return 'failed';
		case 'cancelled':
			return 'cancelled';
		default:
			return `status "${task.rawStatus}"`;
	}
}

/** The row's description: model · status · elapsed (· ETA) · credits. */
export function taskDescription(task: TaskSnapshot, now: number): string {
	const parts = [modelLabel(task), statusText(task)];
	const end = task.finishedAt ?? now;
	parts.push(formatDuration(end - task.createdAt));
	if (!isFinal(task.status) && task.estimatedTimeSec) {
		const left = task.createdAt + task.estimatedTimeSec * 1000 - now;
		parts.push(left > 0 ? `ETA ${formatDuration(left)}` : 'finishing');
	}
	if (task.creditsReserved !== undefined) { parts.push(`${formatCredits(task.creditsReserved)} cr`); }
	if (task.job) { parts.push(jobSummary(task)); }
	return parts.join(' · ');
}

/** `12 parts (9 cached)`: how a job was made. */
export function jobSummary(task: TaskSnapshot): string {
	const job = task.job;
	if (!job) { return ''; }
	return `${job.parts.length} part${job.parts.length === 1 ? '' : 's'}${job.cachedParts ? ` (${job.cachedParts} cached)` : ''}`;
}

/** A job part's state in a few words; `partTask` is the part's own task, when it has one. */
export function partDescription(part: JobPart, partTask: TaskSnapshot | undefined): string {
	if (part.error) { return 'not sent'; }
	const state = partTask ? statusText(partTask) : 'waiting';
	return part.fromCache ? `${state} · from cache` : state;
}

/** Credits with at most two decimals. */
export function formatCredits(n: number): string {
	return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}

/** `task:<status>` plus flags menus match on (`:media`, `:music` for a persona source, `:cancellable`). */
export function taskContextValue(task: TaskSnapshot): string {
	const parts = [`task:${task.status}`];
	if (task.results.some((r) => r.localPath)) { parts.push('media'); }
	if (task.status === 'completed' && canMakePersona(task.model)) { parts.push('music'); }
	if (!isFinal(task.status) && task.canCancel) { parts.push('cancellable'); }
	if (task.status === 'completed' && task.job?.parts.some((p) => p.speaker)) { parts.push('cast'); }
	return parts.join(':');
}

/** The tooltip: everything known, as plain text (never trusted markdown: prompts are user text). */
export function taskTooltip(task: TaskSnapshot): string {
	const lines = [
		`${modelLabel(task)} — ${statusText(task)}`,
		`Prompt: ${shortPrompt(task.prompt, 300)}`,
		`Task id: ${task.id}`,
		`Created: ${new Date(task.createdAt).toLocaleString()}`,
	];
	if (task.finishedAt) { lines.push(`Finished: ${new Date(task.finishedAt).toLocaleString()}`); }
	if (task.creditsReserved !== undefined) { lines.push(`Credits reserved: ${formatCredits(task.creditsReserved)}`); }
	if (task.job) {
		const chars = task.job.parts.reduce((n, p) => n + p.text.length, 0);
		lines.push(`Job: ${jobSummary(task)}, ${chars} characters to speak, split at ${task.job.maxChars} per request`);
	}
	if (task.resultData.voice) { lines.push(`Voice: ${task.resultData.voice}`); }
	if (task.resultData.personaId) { lines.push(`Persona: ${task.resultData.personaId}`); }
	if (task.error) { lines.push(`Error: ${task.error.message}`, ...(task.error.action ? [`Next: ${task.error.action}`] : [])); }
	for (const r of task.results) {
		if (r.downloadError) { lines.push(`Result ${r.index + 1}: ${r.downloadError}`); }
	}
	return lines.join('\n');
}

/**
 * The task's header (model, status, Regenerate) and its details: prompt, model, parameters,
 * task id, credits, created and finished times. Every value is set with `textContent`.
 */
import type { TaskView } from '../../src/shared/protocol';
import { button, h } from './dom';
import { t } from './i18n';

/** Local date and time, with the ISO value kept in `datetime` for tests and screen readers. */
function time(id: string, iso: string | undefined): HTMLTimeElement {
	const el = h('time', { id });
	if (iso) {
		el.dateTime = iso;
		const d = new Date(iso);
		el.textContent = Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
	}
	return el;
}

/** The header bar and the details section. */
export class TaskDetails {
	readonly header: HTMLElement;
	readonly section: HTMLElement;
	private readonly title = h('h1', { id: 'task-title' });
	private readonly status = h('span', { id: 'details-status', class: 'status' });
	private readonly progress = h('progress', { id: 'task-progress', attrs: { max: '100' } });
	private readonly error = h('p', { id: 'task-error', class: 'notice error' });
	private readonly regenerate: HTMLButtonElement;
	private readonly body = h('dl', { class: 'details-list' });

	constructor(onRegenerate: () => void) {
		this.regenerate = button(t('regenerate'), 'action secondary regenerate', () => {
			this.regenerate.disabled = true;
			onRegenerate();
		});
		this.regenerate.dataset.action = 'regenerate';
		this.header = h(
			'header',
			{ class: 'toolbar' },
			this.title,
			this.status,
			this.progress,
			h('span', { class: 'spacer' }),
			h('span', { class: 'keys', text: t('keyboardHelp') }),
			this.regenerate,
		);
		this.section = h('section', { id: 'details', class: 'details' }, h('h2', { text: t('details') }), this.body);
		this.error.hidden = true;
		this.header.append(this.error);
	}

	/** Renders the whole task. */
	render(task: TaskView): void {
		this.title.textContent = task.modelLabel;
		this.regenerate.textContent = t('regenerate');
		this.setState(task.status, task.statusLabel, task.progress, task.error);
		const row = (label: string, value: HTMLElement) => [h('dt', { text: label }), h('dd', {}, value)];
		const params = h(
			'dl',
			{ id: 'details-params', class: 'params' },
			...task.params.flatMap((p) => [
				h('dt', { text: p.label }),
				h('dd', { text: p.value, attrs: p.key ? { 'data-param': p.key } : {} }),
			]),
		);
		this.body.replaceChildren(
			...row(t('prompt'), h('div', { id: 'details-prompt', class: 'prompt', text: task.prompt })),
			...row(t('model'), h('span', { id: 'details-model', text: `${task.modelLabel} (${task.model})` })),
			...row(t('parameters'), params),
			...row(t('taskId'), h('code', { id: 'details-task-id', text: task.id })),
			...(task.credits !== undefined ? row(t('credits'), h('span', { id: 'details-credits', text: task.credits })) : []),
			...row(t('created'), time('details-created', task.createdAt)),
			...(task.finishedAt ? row(t('finished'), time('details-finished', task.finishedAt)) : []),
		);
	}

	/** Updates status and progress only (the `state` message). */
	setState(status: string, label: string, progress: number, error?: string): void {
		this.status.textContent = label;
		this.status.dataset.status = status;
		const running = status === 'pending' || status === 'processing';
		this.progress.hidden = !running;
		this.progress.value = progress;
		this.error.hidden = !error;
		this.error.textContent = error ?? '';
		document.body.dataset.status = status;
	}

	/** Re-enables Regenerate once its command returned. */
	regenerateDone(): void {
		this.regenerate.disabled = false;
	}
}

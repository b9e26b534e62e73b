/**
 * One result (file) of the task: its player, warnings about codecs, facts and action buttons.
 * A card survives new `show` messages: only a changed file (new `src`) replaces its player, so
 * saving a file or another variant finishing does not interrupt what is playing.
 */
import type { ExportOptions } from '../../src/shared/exportOptions';
import type { PreviewAction, ResultView } from '../../src/shared/protocol';
import { AudioPlayer } from './audioPlayer';
import { button, h } from './dom';
import { t } from './i18n';
import { LoopWorkshop } from './loopWorkshop';
import type { Player, PlayerContext, PlayerState } from './playerBase';
import { VideoPlayer } from './videoPlayer';

/** The data-* hooks a player writes on its card; cleared when the player is replaced. */
const PLAYER_HOOKS = ['load', 'playing', 'currentTime', 'duration', 'loop', 'loopWraps', 'rate', 'volume', 'engine', 'poster'];

/** Page-wide facts a card needs. */
export interface PageFlags {
	isVariants: boolean;
	isLoop: boolean;
	canCreatePersona: boolean;
	/** Loops and music: the loop workshop's starting settings. */
	workshop?: ExportOptions;
}

/** What a card asks of the page. */
export interface CardHost {
	runAction(action: PreviewAction, index: number): void;
	/** Save for the engine with the loop workshop's settings. */
	exportResult(index: number, options: ExportOptions): void;
	onChange(): void;
	activate(index: number): void;
	savedState(index: number): PlayerState | undefined;
	log: PlayerContext['log'];
}

/** One `.result[data-index]` card. */
export class ResultCard {
	readonly root: HTMLElement;
	player?: Player;
	private workshop?: LoopWorkshop;
	private readonly header = h('header', { class: 'result-header' });
	private readonly notices = h('div', { class: 'notices' });
	private readonly playerSlot = h('div', { class: 'player-slot' });
	private readonly actions = h('div', { class: 'actions' });
	private readonly facts = h('dl', { class: 'facts' });
	private readonly status = h('div', { class: 'action-status', attrs: { 'aria-live': 'polite' } });
	private playerKey?: string;
	private loadError = false;

	constructor(private view: ResultView, private flags: PageFlags, private readonly host: CardHost) {
		this.root = h(
			'article',
			{ class: 'result', attrs: { 'data-index': String(view.index), tabindex: '-1' } },
			this.header,
			this.notices,
			this.playerSlot,
			this.actions,
			this.facts,
			this.status,
		);
		this.root.addEventListener('pointerdown', () => host.activate(view.index));
		this.root.addEventListener('focusin', () => host.activate(view.index));
		this.update(view, flags);
	}

	/** Re-renders from a new view of the same result. */
	update(view: ResultView, flags: PageFlags): void {
		this.view = view;
		this.flags = flags;
		const d = this.root.dataset;
		d.kind = view.kind;
		d.availability = view.availability;
		d.playable = String(view.playable);
		d.silent = String(view.silent);
		d.saved = String(view.saved);
		const key = view.availability === 'ready' ? `${view.kind}|${view.src}` : undefined;
		if (key !== this.playerKey) {
			this.replacePlayer(key);
		}
		this.renderHeader();
		this.renderNotices();
		this.renderActions();
		this.renderFacts();
	}

	/** Shows how an action ended and re-enables its button. */
	actionDone(action: PreviewAction, ok: boolean, message?: string): void {
		for (const b of this.root.querySelectorAll<HTMLButtonElement>(`.action[data-action="${action}"]`)) {
			b.disabled = false;
			b.removeAttribute('aria-busy');
		}
		if (action === 'saveToWorkspace') { this.workshop?.saved(); }
		this.root.dataset.lastAction = `${action}:${ok ? 'ok' : 'failed'}`;
		this.status.textContent = ok ? '' : t('actionFailed', message ?? '');
		this.status.classList.toggle('error', !ok);
	}

	dispose(): void {
		this.workshop?.dispose();
		this.player?.dispose();
		this.root.remove();
	}

	private replacePlayer(key: string | undefined): void {
		// A new version of the same file keeps its position; a different kind of file starts afresh.
		const sameKind = this.playerKey?.startsWith(`${this.view.kind}|`) === true;
		const previous = this.player ? (sameKind ? this.player.snapshot() : undefined) : this.host.savedState(this.view.index);
		this.workshop?.dispose();
		this.workshop = undefined;
		this.player?.dispose();
		this.player = undefined;
		this.playerKey = key;
		this.loadError = false;
		this.playerSlot.replaceChildren();
		for (const hook of PLAYER_HOOKS) {
			delete this.root.dataset[hook];
		}
		if (!key) {
			return;
		}
		const ctx: PlayerContext = {
			card: this.root,
			index: this.view.index,
			onChange: () => this.host.onChange(),
			onError: () => {
				this.loadError = true;
				this.renderNotices();
			},
			log: this.host.log,
		};
		const player = this.view.kind === 'video' ? new VideoPlayer(this.view, ctx) : new AudioPlayer(this.view, ctx);
		player.restore(previous ?? {}, this.view.kind === 'audio' && this.flags.isLoop);
		this.player = player;
		this.playerSlot.append(player.root);
		if (player instanceof AudioPlayer && this.flags.workshop) {
			this.workshop = new LoopWorkshop(player, this.flags.workshop, (options) => {
				this.status.textContent = t('working');
				this.status.classList.remove('error');
				this.host.exportResult(this.view.index, options);
			}, !this.flags.isVariants);
			this.playerSlot.append(this.workshop.root);
		}
	}

	private renderHeader(): void {
		const { view, flags } = this;
		const n = view.index + 1;
		const name = flags.isVariants ? t('variant', n) : t('result', n);
		const title = view.title ? `${name} · ${view.title}` : name;
		const badges = h('span', { class: 'badges' });
		if (view.saved) {
			badges.append(h('span', { class: 'badge saved', text: t('saved', view.savedName ?? '') }));
		}
		if (view.loop) {
			const info = h('span', { class: 'loop-info' });
			if (view.loop.bpm) { info.append(h('span', { class: 'badge bpm', text: `${view.loop.bpm} ${t('bpm')}` })); }
			if (view.loop.key) { info.append(h('span', { class: 'badge key', text: `${t('key')} ${view.loop.key}` })); }
			badges.append(info);
		}
		this.header.replaceChildren(h('h2', { class: 'result-title', text: title }), badges);
	}

	private renderNotices(): void {
		const { view } = this;
		const items: HTMLElement[] = [];
		const external = () => this.actionButton('openExternal', t('openExternal'), 'secondary');
		if (view.availability !== 'ready') {
			const text = t(view.availability);
			items.push(
				h('p', {
					class: `notice ${view.availability === 'failed' || view.availability === 'missing' ? 'error' : 'info'}`,
					text: view.error ? `${text} ${view.error}` : text,
				}),
			);
		} else if (this.loadError) {
			items.push(h('div', { class: 'notice error load-error' }, h('p', { text: t('loadError') }), ...view.reasons.map((r) => h('p', { text: r })), external()));
		} else if (!view.playable || view.silent) {
			const head = view.silent ? t('silent') : t('cannotPlay');
			items.push(
				h(
					'div',
					{ class: `notice warn ${view.silent ? 'silent' : 'unplayable'}` },
					h('p', { text: head }),
					...view.reasons.map((r) => h('p', { class: 'reason', text: r })),
					external(),
				),
			);
		} else if (view.reasons.length > 0) {
			items.push(h('div', { class: 'notice info' }, ...view.reasons.map((r) => h('p', { class: 'reason', text: r }))));
		}
		this.notices.replaceChildren(...items);
	}

	private renderActions(): void {
		const { view, flags } = this;
		if (view.availability !== 'ready') {
			this.actions.replaceChildren();
			return;
		}
		const list: HTMLButtonElement[] = [];
		if (flags.isVariants) {
			list.push(this.actionButton('keepVariant', t('keep'), 'primary keep'));
		}
		if (flags.canCreatePersona) {
			list.push(this.actionButton('createPersona', t('createPersona'), 'secondary persona'));
		}
		list.push(
			this.actionButton('saveToWorkspace', t('saveToWorkspace'), flags.isVariants ? 'secondary' : 'primary'),
			this.actionButton('insertReference', t('insertReference'), 'secondary'),
			this.actionButton('revealFile', t('revealFile'), 'secondary'),
			this.actionButton('openWithVsCode', t('openWithVsCode'), 'secondary'),
			this.actionButton('openExternal', t('openExternal'), 'secondary'),
		);
		this.actions.replaceChildren(...list);
	}

	private actionButton(action: PreviewAction, label: string, cls: string): HTMLButtonElement {
		const b = button(label, `action ${cls}`, () => this.run(action));
		b.dataset.action = action;
		return b;
	}

	private run(action: PreviewAction): void {
		for (const b of this.root.querySelectorAll<HTMLButtonElement>(`.action[data-action="${action}"]`)) {
			b.disabled = true;
			b.setAttribute('aria-busy', 'true');
		}
		this.status.textContent = t('working');
		this.status.classList.remove('error');
		this.host.runAction(action, this.view.index);
	}

	private renderFacts(): void {
		this.facts.replaceChildren(...this.view.facts.flatMap((f) => [
			h('dt', { text: f.label }),
			h('dd', { text: f.value, attrs: f.key ? { 'data-fact': f.key } : {} }),
		]));
	}
}

/**
 * The list of results. With several (Suno's variants) they sit side by side, each playable,
 * each with "Keep this one". Cards are keyed by result index and reused across `show` messages.
 */
import type { PreviewAction, PreviewView } from '../../src/shared/protocol';
import { h } from './dom';
import { t } from './i18n';
import type { Player } from './playerBase';
import { AudioPlayer } from './audioPlayer';
import { ResultCard, type CardHost } from './resultCard';

/** The `#results` section. */
export class ResultList {
	readonly root = h('section', { id: 'results', class: 'results', attrs: { 'aria-label': t('results') } });
	private readonly cards = new Map<number, ResultCard>();
	private readonly empty = h('p', { class: 'empty', text: t('noResults') });
	private active?: number;

	constructor(private readonly host: CardHost) {}

	/** Renders `view`'s results, reusing the cards (and players) of unchanged files. */
	render(view: PreviewView): void {
		const flags = { isVariants: view.isVariants, isLoop: view.isLoop, canCreatePersona: view.canCreatePersona, workshop: view.workshop?.defaults };
		this.root.classList.toggle('variants', view.isVariants);
		this.root.dataset.count = String(view.results.length);
		const seen = new Set<number>();
		for (const result of view.results) {
			seen.add(result.index);
			const card = this.cards.get(result.index);
			if (card) {
				card.update(result, flags);
			} else {
				this.cards.set(result.index, new ResultCard(result, flags, this.host));
			}
		}
		for (const [index, card] of this.cards) {
			if (!seen.has(index)) {
				card.dispose();
				this.cards.delete(index);
			}
		}
		this.empty.textContent = t('noResults');
		const ordered = [...this.cards.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c.root);
		this.root.replaceChildren(...(ordered.length ? ordered : [this.empty]));
		if (this.active === undefined || !this.cards.has(this.active)) {
			this.setActive(view.results.find((r) => r.availability === 'ready')?.index ?? view.results[0]?.index);
		}
	}

	/** Removes every card (the page now shows another task). */
	reset(): void {
		for (const card of this.cards.values()) {
			card.dispose();
		}
		this.cards.clear();
		this.active = undefined;
	}

	/** Marks the card the keyboard controls. */
	setActive(index: number | undefined): void {
		this.active = index;
		for (const [i, card] of this.cards) {
			card.root.dataset.active = String(i === index);
		}
	}

	/** The result the keyboard controls. */
	get activeIndex(): number | undefined {
		return this.active;
	}

	/** The keyboard's player, if the active card has one. */
	activePlayer(): Player | undefined {
		return this.active === undefined ? undefined : this.cards.get(this.active)?.player;
	}

	/** Scrolls to a result and makes it active. */
	focus(index: number): void {
		const card = this.cards.get(index);
		if (card) {
			this.setActive(index);
			card.root.scrollIntoView({ block: 'nearest' });
			card.root.focus({ preventScroll: true });
		}
	}

	/** Routes an action's outcome to its card. */
	actionDone(action: PreviewAction, index: number, ok: boolean, message?: string): void {
		this.cards.get(index)?.actionDone(action, ok, message);
	}

	/** Hands the host's waveform peaks to result `index`'s audio player. */
	setPeaks(index: number, peaks: { min: number[]; max: number[] }): void {
		const player = this.cards.get(index)?.player;
		if (player instanceof AudioPlayer) { player.setHostPeaks(peaks); }
	}

	/** The player of result `index` and its card, when it has one. */
	playerOf(index: number): { player: Player; card: HTMLElement } | undefined {
		const card = this.cards.get(index);
		return card?.player ? { player: card.player, card: card.root } : undefined;
	}

	/** Every player's state, by result index, for `setState`. */
	snapshots(): Record<string, ReturnType<Player['snapshot']>> {
		const out: Record<string, ReturnType<Player['snapshot']>> = {};
		for (const [i, card] of this.cards) {
			if (card.player) {
				out[String(i)] = card.player.snapshot();
			}
		}
		return out;
	}
}

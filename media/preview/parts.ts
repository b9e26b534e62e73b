/**
 * Follow along: a job's parts (a chapter spoken in parts, joined into one file) as a list under
 * the player. Clicking a part plays from its start; while the file plays, the part being heard
 * is marked here and reported to the host, which highlights its paragraph in the source editor.
 * Test hooks: `li[data-part]` with `data-current="true"` on the part being heard.
 */
import type { PreviewView, WebviewToHost } from '../../src/shared/protocol';
import { formatClock, h } from './dom';
import type { Player } from './playerBase';

type Parts = NonNullable<PreviewView['parts']>;

export class PartsList {
	readonly root = h('ol', { class: 'parts', attrs: { 'aria-label': 'Parts' } });
	private parts: Parts = [];
	private current: number | undefined;
	private observer: MutationObserver | undefined;
	private observedCard: HTMLElement | undefined;

	constructor(
		private readonly post: (message: WebviewToHost) => void,
		/** The joined file's player and its card (result 0). */
		private readonly target: () => { player: Player; card: HTMLElement } | undefined,
	) {}

	/** Shows `parts` (nothing for a task that is not a joined job). */
	render(parts: Parts | undefined): void {
		this.parts = parts ?? [];
		this.root.hidden = this.parts.length === 0;
		this.root.replaceChildren(...this.parts.map((p) => {
			const li = h(
				'li',
				{ attrs: { 'data-part': String(p.index), 'data-start': String(p.startSec) } },
				h('button', { class: 'part', text: `${formatClock(p.startSec, false)}  ${p.label}`, attrs: { type: 'button', title: 'Play from here' } }),
			);
			li.querySelector('button')!.addEventListener('click', () => this.seekPart(p.index, true));
			return li;
		}));
		this.current = undefined;
		this.watch();
	}

	/** Plays the joined file from part `index` (a click here, or the cursor's paragraph in the editor). */
	seekPart(index: number, play: boolean): void {
		const part = this.parts.find((p) => p.index === index);
		const target = this.target();
		if (!part || !target) { return; }
		target.player.seek(part.startSec + 0.001);
		if (play && target.card.dataset.playing !== 'true') { target.player.toggle(); }
		this.mark(part.index, target.card.dataset.playing === 'true' || play);
	}

	/** Follows the player's clock (its card's `data-current-time`, written every frame while playing). */
	private watch(): void {
		const card = this.target()?.card;
		if (card === this.observedCard) { return; }
		this.observer?.disconnect();
		this.observedCard = card;
		if (!card || this.parts.length === 0) { return; }
		this.observer = new MutationObserver(() => {
			const time = Number(card.dataset.currentTime);
			const playing = card.dataset.playing === 'true';
			if (!Number.isFinite(time)) { return; }
			let index = this.parts[0].index;
			for (const p of this.parts) { if (p.startSec <= time + 0.01) { index = p.index; } }
			this.mark(index, playing);
		});
		this.observer.observe(card, { attributes: true, attributeFilter: ['data-current-time', 'data-playing'] });
	}

	private mark(index: number, playing: boolean): void {
		const shown = playing ? index : undefined;
		for (const li of this.root.querySelectorAll<HTMLElement>('li[data-part]')) {
			li.dataset.current = String(li.dataset.part === String(index));
		}
		if (shown !== this.current) {
			this.current = shown;
			this.post({ type: 'playback', ...(shown !== undefined ? { part: shown } : {}) });
		}
	}

	dispose(): void {
		this.observer?.disconnect();
	}
}

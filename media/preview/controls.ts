/**
 * The transport bar shared by the audio and video players: play/pause, clock, an optional seek
 * bar (video; audio seeks on its waveform), speed 0.5×–2×, volume and loop.
 */
import { button, formatClock, h } from './dom';
import { t } from './i18n';

/** The playback speeds offered. */
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

/** What the bar's inputs do. */
export interface ControlHandlers {
	toggle(): void;
	seek(time: number): void;
	setRate(rate: number): void;
	setVolume(volume: number): void;
	toggleLoop(): void;
}

/** One transport bar. */
export class Controls {
	readonly root: HTMLDivElement;
	private readonly play: HTMLButtonElement;
	private readonly clock: HTMLSpanElement;
	private readonly seekBar?: HTMLInputElement;
	private readonly speed: HTMLSelectElement;
	private readonly volume: HTMLInputElement;
	private readonly loop: HTMLButtonElement;
	private seeking = false;

	constructor(handlers: ControlHandlers, options: { seekBar: boolean }) {
		this.play = button(t('play'), 'play', () => handlers.toggle());
		this.play.setAttribute('aria-label', t('play'));
		this.clock = h('span', { class: 'clock', text: '0:00 / –:––', attrs: { 'aria-live': 'off' } });
		if (options.seekBar) {
			const bar = h('input', { class: 'seek', attrs: { type: 'range', min: '0', max: '0', step: '0.01', value: '0', 'aria-label': t('seek') } });
			bar.addEventListener('input', () => {
				this.seeking = true;
				handlers.seek(Number(bar.value));
			});
			bar.addEventListener('change', () => {
				this.seeking = false;
			});
			this.seekBar = bar;
		}
		this.speed = h(
			'select',
			{ class: 'speed', title: t('speed'), attrs: { 'aria-label': t('speed') } },
			...SPEEDS.map((s) => h('option', { text: `${s}×`, attrs: { value: String(s) } })),
		);
		this.speed.value = '1';
		this.speed.addEventListener('change', () => handlers.setRate(Number(this.speed.value)));
		this.volume = h('input', { class: 'volume', title: t('volume'), attrs: { type: 'range', min: '0', max: '1', step: '0.05', value: '1', 'aria-label': t('volume') } });
		this.volume.addEventListener('input', () => handlers.setVolume(Number(this.volume.value)));
		this.loop = button(`↻ ${t('loop')}`, 'loop', () => handlers.toggleLoop(), t('loopTitle'));
		this.loop.setAttribute('aria-pressed', 'false');
		this.root = h(
			'div',
			{ class: 'controls' },
			this.play,
			this.clock,
			this.seekBar,
			h('label', { class: 'speed-label' }, `${t('speed')} `, this.speed),
			h('label', { class: 'volume-label' }, `${t('volume')} `, this.volume),
			this.loop,
		);
		this.setPlaying(false);
	}

	/** Reflects play/pause on the button. */
	setPlaying(playing: boolean): void {
		const label = playing ? t('pause') : t('play');
		this.play.textContent = playing ? `❚❚ ${label}` : `▶ ${label}`;
		this.play.setAttribute('aria-label', label);
		this.play.classList.toggle('playing', playing);
	}

	/** Reflects the position and length. */
	setTime(current: number, duration: number): void {
		const tenths = Number.isFinite(duration) && duration < 60;
		this.clock.textContent = `${formatClock(current, tenths)} / ${formatClock(duration, tenths)}`;
		if (this.seekBar && !this.seeking) {
			if (Number.isFinite(duration)) {
				this.seekBar.max = String(duration);
			}
			this.seekBar.value = String(current);
		}
	}

	/** Reflects the loop toggle. */
	setLoop(on: boolean): void {
		this.loop.setAttribute('aria-pressed', String(on));
		this.loop.classList.toggle('on', on);
	}

	/** Reflects speed and volume (after a restore). */
	setRateVolume(rate: number, volume: number): void {
		this.speed.value = String(rate);
		this.volume.value = String(volume);
	}
}

/**
 * What the audio and video players share: a media element driven by the transport bar, the
 * keyboard verbs, state to persist, and the DOM hooks end-to-end tests read
 * (`data-duration`, `data-current-time`, `data-playing`, `data-loop`, `data-rate`, `data-volume`
 * on the result card, the first two also on the media element).
 */
import type { LogLevel } from '../../src/shared/protocol';
import { Controls } from './controls';
import { attrSeconds } from './dom';

/** What a player remembers across reloads. */
export interface PlayerState {
	time?: number;
	rate?: number;
	volume?: number;
	loop?: boolean;
}

/** What a player needs from its card. */
export interface PlayerContext {
	/** The `.result` card that carries the test hooks. */
	card: HTMLElement;
	index: number;
	/** Something worth persisting changed. */
	onChange(): void;
	/** The media failed to load or play. */
	onError(message: string): void;
	log(level: LogLevel, message: string): void;
}

/** The verbs the page's keyboard handler and the card use. */
export interface Player {
	readonly root: HTMLElement;
	toggle(): void;
	seekBy(seconds: number): void;
	/** Jumps to `time` seconds. */
	seek(time: number): void;
	toggleLoop(): void;
	snapshot(): PlayerState;
	dispose(): void;
}

/** An element-backed player; the audio player overrides the transport for Web Audio loops. */
export abstract class PlayerBase implements Player {
	abstract readonly root: HTMLElement;
	protected readonly controls: Controls;
	protected rate = 1;
	protected volume = 1;
	protected loopOn = false;
	private raf = 0;
	private metadataLogged = false;
	protected disposed = false;

	constructor(protected readonly media: HTMLMediaElement, protected readonly ctx: PlayerContext, seekBar: boolean) {
		this.controls = new Controls(
			{
				toggle: () => this.toggle(),
				seek: (time) => this.seek(time),
				setRate: (rate) => this.setRate(rate),
				setVolume: (volume) => this.setVolume(volume),
				toggleLoop: () => this.toggleLoop(),
			},
			{ seekBar },
		);
		for (const type of ['timeupdate', 'durationchange', 'seeked', 'ratechange', 'volumechange', 'ended']) {
			media.addEventListener(type, () => this.update());
		}
		media.addEventListener('play', () => this.startTick());
		media.addEventListener('pause', () => {
			this.update();
			ctx.onChange();
		});
		media.addEventListener('loadedmetadata', () => {
			if (!this.metadataLogged) {
				this.metadataLogged = true;
				ctx.card.dataset.load = 'ready';
				ctx.log('info', `result ${ctx.index}: loadedmetadata after ${Math.round(performance.now())} ms (duration ${media.duration.toFixed(2)} s)`);
			}
			this.update();
		});
		media.addEventListener('error', () => {
			ctx.card.dataset.load = 'error';
			const code = media.error?.code ?? 0;
			ctx.log('warn', `result ${ctx.index}: media error ${code} ${media.error?.message ?? ''}`.trim());
			ctx.onError(media.error?.message ?? '');
		});
		ctx.card.dataset.load = 'loading';
		ctx.card.dataset.loopWraps = '0';
	}

	/** Whether sound is playing right now. */
	protected get playing(): boolean {
		return !this.media.paused && !this.media.ended;
	}

	/** Position in seconds. */
	protected get currentTime(): number {
		return this.media.currentTime;
	}

	/** Length in seconds, NaN until known. */
	protected get duration(): number {
		return this.media.duration;
	}

	protected play(): Promise<void> {
		return this.media.play();
	}

	protected pause(): void {
		this.media.pause();
	}

	/** Jumps to `time` (clamped to the file). */
	seek(time: number): void {
		const d = this.duration;
		this.media.currentTime = Math.max(0, Number.isFinite(d) ? Math.min(time, d) : time);
		this.update();
		this.ctx.onChange();
	}

	toggle(): void {
		if (this.playing) {
			this.pause();
			this.update();
			this.ctx.onChange();
			return;
		}
		this.play().then(() => this.startTick(), (err: unknown) => {
			this.ctx.log('warn', `result ${this.ctx.index}: play() refused: ${String(err)}`);
			this.update();
		});
	}

	seekBy(seconds: number): void {
		this.seek(this.currentTime + seconds);
	}

	toggleLoop(): void {
		this.setLoop(!this.loopOn);
		this.ctx.onChange();
	}

	/** Loops the element itself (the audio player replaces this with Web Audio). */
	protected setLoop(on: boolean): void {
		this.loopOn = on;
		this.media.loop = on;
		this.controls.setLoop(on);
		this.update();
	}

	protected setRate(rate: number): void {
		this.rate = rate;
		this.media.playbackRate = rate;
		// Speech at 1.5× should sound faster, not higher.
		this.media.preservesPitch = true;
		this.ctx.onChange();
	}

	protected setVolume(volume: number): void {
		this.volume = volume;
		this.media.volume = volume;
		this.ctx.onChange();
	}

	snapshot(): PlayerState {
		return { time: this.currentTime, rate: this.rate, volume: this.volume, loop: this.loopOn };
	}

	/** Applies a saved state (rate, volume, loop and position). */
	restore(state: PlayerState, defaultLoop: boolean): void {
		const rate = state.rate && state.rate >= 0.25 && state.rate <= 4 ? state.rate : 1;
		const volume = state.volume !== undefined && state.volume >= 0 && state.volume <= 1 ? state.volume : 1;
		this.setRate(rate);
		this.setVolume(volume);
		this.controls.setRateVolume(rate, volume);
		this.setLoop(state.loop ?? defaultLoop);
		if (state.time && state.time > 0) {
			this.seek(state.time);
		}
	}

	/** Writes the clock, the buttons and the test hooks. */
	protected update(): void {
		const cur = this.currentTime;
		const dur = this.duration;
		const playing = this.playing;
		this.controls.setPlaying(playing);
		this.controls.setTime(cur, dur);
		const d = this.ctx.card.dataset;
		d.playing = String(playing);
		d.currentTime = attrSeconds(cur);
		d.duration = attrSeconds(dur);
		d.loop = this.loopOn ? 'on' : 'off';
		d.rate = String(this.rate);
		d.volume = String(this.volume);
		this.media.dataset.currentTime = d.currentTime;
		this.media.dataset.duration = d.duration;
	}

	/** Updates every frame while playing; the rest of the time events suffice. */
	protected startTick(): void {
		if (this.raf || this.disposed) {
			return;
		}
		const tick = () => {
			this.update();
			this.raf = this.playing && !this.disposed ? requestAnimationFrame(tick) : 0;
		};
		this.raf = requestAnimationFrame(tick);
	}

	dispose(): void {
		this.disposed = true;
		cancelAnimationFrame(this.raf);
		this.pause();
		// Stops the download, so a removed card frees its connection.
		this.media.removeAttribute('src');
		this.media.load();
	}
}

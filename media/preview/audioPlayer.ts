/**
 * The audio player: an <audio> element for normal playback (streams long files, keeps pitch at
 * other speeds), a waveform decoded from the same file, and, while looping, a seamless Web Audio
 * loop (loopPlayer.ts). Until the file is decoded, looping falls back to the element's own loop.
 */
import type { ResultView } from '../../src/shared/protocol';
import { decodeAudio, LOOPABLE_MAX_SEC, MAX_DECODE_BYTES, WAVEFORM_RATE } from './decode';
import { h, yieldToPage } from './dom';
import { t } from './i18n';
import { LoopPlayer, sharedAudioContext } from './loopPlayer';
import { bucketCount, computePeaks } from './peaks';
import { PlayerBase, type PlayerContext } from './playerBase';
import { Waveform } from './waveform';

/** One audio result's player. */
export class AudioPlayer extends PlayerBase {
	readonly root: HTMLDivElement;
	private readonly waveform: Waveform;
	private readonly abort = new AbortController();
	private buffer?: AudioBuffer;
	private looper?: LoopPlayer;
	private region?: { start: number; end: number };
	private hostPeaks = false;
	private readonly decodedListeners: ((buffer: AudioBuffer) => void)[] = [];

	constructor(private readonly result: ResultView, ctx: PlayerContext) {
		const audio = h('audio', { class: 'media', attrs: { preload: 'metadata' } });
		super(audio, ctx, false);
		audio.src = result.src ?? '';
		this.waveform = new Waveform((fraction) => {
			const d = this.duration;
			if (Number.isFinite(d)) {
				this.seek(fraction * d);
			}
		});
		this.waveform.setBpm(result.loop?.bpm);
		const known = result.media?.durationSec;
		if (known) {
			this.waveform.setDuration(known);
		}
		if (result.peaks) { this.setHostPeaks(result.peaks); }
		this.root = h('div', { class: 'player audio-player' }, audio, this.waveform.root, this.controls.root);
		// The element reads the file's header first: both loads go through the same webview
		// resource loader, and a whole-file fetch for the waveform would delay playability.
		const start = () => void this.loadWaveform();
		audio.addEventListener('loadedmetadata', start, { once: true });
		audio.addEventListener('error', start, { once: true });
	}

	/** Draws the waveform from peaks the host read from the file (in [-127, 127]); long files are then never decoded here. */
	setHostPeaks(peaks: { min: number[]; max: number[] }): void {
		if (this.hostPeaks) { return; }
		this.hostPeaks = true;
		const scale = (xs: number[]) => Float32Array.from(xs, (v) => v / 127);
		this.waveform.onDrawn = () =>
			this.ctx.log('info', `result ${this.ctx.index}: waveform drawn after ${Math.round(performance.now())} ms (peaks from the host, ${peaks.min.length} buckets)`);
		this.waveform.setPeaks({ min: scale(peaks.min), max: scale(peaks.max) });
	}

	/** Calls `listener` with the decoded samples (at once if already decoded); long files never call it. */
	onDecoded(listener: (buffer: AudioBuffer) => void): void {
		if (this.buffer) { listener(this.buffer); }
		else { this.decodedListeners.push(listener); }
	}

	/** Loops only [start, end) (seconds) from now on, turning looping on: the loop workshop's points. */
	setLoopRegion(start: number, end: number): void {
		this.region = { start, end };
		this.looper?.setLoopRegion(start, end);
		const d = this.duration;
		if (Number.isFinite(d) && d > 0) { this.waveform.setLoopRegion(start / d, end / d); }
		if (!this.loopOn) { this.setLoop(true); }
		this.update();
	}

	/** Stops playback if it is playing (another sound is about to play). */
	stop(): void {
		if (this.playing) {
			this.pause();
			this.update();
		}
	}

	/** Web Audio while looping a decoded file; the element otherwise. */
	private get loopMode(): boolean {
		return this.loopOn && this.buffer !== undefined;
	}

	protected override get playing(): boolean {
		return this.loopMode ? this.looper?.playing === true : super.playing;
	}

	protected override get currentTime(): number {
		return this.loopMode && this.looper ? this.looper.currentTime : super.currentTime;
	}

	protected override get duration(): number {
		const d = this.buffer?.duration ?? super.duration;
		return Number.isFinite(d) ? d : this.result.media?.durationSec ?? NaN;
	}

	protected override async play(): Promise<void> {
		if (this.loopMode) {
			await this.loopPlayer().play();
			this.startTick();
		} else {
			await super.play();
		}
	}

	protected override pause(): void {
		this.looper?.pause();
		super.pause();
	}

	override seek(time: number): void {
		if (this.loopMode) {
			this.loopPlayer().seek(time);
			this.update();
			this.ctx.onChange();
		} else {
			super.seek(time);
		}
	}

	/** Switches between element and Web Audio playback, carrying position and play state across. */
	protected override setLoop(on: boolean): void {
		const wasPlaying = this.playing;
		const position = this.currentTime;
		this.pause();
		this.loopOn = on;
		// Until decoded, the element loops (with a small gap); once decoded, Web Audio takes over.
		this.media.loop = on && !this.buffer;
		this.controls.setLoop(on);
		this.waveform.setLoop(on);
		this.transferTo(position, wasPlaying);
	}

	protected override setRate(rate: number): void {
		super.setRate(rate);
		this.looper?.setRate(rate);
	}

	protected override setVolume(volume: number): void {
		super.setVolume(volume);
		this.looper?.setVolume(volume);
	}

	protected override update(): void {
		super.update();
		this.waveform.setDuration(this.duration);
		this.waveform.setProgress(this.currentTime);
		const wraps = this.looper?.wraps ?? 0;
		this.ctx.card.dataset.loopWraps = String(wraps);
		this.ctx.card.dataset.engine = this.loopMode ? 'webaudio' : 'element';
	}

	override dispose(): void {
		this.abort.abort();
		this.looper?.dispose();
		this.waveform.dispose();
		super.dispose();
	}

	private loopPlayer(): LoopPlayer {
		if (!this.looper) {
			this.looper = new LoopPlayer(sharedAudioContext(), this.buffer!);
			if (this.region) { this.looper.setLoopRegion(this.region.start, this.region.end); }
			this.looper.setRate(this.rate);
			this.looper.setVolume(this.volume);
		}
		return this.looper;
	}

	/** Puts the active engine at `position` and resumes if it was playing. */
	private transferTo(position: number, resume: boolean): void {
		if (this.loopMode) {
			this.loopPlayer().seek(position);
		} else if (Number.isFinite(position)) {
			this.media.currentTime = position;
		}
		this.update();
		if (resume) {
			this.play().catch((err: unknown) => this.ctx.log('warn', `result ${this.ctx.index}: resume failed: ${String(err)}`));
		}
	}

	/** Decodes the file and draws its waveform; logs how long that took from page start. */
	private async loadWaveform(): Promise<void> {
		const src = this.result.src;
		const size = this.result.media?.sizeBytes ?? 0;
		if (!src || size > MAX_DECODE_BYTES) {
			this.waveform.setStatus('failed');
			return;
		}
		const started = performance.now();
		const loopable = (this.result.media?.durationSec ?? 0) <= LOOPABLE_MAX_SEC;
		// Long files were decoded only for their waveform: with the host's peaks there is nothing left to decode for.
		if (this.hostPeaks && !loopable) {
			return;
		}
		try {
			const nativeRate = this.result.media?.tracks.find((tr) => tr.kind === 'audio')?.sampleRate;
			const buffer = await decodeAudio(src, loopable ? nativeRate : WAVEFORM_RATE, this.abort.signal);
			const decoded = performance.now();
			if (this.hostPeaks) {
				// Already drawn from the host's peaks; the samples are for gap-free looping.
				if (!this.disposed) { this.adoptBuffer(buffer); }
				return;
			}
			const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
			const peaks = await computePeaks(channels, bucketCount(buffer.length), { yieldFn: yieldToPage, signal: this.abort.signal });
			if (this.disposed) {
				return;
			}
			const computed = performance.now();
			this.waveform.onDrawn = () =>
				this.ctx.log(
					'info',
					`result ${this.ctx.index}: waveform drawn after ${Math.round(performance.now())} ms ` +
						`(decode ${Math.round(decoded - started)} ms, peaks ${Math.round(computed - decoded)} ms, ${buffer.length} samples)`,
				);
			this.waveform.setPeaks(peaks);
			if (loopable) {
				this.adoptBuffer(buffer);
			}
		} catch (err) {
			if (!this.disposed) {
				this.waveform.setStatus('failed', t('waveformFailed'));
				this.ctx.log('warn', `result ${this.ctx.index}: no waveform: ${String(err)}`);
			}
		}
	}

	/** With the samples in hand, a running element loop moves to the seamless Web Audio loop. */
	private adoptBuffer(buffer: AudioBuffer): void {
		const wasPlaying = this.playing;
		const position = this.currentTime;
		if (this.loopOn) {
			this.media.pause();
			this.media.loop = false;
		}
		this.buffer = buffer;
		for (const listener of this.decodedListeners.splice(0)) { listener(buffer); }
		if (this.loopOn) {
			this.transferTo(position, wasPlaying);
		} else {
			this.update();
		}
	}
}

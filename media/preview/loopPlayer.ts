/**
 * Gap-free looped playback through Web Audio. An <audio loop> element leaves an audible gap
 * at the seam (it re-buffers); an AudioBufferSourceNode with `loop = true` wraps sample-exactly,
 * which is what a game developer auditioning a loop needs to hear.
 *
 * The position is computed from the AudioContext's clock, not from events: the content
 * position is `anchorPos + (ctx.currentTime - anchorTime) * rate`, unwrapped, so the number of
 * times the loop wrapped is simply `floor(position / duration)`.
 */

let shared: AudioContext | undefined;

/** One AudioContext for the whole page; Chromium limits how many may exist. */
export function sharedAudioContext(): AudioContext {
	shared ??= new AudioContext({ latencyHint: 'playback' });
	return shared;
}

/** How far ahead a start is scheduled, so the anchor time is exactly when sound begins. */
const START_LEAD = 0.02;

/** Plays one decoded buffer in a seamless loop, with seek, speed and volume. */
export class LoopPlayer {
	private source?: AudioBufferSourceNode;
	private readonly gain: GainNode;
	private rate = 1;
	/** Unwrapped content position (seconds) at `anchorTime`. */
	private anchorPos = 0;
	private anchorTime = 0;
	private _playing = false;

	constructor(private readonly ctx: AudioContext, private readonly buffer: AudioBuffer) {
		this.gain = ctx.createGain();
		this.gain.connect(ctx.destination);
	}

	/** The loop's length: the whole buffer. */
	get duration(): number {
		return this.buffer.duration;
	}

	/** True between `play()` and `pause()`. */
	get playing(): boolean {
		return this._playing;
	}

	/** Position within the loop, in seconds. */
	get currentTime(): number {
		const d = this.duration;
		return d > 0 ? this.unwrapped() % d : 0;
	}

	/** How many times playback has jumped from the loop point back to the start. */
	get wraps(): number {
		const d = this.duration;
		return d > 0 ? Math.floor(this.unwrapped() / d + 1e-9) : 0;
	}

	/** Starts (or resumes) at the current position. Needs a user gesture the first time. */
	async play(): Promise<void> {
		if (this._playing) {
			return;
		}
		if (this.ctx.state !== 'running') {
			await this.ctx.resume();
		}
		this.startSource(this.currentTime);
		this._playing = true;
	}

	/** Stops, remembering the position (and the wrap count). */
	pause(): void {
		if (!this._playing) {
			return;
		}
		this.anchorPos = this.unwrapped();
		this._playing = false;
		this.stopSource();
	}

	/** Jumps to `time` within the loop, keeping the wrap count. */
	seek(time: number): void {
		const d = this.duration;
		const t = Math.min(Math.max(0, time), Math.max(0, d - 1e-6));
		this.anchorPos = this.wraps * d + t;
		this.anchorTime = this.ctx.currentTime;
		if (this._playing) {
			this.stopSource();
			this.startSource(t);
		}
	}

	/** Playback speed (Web Audio changes pitch with it, like a tape). */
	setRate(rate: number): void {
		this.anchorPos = this.unwrapped();
		this.anchorTime = Math.max(this.ctx.currentTime, this.anchorTime);
		this.rate = rate;
		this.source?.playbackRate.setValueAtTime(rate, this.anchorTime);
	}

	/** Volume, 0–1. */
	setVolume(volume: number): void {
		this.gain.gain.value = volume;
	}

	/** Stops and releases the nodes; the buffer stays with its owner. */
	dispose(): void {
		this.pause();
		this.gain.disconnect();
	}

	private unwrapped(): number {
		if (!this._playing) {
			return this.anchorPos;
		}
		return this.anchorPos + Math.max(0, this.ctx.currentTime - this.anchorTime) * this.rate;
	}

	private startSource(offset: number): void {
		const src = this.ctx.createBufferSource();
		src.buffer = this.buffer;
		src.loop = true;
		src.loopStart = 0;
		src.loopEnd = this.buffer.duration;
		src.playbackRate.value = this.rate;
		src.connect(this.gain);
		const when = this.ctx.currentTime + START_LEAD;
		src.start(when, offset);
		this.anchorPos = this.wraps * this.duration + offset;
		this.anchorTime = when;
		this.source = src;
	}

	private stopSource(): void {
		const src = this.source;
		this.source = undefined;
		if (src) {
			try {
				src.stop();
			} catch {
				// Already stopped.
			}
			src.disconnect();
		}
	}
}

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

/**
 * Plays one decoded buffer, looping [loopStart, loopEnd) without a gap (the whole buffer unless
 * the loop workshop moved the points), with seek, speed and volume. Playback from before the
 * loop start plays the lead-in once, then loops, as an engine would.
 */
export class LoopPlayer {
	private source?: AudioBufferSourceNode;
	private readonly gain: GainNode;
	private rate = 1;
	/** Content position (seconds, below the loop end) at `anchorTime`. */
	private anchorPos = 0;
	private anchorTime = 0;
	/** Wraps counted before the current anchor. */
	private wrapBase = 0;
	private loopStart = 0;
	private loopEnd: number;
	private _playing = false;

	constructor(private readonly ctx: AudioContext, private readonly buffer: AudioBuffer) {
		this.gain = ctx.createGain();
		this.gain.connect(ctx.destination);
		this.loopEnd = buffer.duration;
	}

	/** The buffer's length. */
	get duration(): number {
		return this.buffer.duration;
	}

	/** True between `play()` and `pause()`. */
	get playing(): boolean {
		return this._playing;
	}

	/** Position in the buffer, in seconds. */
	get currentTime(): number {
		const l = this.linear();
		const len = this.loopEnd - this.loopStart;
		return l < this.loopEnd || len <= 0 ? l : this.loopStart + (l - this.loopStart) % len;
	}

	/** How many times playback has jumped from the loop end back to the loop start. */
	get wraps(): number {
		const l = this.linear();
		const len = this.loopEnd - this.loopStart;
		return this.wrapBase + (l < this.loopEnd || len <= 0 ? 0 : Math.floor((l - this.loopStart) / len + 1e-9));
	}

	/** Starts (or resumes) at the current position. Needs a user gesture the first time. */
	async play(): Promise<void> {
		if (this._playing) {
			return;
		}
		if (this.ctx.state !== 'running') {
			await this.ctx.resume();
		}
		this.startSource(this.anchorPos);
		this._playing = true;
	}

	/** Stops, remembering the position (and the wrap count). */
	pause(): void {
		if (!this._playing) {
			return;
		}
		this.reanchor();
		this._playing = false;
		this.stopSource();
	}

	/** Jumps to `time` (before the loop end), keeping the wrap count. */
	seek(time: number): void {
		this.reanchor();
		this.anchorPos = Math.min(Math.max(0, time), Math.max(0, this.loopEnd - 1e-6));
		if (this._playing) {
			this.stopSource();
			this.startSource(this.anchorPos);
		}
	}

	/** Loops [start, end) from now on (seconds); playback continues from where it is, inside the new loop. */
	setLoopRegion(start: number, end: number): void {
		const s = Math.max(0, Math.min(start, this.buffer.duration));
		const e = Math.max(s + 1e-3, Math.min(end, this.buffer.duration));
		this.reanchor();
		this.loopStart = s;
		this.loopEnd = e;
		if (this.anchorPos >= e) { this.anchorPos = s; }
		if (this._playing) {
			this.stopSource();
			this.startSource(this.anchorPos);
		}
	}

	/** Playback speed (Web Audio changes pitch with it, like a tape). */
	setRate(rate: number): void {
		this.reanchor();
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

	/** Content time since the anchor, before wrapping. */
	private linear(): number {
		if (!this._playing) {
			return this.anchorPos;
		}
		return this.anchorPos + Math.max(0, this.ctx.currentTime - this.anchorTime) * this.rate;
	}

	/** Folds the time played since the anchor into the anchor (position and wraps). */
	private reanchor(): void {
		const wraps = this.wraps;
		this.anchorPos = this.currentTime;
		this.wrapBase = wraps;
		this.anchorTime = Math.max(this.ctx.currentTime, this.anchorTime);
	}

	private startSource(offset: number): void {
		const src = this.ctx.createBufferSource();
		src.buffer = this.buffer;
		src.loop = true;
		src.loopStart = this.loopStart;
		src.loopEnd = this.loopEnd;
		src.playbackRate.value = this.rate;
		src.connect(this.gain);
		const when = this.ctx.currentTime + START_LEAD;
		src.start(when, offset);
		this.anchorPos = offset;
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

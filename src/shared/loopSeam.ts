/**
 * The loop's seam: cut a loop region whose wrap is crossfaded so it never clicks, render just the
 * frames around the wrap to show and play it, and measure how big a step the wrap is. The webview
 * previews the seam with it and the extension host exports with it. Pure: no `vscode` import.
 */

import { Channels, checkFrame, frameCount } from './planar';

/** The audio heard around the loop point when the loop plays, and where the wrap falls in it. */
export interface SeamWindow {
	/** The region's last frames followed by its first frames: `2 * min(windowFrames, region length)` frames. */
	channels: Float32Array[];
	/** Index of the loop's first frame in `channels`: the frame played right after the wrap. */
	seamIndex: number;
}

/** How big the jump at a loop's wrap is, beside the signal's ordinary steps. */
export interface SeamMeasure {
	/** Largest |last frame − first frame| over the channels: the step heard when the loop wraps. */
	jump: number;
	/** 99th percentile of |x[i] − x[i−1]| over all channels inside the region: a typical large step. */
	step: number;
	/** `jump <= SMOOTH_SEAM_FACTOR * step`: the wrap is no louder a step than the audio itself takes. */
	smooth: boolean;
}

/** How many times the typical step the wrap may jump and still count as smooth. */
export const SMOOTH_SEAM_FACTOR = 3;

/**
 * The loop region [start, end) as new arrays, with its seam crossfaded (equal power: the outgoing
 * part weighs cos θ, the incoming sin θ, θ from 0 to π/2) so that playing it in a loop never clicks.
 * Normally the region's last n frames fade into the n frames before `start`, so the last output
 * frame is x[start − 1] and the wrap is the original step x[start − 1] → x[start]. With fewer than
 * n frames before `start`, the n frames after `end` fade out over the region's head instead (the
 * first output frame is x[end], continuing x[end − 1]). With neither, n shrinks to the longer of the
 * two. n is at most half the region; `crossfadeFrames` 0 (or rounding to 0) is a plain cut.
 * @throws RangeError unless 0 ≤ start < end ≤ length and crossfadeFrames ≥ 0.
 */
export function loopRegion(channels: Channels, start: number, end: number, crossfadeFrames: number): Float32Array[] {
	const plan = planSeam(channels, start, end, crossfadeFrames);
	return channels.map((x) => {
		const out = new Float32Array(end - start);
		renderInto(x, plan, 0, out.length, out, 0);
		return out;
	});
}

/**
 * What the loop made by `loopRegion` sounds like around its wrap: its last `windowFrames` frames
 * followed by its first `windowFrames` (both clamped to the region's length), for drawing the
 * waveform at the seam and for "hear the seam" playback. Renders only those frames.
 * @throws RangeError as `loopRegion`, or for a negative window.
 */
export function seamWindow(channels: Channels, loopStart: number, loopEnd: number, crossfadeFrames: number, windowFrames: number): SeamWindow {
	const plan = planSeam(channels, loopStart, loopEnd, crossfadeFrames);
	if (!Number.isInteger(windowFrames) || windowFrames < 0) {
		throw new RangeError(`windowFrames must be a whole number of frames, zero or more (got ${windowFrames})`);
	}
	const length = loopEnd - loopStart;
	const w = Math.min(windowFrames, length);
	const out = channels.map((x) => {
		const window = new Float32Array(2 * w);
		renderInto(x, plan, length - w, length, window, 0);
		renderInto(x, plan, 0, w, window, w);
		return window;
	});
	return { channels: out, seamIndex: w };
}

/**
 * Measures the wrap of a loop (e.g. the output of `loopRegion`): the jump from its last frame to its
 * first, beside the 99th-percentile step inside it (nearest rank over every channel's frame-to-frame
 * differences). Fewer than two frames measure as zero and smooth.
 */
export function seamJump(channels: Channels): SeamMeasure {
	const frames = frameCount(channels);
	if (frames < 2) {
		return { jump: 0, step: 0, smooth: true };
	}
	let jump = 0;
	for (const x of channels) {
		jump = Math.max(jump, Math.abs(x[frames - 1] - x[0]));
	}
	const step = stepPercentile(channels, 0.99);
	return { jump, step, smooth: jump <= SMOOTH_SEAM_FACTOR * step };
}

/** Where a loop's seam comes from: `pre` fades the tail into the frames before start, `post` fades the frames after end out over the head. */
interface SeamPlan {
	start: number;
	end: number;
	/** Crossfade length in frames; 0 is a plain cut. */
	n: number;
	mode: 'pre' | 'post';
}

/** Validates a loop request and decides the crossfade's side and length (see `loopRegion`). */
function planSeam(channels: Channels, start: number, end: number, crossfadeFrames: number): SeamPlan {
	const frames = frameCount(channels);
	checkFrame(start, 0, frames - 1, 'start');
	checkFrame(end, start + 1, frames, 'end');
	if (!(crossfadeFrames >= 0) || !Number.isFinite(crossfadeFrames)) {
		throw new RangeError(`crossfadeFrames must be zero or more (got ${crossfadeFrames})`);
	}
	const before = start;
	const after = frames - end;
	const n = Math.min(Math.round(crossfadeFrames), Math.floor((end - start) / 2));
	if (before >= n) {
		return { start, end, n, mode: 'pre' };
	}
	if (after >= n) {
		return { start, end, n, mode: 'post' };
	}
	return before >= after ? { start, end, n: before, mode: 'pre' } : { start, end, n: after, mode: 'post' };
}

/** Writes output frames [from, to) of the loop planned by `plan` for channel `x` into `dest` at `at`. */
function renderInto(x: Float32Array, plan: SeamPlan, from: number, to: number, dest: Float32Array, at: number): void {
	const { start, end, n, mode } = plan;
	const length = end - start;
	// The crossfaded frames: the region's last n ('pre') or first n ('post').
	const fadeFrom = mode === 'pre' ? length - n : 0;
	const fadeTo = fadeFrom + n;
	dest.set(x.subarray(start + from, start + to), at);
	for (let i = Math.max(from, fadeFrom); i < Math.min(to, fadeTo); i++) {
		if (mode === 'pre') {
			// θ climbs to π/2 on the last frame, which is then exactly x[start − 1].
			const k = i - fadeFrom;
			const theta = (Math.PI / 2) * (k + 1) / n;
			dest[at + i - from] = x[start + i] * Math.cos(theta) + x[start - n + k] * Math.sin(theta);
		} else {
			// θ is 0 on the first frame, which is then exactly x[end], continuing from x[end − 1].
			const theta = (Math.PI / 2) * i / n;
			dest[at + i - from] = x[start + i] * Math.sin(theta) + x[end + i] * Math.cos(theta);
		}
	}
}

/**
 * The nearest-rank `p` quantile of |x[i] − x[i−1]| over all channels, in linear time and constant
 * memory: a histogram finds the bucket holding that rank, and only that bucket is sorted.
 */
function stepPercentile(channels: Channels, p: number): number {
	let max = 0;
	let count = 0;
	for (const x of channels) {
		for (let i = 1; i < x.length; i++) {
			max = Math.max(max, Math.abs(x[i] - x[i - 1]));
		}
		count += Math.max(0, x.length - 1);
	}
	if (count === 0 || max === 0) {
		return 0;
	}
	const rank = Math.max(0, Math.ceil(p * count) - 1);
	const bins = 4096;
	const bucket = (d: number): number => Math.min(bins - 1, Math.floor(d / max * bins));
	const histogram = new Uint32Array(bins);
	for (const x of channels) {
		for (let i = 1; i < x.length; i++) {
			histogram[bucket(Math.abs(x[i] - x[i - 1]))]++;
		}
	}
	let b = 0;
	let below = 0;
	while (below + histogram[b] <= rank) {
		below += histogram[b++];
	}
	const inBucket = new Float64Array(histogram[b]);
	let k = 0;
	for (const x of channels) {
		for (let i = 1; i < x.length; i++) {
			const d = Math.abs(x[i] - x[i - 1]);
			if (bucket(d) === b) {
				inBucket[k++] = d;
			}
		}
	}
	inBucket.sort();
	return inBucket[rank - below];
}

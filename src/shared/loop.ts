/**
 * The loop workshop's DSP on planar audio (see `planar.ts`): snap loop points to zero crossings,
 * trim silence and apply gain here; cut a loop whose seam is crossfaded, and show and measure the
 * seam, in `loopSeam.ts`, re-exported so `shared/loop` stays the one import. The webview runs it to
 * preview the seam and the extension host to export, so it imports nothing outside src/shared/.
 * Pure: no `vscode` import.
 */

import { Channels, checkFrame, frameCount } from './planar';

export type { Channels } from './planar';
export { loopRegion, seamJump, seamWindow, SMOOTH_SEAM_FACTOR } from './loopSeam';
export type { SeamMeasure, SeamWindow } from './loopSeam';

/**
 * The crossing nearest `index` (within ±`radius` frames) of the mixed-down signal (mean of the
 * channels): a frame i where the sign changes between i−1 and i, or where the mix is exactly 0.
 * With `matchSlopeOf` (the other loop point), a crossing going the same way (up or down) as the
 * signal at that frame is preferred, so start and end cross in the same direction; the nearest
 * crossing of either direction is the fallback. Ties go to the earlier frame.
 * @returns the snapped frame, or `index` unchanged when there is no crossing within the radius.
 * @throws RangeError for an index outside [0, length], a negative radius or mismatched channels.
 */
export function snapToZeroCrossing(channels: Channels, index: number, radius: number, matchSlopeOf?: number): number {
	const frames = frameCount(channels);
	checkFrame(index, 0, frames, 'index');
	if (!Number.isInteger(radius) || radius < 0) {
		throw new RangeError(`radius must be a whole number of frames, zero or more (got ${radius})`);
	}
	if (matchSlopeOf !== undefined) {
		checkFrame(matchSlopeOf, 0, frames, 'matchSlopeOf');
	}
	if (frames === 0) {
		return index;
	}
	const from = Math.max(0, index - radius);
	const to = Math.min(frames - 1, index + radius);
	if (from > to) {
		return index;
	}
	// The mix over [from − 1, to + 1], which is all the crossing test and the slope look at.
	const lo = Math.max(0, from - 1);
	const mix = mixDown(channels, lo, Math.min(frames, to + 2));
	const at = (i: number): number => mix[i - lo];
	const want = matchSlopeOf === undefined ? 0 : slopeSign(channels, matchSlopeOf, frames);
	const isCrossing = (i: number): boolean => at(i) === 0 || (i > 0 && at(i - 1) * at(i) < 0);
	const direction = (i: number): number => {
		const before = at(Math.max(lo, i - 1));
		const d = at(i) - before;
		return Math.sign(d !== 0 ? d : at(Math.min(lo + mix.length - 1, i + 1)) - before);
	};
	let fallback = -1;
	for (let d = 0; d <= radius; d++) {
		for (const i of d === 0 ? [index] : [index - d, index + d]) {
			if (i < from || i > to || !isCrossing(i)) {
				continue;
			}
			if (want === 0 || direction(i) === want) {
				return i;
			}
			if (fallback < 0) {
				fallback = i;
			}
		}
	}
	return fallback >= 0 ? fallback : index;
}

/** Options for `trimSilence`. */
export interface TrimOptions {
	/** Frames whose peak over the channels is below this level (dBFS, full scale 1.0) are silence. Default −60. */
	thresholdDb?: number;
	/** Margin of milliseconds kept before the first and after the last audible frame. Default 5. */
	keepMs?: number;
}

/**
 * The audible part of the audio: [start, end) once leading and trailing frames whose peak over the
 * channels is below `thresholdDb` are removed, widened by `keepMs` on each side (within the audio).
 * All-silent (or empty) audio gives { start: 0, end: 0 }.
 * @throws RangeError for a non-positive sample rate or a negative margin.
 */
export function trimSilence(channels: Channels, sampleRate: number, options: TrimOptions = {}): { start: number; end: number } {
	const frames = frameCount(channels);
	const { thresholdDb = -60, keepMs = 5 } = options;
	if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
		throw new RangeError(`sampleRate must be positive (got ${sampleRate})`);
	}
	if (!(keepMs >= 0) || !Number.isFinite(keepMs)) {
		throw new RangeError(`keepMs must be zero or more (got ${keepMs})`);
	}
	const threshold = Math.pow(10, thresholdDb / 20);
	const audible = (i: number): boolean => channels.some((x) => Math.abs(x[i]) >= threshold);
	let first = 0;
	while (first < frames && !audible(first)) {
		first++;
	}
	if (first === frames) {
		return { start: 0, end: 0 };
	}
	let last = frames - 1;
	while (!audible(last)) {
		last--;
	}
	const keep = Math.round(keepMs * sampleRate / 1000);
	return { start: Math.max(0, first - keep), end: Math.min(frames, last + 1 + keep) };
}

/** The largest absolute sample over all channels (0 for no audio). */
export function peakOf(channels: Channels): number {
	let peak = 0;
	for (const x of channels) {
		for (let i = 0; i < x.length; i++) {
			const a = Math.abs(x[i]);
			if (a > peak) {
				peak = a;
			}
		}
	}
	return peak;
}

/** New arrays holding every sample multiplied by `gain` (linear). */
export function applyGain(channels: Channels, gain: number): Float32Array[] {
	return channels.map((x) => {
		const out = new Float32Array(x.length);
		for (let i = 0; i < x.length; i++) {
			out[i] = x[i] * gain;
		}
		return out;
	});
}

/** Mean of the channels over frames [from, to). */
function mixDown(channels: Channels, from: number, to: number): Float64Array {
	const mix = new Float64Array(Math.max(0, to - from));
	for (const x of channels) {
		for (let i = from; i < to; i++) {
			mix[i - from] += x[i];
		}
	}
	for (let i = 0; i < mix.length; i++) {
		mix[i] /= channels.length;
	}
	return mix;
}

/** The direction (−1, 0, +1) the mix moves at frame `i`: into i, or out of it when that step is flat. */
function slopeSign(channels: Channels, i: number, frames: number): number {
	const lo = Math.max(0, i - 1);
	const hi = Math.min(frames - 1, i + 1);
	if (lo >= hi) {
		return 0;
	}
	const mix = mixDown(channels, lo, hi + 1);
	const at = (j: number): number => mix[j - lo];
	const into = i > lo ? at(i) - at(i - 1) : 0;
	return Math.sign(into !== 0 ? into : at(hi) - at(lo));
}

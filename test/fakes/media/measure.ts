/**
 * Small signal measurements the DSP tests share: RMS level over a span, and a ratio in decibels.
 */

/** Root mean square of x over frames [from, to). */
export function rms(x: Float32Array, from: number, to: number): number {
	let sum = 0;
	for (let i = from; i < to; i++) {
		sum += x[i] * x[i];
	}
	return Math.sqrt(sum / (to - from));
}

/** An amplitude ratio in decibels. */
export const db = (ratio: number): number => 20 * Math.log10(ratio);

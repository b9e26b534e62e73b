/**
 * Planar audio (`channels: Float32Array[]`, one array per channel, all the same length, indices in
 * sample frames) and the argument checks the loop DSP shares. Plain TypeScript with no imports, so
 * the webview can bundle it. Pure: no `vscode` import.
 */

/** Planar audio: one array per channel, all the same length. */
export type Channels = readonly Float32Array[];

/** The common length of the channels (0 for none). @throws RangeError when they differ. */
export function frameCount(channels: Channels): number {
	const frames = channels.length > 0 ? channels[0].length : 0;
	channels.forEach((x, c) => {
		if (x.length !== frames) {
			throw new RangeError(`channel ${c} has ${x.length} frames, channel 0 has ${frames}: planar channels must be the same length`);
		}
	});
	return frames;
}

/** Throws unless `value` is a whole frame index in [min, max]. */
export function checkFrame(value: number, min: number, max: number, name: string): void {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`${name} must be a whole frame in [${min}, ${max}] (got ${value})`);
	}
}

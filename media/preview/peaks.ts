/**
 * Waveform peaks: the min and max sample of each slice of the file, over all channels.
 * Computed in time slices that yield to the page between them, so a 10-minute WAV (about
 * 29 million samples a channel) never blocks playback or input for more than a few ms.
 * No DOM types: unit-tested in Node.
 */

/** Min/max per bucket, in [-1, 1]. */
export interface Peaks {
	min: Float32Array;
	max: Float32Array;
}

/** Knobs for `computePeaks`. */
export interface PeakOptions {
	/** Work per slice before yielding, in ms. */
	sliceMs?: number;
	/** How to give the page a turn; defaults to `setTimeout(0)`. */
	yieldFn?: () => Promise<void>;
	/** Stops the work (the card was removed). */
	signal?: AbortSignal;
	/** Clock for slicing; defaults to `performance.now`. */
	now?: () => number;
}

/** How many buckets to compute: enough for a wide, high-DPI canvas, never more than samples. */
export function bucketCount(length: number, max = 4096): number {
	return Math.max(1, Math.min(max, length));
}

/** Computes `buckets` min/max pairs over `channels` (equal lengths), yielding between slices. */
export async function computePeaks(channels: Float32Array[], buckets: number, options: PeakOptions = {}): Promise<Peaks> {
	const length = channels.reduce((n, c) => Math.max(n, c.length), 0);
	const count = Math.max(1, buckets);
	const min = new Float32Array(count);
	const max = new Float32Array(count);
	const now = options.now ?? (() => performance.now());
	const yieldFn = options.yieldFn ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
	const sliceMs = options.sliceMs ?? 8;
	let sliceStart = now();
	for (let b = 0; b < count; b++) {
		const from = Math.floor((b * length) / count);
		const to = Math.max(from + 1, Math.floor(((b + 1) * length) / count));
		let lo = 0;
		let hi = 0;
		for (const data of channels) {
			const end = Math.min(to, data.length);
			for (let i = from; i < end; i++) {
				const v = data[i];
				if (v < lo) { lo = v; }
				else if (v > hi) { hi = v; }
			}
		}
		min[b] = Math.max(-1, lo);
		max[b] = Math.min(1, hi);
		// Checking the clock every bucket would cost more than the work for short files.
		if ((b & 63) === 63 && now() - sliceStart > sliceMs) {
			if (options.signal?.aborted) {
				throw new Error('aborted');
			}
			await yieldFn();
			sliceStart = now();
		}
	}
	return { min, max };
}

/** Peaks for `width` columns: each column takes the extremes of the buckets it covers. */
export function columnPeaks(peaks: Peaks, width: number): Peaks {
	const n = peaks.min.length;
	const cols = Math.max(1, Math.floor(width));
	const min = new Float32Array(cols);
	const max = new Float32Array(cols);
	for (let x = 0; x < cols; x++) {
		const from = Math.floor((x * n) / cols);
		const to = Math.max(from + 1, Math.floor(((x + 1) * n) / cols));
		let lo = 0;
		let hi = 0;
		for (let i = from; i < to && i < n; i++) {
			if (peaks.min[i] < lo) { lo = peaks.min[i]; }
			if (peaks.max[i] > hi) { hi = peaks.max[i]; }
		}
		min[x] = lo;
		max[x] = hi;
	}
	return { min, max };
}

/** Beat positions (seconds) for a BPM grid across `duration`; every 4th is a bar line. */
export function beatGrid(bpm: number, duration: number, maxLines = 512): { time: number; bar: boolean }[] {
	if (!(bpm > 0) || !(duration > 0)) {
		return [];
	}
	const step = 60 / bpm;
	const out: { time: number; bar: boolean }[] = [];
	for (let i = 1; i * step < duration - 1e-6 && out.length < maxLines; i++) {
		out.push({ time: i * step, bar: i % 4 === 0 });
	}
	return out;
}

/**
 * Sample-rate conversion of planar audio with a band-limited, Kaiser-windowed sinc (32 zero crossings
 * each side, cut off at 95 % of the lower Nyquist frequency, so nothing above the new Nyquist
 * frequency folds back). Rational ratios of small terms (44100↔48000, 48000→22050, 24000→44100…)
 * use an exact precomputed polyphase table; other ratios read a finely sampled kernel table with
 * linear interpolation. Input beyond either end counts as silence.
 * Pure: no `vscode` import.
 */

/** Zero crossings of the sinc on each side of the centre tap. */
const ZERO_CROSSINGS = 32;
/** The cutoff as a fraction of the lower Nyquist frequency. */
const CUTOFF = 0.95;
/** Kaiser window shape: about 80 dB of stopband attenuation. */
const KAISER_BETA = 8;
/** Most phases (output positions within one input frame) an exact polyphase table may have. */
const MAX_EXACT_PHASES = 4096;
/** Kernel samples per input frame in the interpolated table used for other ratios. */
const TABLE_OVERSAMPLING = 1024;

/**
 * `channels` (planar, all the same length) converted from `fromRate` to `toRate`: each output has
 * round(length × toRate / fromRate) frames, output frame j being the band-limited input at time
 * j / toRate. Equal rates return copies.
 * @throws RangeError unless both rates are positive integers and the channels are the same length.
 */
export function resample(channels: Float32Array[], fromRate: number, toRate: number): Float32Array[] {
	for (const [name, rate] of [['fromRate', fromRate], ['toRate', toRate]] as const) {
		if (!Number.isInteger(rate) || rate < 1) {
			throw new RangeError(`${name} must be a positive whole number of hertz (got ${rate})`);
		}
	}
	const frames = channels.length > 0 ? channels[0].length : 0;
	channels.forEach((x, c) => {
		if (x.length !== frames) {
			throw new RangeError(`channel ${c} has ${x.length} frames, channel 0 has ${frames}: planar channels must be the same length`);
		}
	});
	if (fromRate === toRate) {
		return channels.map((x) => x.slice());
	}
	const outFrames = Math.round(frames * toRate / fromRate);
	const kernel = designKernel(fromRate, toRate);
	const g = gcd(fromRate, toRate);
	const up = toRate / g;
	const down = fromRate / g;
	if (up > MAX_EXACT_PHASES) {
		return channels.map((x) => resampleInterpolated(x, outFrames, fromRate / toRate, kernel));
	}
	const table = polyphaseTable(kernel, up);
	const outs = channels.map(() => new Float32Array(outFrames));
	// Channels go through in pairs: one pass over the table for two channels is about a third faster.
	for (let c = 0; c < channels.length; c += 2) {
		if (c + 1 < channels.length) {
			polyphasePair(channels[c], channels[c + 1], outs[c], outs[c + 1], up, down, table);
		} else {
			polyphaseOne(channels[c], outs[c], up, down, table);
		}
	}
	return outs;
}

/** The windowed-sinc low-pass, as a function of the distance (in input frames) from the output instant. */
interface Kernel {
	/** Taps per output frame: input frames [floor(t) − half + 1, floor(t) + half]. */
	half: number;
	/** Kernel value at distance d; zero for |d| ≥ the window's half-width. */
	at(d: number): number;
}

function designKernel(fromRate: number, toRate: number): Kernel {
	// Cutoff in cycles per input frame, and the window's half-width reaching the 32nd zero crossing.
	const fc = CUTOFF * Math.min(fromRate, toRate) / 2 / fromRate;
	const width = ZERO_CROSSINGS / (2 * fc);
	const norm = besselI0(KAISER_BETA);
	return {
		half: Math.ceil(width),
		at(d: number): number {
			const r = d / width;
			if (r <= -1 || r >= 1) {
				return 0;
			}
			const u = 2 * fc * d;
			const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
			return 2 * fc * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / norm;
		},
	};
}

/**
 * Taps for each of the `up` phases: phase p (output instant p / up past an input frame) holds
 * 2 × half weights for input offsets −half + 1 … half, normalised to sum to 1 so DC passes exactly.
 */
function polyphaseTable(kernel: Kernel, up: number): Float64Array {
	const taps = 2 * kernel.half;
	const table = new Float64Array(up * taps);
	for (let p = 0; p < up; p++) {
		const frac = p / up;
		let sum = 0;
		for (let k = 0; k < taps; k++) {
			const w = kernel.at(k - kernel.half + 1 - frac);
			table[p * taps + k] = w;
			sum += w;
		}
		for (let k = 0; k < taps; k++) {
			table[p * taps + k] /= sum;
		}
	}
	return table;
}

/**
 * Walks the output frames of a polyphase conversion: output frame j sits at input time j × down / up,
 * whose whole part `base` picks the input frames and whose remainder `phase` the table row.
 */
function forEachOutput(outFrames: number, up: number, down: number, visit: (j: number, base: number, phase: number) => void): void {
	const wholeStep = Math.floor(down / up);
	const phaseStep = down - wholeStep * up;
	let base = 0;
	let phase = 0;
	for (let j = 0; j < outFrames; j++) {
		visit(j, base, phase);
		base += wholeStep;
		phase += phaseStep;
		if (phase >= up) {
			phase -= up;
			base++;
		}
	}
}

/** One channel through the polyphase table (see `polyphaseTable`), input beyond the ends being silence. */
function polyphaseOne(x: Float32Array, out: Float32Array, up: number, down: number, table: Float64Array): void {
	const taps = table.length / up;
	const half = taps / 2;
	const n = x.length;
	forEachOutput(out.length, up, down, (j, base, phase) => {
		const first = base - half + 1;
		const row = phase * taps;
		if (first < 0 || first + taps > n) {
			out[j] = edgeSum(x, first, table, row, taps);
			return;
		}
		// The hot loop: four independent sums let the multiplies overlap (about a third faster in V8).
		let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
		let xi = first;
		let ti = row;
		const rowEnd = row + taps;
		for (; ti + 3 < rowEnd; ti += 4, xi += 4) {
			a0 += x[xi] * table[ti];
			a1 += x[xi + 1] * table[ti + 1];
			a2 += x[xi + 2] * table[ti + 2];
			a3 += x[xi + 3] * table[ti + 3];
		}
		for (; ti < rowEnd; ti++, xi++) {
			a0 += x[xi] * table[ti];
		}
		out[j] = (a0 + a1) + (a2 + a3);
	});
}

/** Two channels at once, sharing the walk and each weight read; otherwise exactly `polyphaseOne`. */
function polyphasePair(x: Float32Array, y: Float32Array, outX: Float32Array, outY: Float32Array, up: number, down: number, table: Float64Array): void {
	const taps = table.length / up;
	const half = taps / 2;
	const n = x.length;
	forEachOutput(outX.length, up, down, (j, base, phase) => {
		const first = base - half + 1;
		const row = phase * taps;
		if (first < 0 || first + taps > n) {
			outX[j] = edgeSum(x, first, table, row, taps);
			outY[j] = edgeSum(y, first, table, row, taps);
			return;
		}
		// The same four sums per channel, in the same order, as `polyphaseOne`: a channel's result does not depend on its pairing.
		let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
		let xi = first;
		let ti = row;
		const rowEnd = row + taps;
		for (; ti + 3 < rowEnd; ti += 4, xi += 4) {
			const w0 = table[ti];
			const w1 = table[ti + 1];
			const w2 = table[ti + 2];
			const w3 = table[ti + 3];
			a0 += x[xi] * w0;
			a1 += x[xi + 1] * w1;
			a2 += x[xi + 2] * w2;
			a3 += x[xi + 3] * w3;
			b0 += y[xi] * w0;
			b1 += y[xi + 1] * w1;
			b2 += y[xi + 2] * w2;
			b3 += y[xi + 3] * w3;
		}
		for (; ti < rowEnd; ti++, xi++) {
			a0 += x[xi] * table[ti];
			b0 += y[xi] * table[ti];
		}
		outX[j] = (a0 + a1) + (a2 + a3);
		outY[j] = (b0 + b1) + (b2 + b3);
	});
}

/** The weighted sum for a row whose taps run past an end of the input, which counts as silence there. */
function edgeSum(x: Float32Array, first: number, table: Float64Array, row: number, taps: number): number {
	let acc = 0;
	for (let k = Math.max(0, -first); k < Math.min(taps, x.length - first); k++) {
		acc += x[first + k] * table[row + k];
	}
	return acc;
}

/** For ratios with no small exact table: kernel weights read from a finely sampled table, normalised per output frame. */
function resampleInterpolated(x: Float32Array, outFrames: number, step: number, kernel: Kernel): Float32Array {
	const { half } = kernel;
	const table = new Float64Array(2 * half * TABLE_OVERSAMPLING + 2);
	for (let i = 0; i < table.length; i++) {
		table[i] = kernel.at(i / TABLE_OVERSAMPLING - half);
	}
	const out = new Float32Array(outFrames);
	const n = x.length;
	for (let j = 0; j < outFrames; j++) {
		const t = j * step;
		const base = Math.floor(t);
		const frac = t - base;
		let acc = 0;
		let sum = 0;
		for (let k = -half + 1; k <= half; k++) {
			// Position of distance k − frac in the table, which starts at distance −half.
			const pos = (k - frac + half) * TABLE_OVERSAMPLING;
			const i = Math.floor(pos);
			const w = table[i] + (table[i + 1] - table[i]) * (pos - i);
			sum += w;
			const at = base + k;
			if (at >= 0 && at < n) {
				acc += x[at] * w;
			}
		}
		out[j] = acc / sum;
	}
	return out;
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for the arguments used here). */
function besselI0(x: number): number {
	let sum = 1;
	let term = 1;
	const q = x * x / 4;
	for (let k = 1; k < 64; k++) {
		term *= q / (k * k);
		sum += term;
		if (term < sum * 1e-17) {
			break;
		}
	}
	return sum;
}

function gcd(a: number, b: number): number {
	while (b !== 0) {
		[a, b] = [b, a % b];
	}
	return a;
}

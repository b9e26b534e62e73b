import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resample } from '../../../src/audio/resample';
import { db, rms } from '../../fakes/media/measure';

/** `seconds` of a sine at `freq` Hz sampled at `rate`. */
function tone(rate: number, seconds: number, freq: number, amplitude: number, phase = 0): Float32Array {
	const x = new Float32Array(Math.round(rate * seconds));
	for (let i = 0; i < x.length; i++) {
		x[i] = amplitude * Math.sin(phase + 2 * Math.PI * freq * i / rate);
	}
	return x;
}

/**
 * Least-squares fit of a·sin + b·cos at exactly `freq` Hz over frames [from, to): the tone's
 * amplitude, and the RMS of what the fit leaves (anything that is not that tone).
 */
function fitTone(x: Float32Array, rate: number, freq: number, from: number, to: number): { amplitude: number; residual: number } {
	let ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
	for (let i = from; i < to; i++) {
		const s = Math.sin(2 * Math.PI * freq * i / rate);
		const c = Math.cos(2 * Math.PI * freq * i / rate);
		ss += s * s;
		sc += s * c;
		cc += c * c;
		ys += x[i] * s;
		yc += x[i] * c;
	}
	const det = ss * cc - sc * sc;
	const a = (ys * cc - yc * sc) / det;
	const b = (yc * ss - ys * sc) / det;
	let rest = 0;
	for (let i = from; i < to; i++) {
		const e = x[i] - a * Math.sin(2 * Math.PI * freq * i / rate) - b * Math.cos(2 * Math.PI * freq * i / rate);
		rest += e * e;
	}
	return { amplitude: Math.hypot(a, b), residual: Math.sqrt(rest / (to - from)) };
}

/** Sign changes in frames [from, to). */
function zeroCrossings(x: Float32Array, from: number, to: number): number {
	let n = 0;
	for (let i = from + 1; i < to; i++) {
		if ((x[i - 1] < 0) !== (x[i] < 0)) {
			n++;
		}
	}
	return n;
}

describe('resample', () => {
	it('has exactly round(length × to / from) frames', () => {
		for (const [length, from, to] of [
			[1000, 44_100, 48_000],
			[1001, 48_000, 22_050],
			[777, 24_000, 44_100],
			[48_000, 48_000, 44_100],
			[999, 44_100, 44_101],
			[1, 8000, 48_000],
			[0, 48_000, 44_100],
		]) {
			const out = resample([new Float32Array(length), new Float32Array(length)], from, to);
			assert.equal(out.length, 2);
			out.forEach((x) => assert.equal(x.length, Math.round(length * to / from), `${length} frames ${from} → ${to}`));
		}
		assert.deepEqual(resample([], 44_100, 48_000), []);
	});

	it('copies when the rates are equal', () => {
		const x = tone(48_000, 0.01, 1000, 0.5);
		const [y] = resample([x], 48_000, 48_000);
		assert.deepEqual(y, x);
		assert.notEqual(y, x);
	});

	it('keeps a 1 kHz tone at 1 kHz and its level within 0.1 dB', () => {
		for (const [from, to] of [[44_100, 48_000], [48_000, 22_050], [24_000, 44_100], [48_000, 44_100], [44_100, 44_101]]) {
			const [y] = resample([tone(from, 1, 1000, 0.5, 0.3)], from, to);
			// Half a second from the middle, away from the edges (where the input stops).
			const start = Math.round(to / 4);
			const end = start + Math.round(to / 2);
			const { amplitude, residual } = fitTone(y, to, 1000, start, end);
			assert.ok(Math.abs(db(amplitude / 0.5)) < 0.1, `${from} → ${to}: level ${db(amplitude / 0.5).toFixed(4)} dB`);
			assert.ok(db(residual / amplitude) < -60, `${from} → ${to}: the rest is ${db(residual / amplitude).toFixed(1)} dB`);
			const crossings = zeroCrossings(y, start, end);
			assert.ok(Math.abs(crossings - 1000) <= 1, `${from} → ${to}: ${crossings} crossings in half a second`);
		}
	});

	it('keeps a tone below the new Nyquist frequency at the same phase', () => {
		const [y] = resample([tone(44_100, 0.5, 3000, 0.5)], 44_100, 48_000);
		const expected = tone(48_000, 0.5, 3000, 0.5);
		for (let i = 4000; i < 20_000; i += 997) {
			assert.ok(Math.abs(y[i] - expected[i]) < 1e-3, `frame ${i}: ${y[i]} vs ${expected[i]}`);
		}
	});

	it('removes an 18 kHz tone when going down to 22050 Hz instead of folding it to 4050 Hz', () => {
		const [y] = resample([tone(48_000, 1, 18_000, 0.5)], 48_000, 22_050);
		const start = 5000;
		const end = y.length - 5000;
		const attenuation = db(rms(y, start, end) / (0.5 / Math.SQRT2));
		assert.ok(attenuation < -40, `18 kHz is down by only ${(-attenuation).toFixed(1)} dB`);
		assert.ok(fitTone(y, 22_050, 4050, start, end).amplitude < 0.005, 'no alias at 4050 Hz');
	});

	it('resamples each channel on its own', () => {
		const left = tone(48_000, 0.2, 1000, 0.5);
		const right = tone(48_000, 0.2, 2000, 0.25);
		const [l, r] = resample([left, right], 48_000, 44_100);
		const [l2] = resample([left], 48_000, 44_100);
		const [r2] = resample([right], 48_000, 44_100);
		assert.deepEqual(l, l2);
		assert.deepEqual(r, r2);
	});

	it('refuses bad rates and mismatched channels', () => {
		const x = [new Float32Array(10)];
		assert.throws(() => resample(x, 0, 48_000), RangeError);
		assert.throws(() => resample(x, 44_100, -1), RangeError);
		assert.throws(() => resample(x, 44_100.5, 48_000), RangeError);
		assert.throws(() => resample([new Float32Array(10), new Float32Array(11)], 44_100, 48_000), RangeError);
	});

	it('converts 10 minutes of 48 kHz stereo to 44.1 kHz (time reported as a diagnostic)', (t) => {
		const frames = 10 * 60 * 48_000;
		const channels = [new Float32Array(frames), new Float32Array(frames)];
		for (let i = 0; i < frames; i++) {
			channels[0][i] = 0.5 * Math.sin(2 * Math.PI * 440 * i / 48_000);
			channels[1][i] = 0.5 * Math.sin(2 * Math.PI * 660 * i / 48_000);
		}
		const began = performance.now();
		const out = resample(channels, 48_000, 44_100);
		const ms = performance.now() - began;
		t.diagnostic(`10 min stereo 48000 → 44100 Hz: ${(ms / 1000).toFixed(2)} s`);
		assert.equal(out[0].length, 10 * 60 * 44_100);
	});
});

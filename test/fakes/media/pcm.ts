/**
 * Pure-JS audio synthesis for the fakes: tones whose pitches and rhythm derive from a hash of the
 * prompt, so the same request always yields the same samples and different prompts differ.
 */
import { createHash } from 'node:crypto';

/** A deterministic 32-bit seed from any JSON-able value. */
export function seedOf(value: unknown): number {
	return createHash('sha256').update(JSON.stringify(value)).digest().readUInt32LE(0);
}

/** mulberry32: tiny, fast and good enough to vary tones; Math.random would break determinism. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Note {
	start: number;
	dur: number;
	freq: number;
	amp: number;
}

/** Mixes notes (three harmonics, short attack and release so note edges do not click). */
function render(notes: Note[], sampleRate: number, totalSamples: number): Float64Array {
	const out = new Float64Array(totalSamples);
	for (const n of notes) {
		const s0 = Math.round(n.start * sampleRate);
		const len = Math.min(Math.round(n.dur * sampleRate), totalSamples - s0);
		const attack = Math.max(1, Math.round(0.01 * sampleRate));
		const release = Math.max(1, Math.round(0.04 * sampleRate));
		const w = (2 * Math.PI * n.freq) / sampleRate;
		for (let i = 0; i < len; i++) {
			const env = Math.min(1, i / attack, (len - i) / release);
			out[s0 + i] += n.amp * env * (Math.sin(w * i) + 0.4 * Math.sin(2 * w * i) + 0.15 * Math.sin(3 * w * i));
		}
	}
	return out;
}

function toS16le(samples: Float64Array): Buffer {
	const buf = Buffer.alloc(samples.length * 2);
	for (let i = 0; i < samples.length; i++) {
		buf.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767), i * 2);
	}
	return buf;
}

const PENTATONIC = [0, 2, 4, 7, 9, 12, 14, 16];

function semitones(base: number, steps: number): number {
	return base * Math.pow(2, steps / 12);
}

/** Speech-like babble: syllables around a voice pitch picked from the seed, with pauses between words. */
export function speechPcm(seed: number, sampleRate: number, seconds: number): Buffer {
	const r = rng(seed);
	const f0 = 110 + r() * 140;
	const notes: Note[] = [];
	let t = 0.1;
	while (t < seconds - 0.35) {
		const syllables = 1 + Math.floor(r() * 3);
		for (let s = 0; s < syllables && t < seconds - 0.3; s++) {
			const dur = 0.12 + r() * 0.1;
			notes.push({ start: t, dur, freq: f0 * (0.85 + r() * 0.3), amp: 0.3 });
			t += dur + 0.02;
		}
		t += 0.08 + r() * 0.1;
	}
	return toS16le(render(notes, sampleRate, Math.round(seconds * sampleRate)));
}

/** A short tune: pentatonic melody in eighths over a bass on each beat; `variant` changes key and melody. */
export function musicPcm(seed: number, variant: number, sampleRate: number, seconds: number): Buffer {
	const r = rng(seed + variant * 7919);
	const root = 196 * Math.pow(2, Math.floor(r() * 7) / 12);
	const beat = 60 / (90 + Math.floor(r() * 50));
	const notes: Note[] = [];
	for (let t = 0, i = 0; t < seconds - beat / 2; t += beat / 2, i++) {
		notes.push({ start: t, dur: beat / 2, freq: semitones(root, PENTATONIC[Math.floor(r() * PENTATONIC.length)]), amp: 0.22 });
		if (i % 2 === 0) {
			notes.push({ start: t, dur: beat, freq: root / 2, amp: 0.18 });
		}
	}
	return toS16le(render(notes, sampleRate, Math.round(seconds * sampleRate)));
}

/**
 * An exact loop: one period of `periodSamples` is rendered (every note ends inside it) and repeated
 * `periods` times, so the file length is a whole number of periods and the seam is seamless.
 */
export function loopPcm(seed: number, sampleRate: number, periodSamples: number, periods: number): Buffer {
	const r = rng(seed);
	const root = 220 * Math.pow(2, Math.floor(r() * 12) / 12);
	const period = periodSamples / sampleRate;
	const step = period / 16;
	const notes: Note[] = [];
	for (let i = 0; i < 16; i++) {
		if (i % 4 === 0 || r() < 0.5) {
			notes.push({ start: i * step, dur: step * 0.9, freq: semitones(root, PENTATONIC[Math.floor(r() * PENTATONIC.length)]), amp: 0.3 });
		}
	}
	const one = toS16le(render(notes, sampleRate, periodSamples));
	return Buffer.concat(Array.from({ length: periods }, () => one));
}

/** Wraps mono s16le PCM in a canonical 44-byte WAV header. */
export function wavFile(pcm: Buffer, sampleRate: number): Buffer {
	const h = Buffer.alloc(44);
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(36 + pcm.length, 4);
	h.write('WAVEfmt ', 8, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20); // PCM
	h.writeUInt16LE(1, 22); // mono
	h.writeUInt32LE(sampleRate, 24);
	h.writeUInt32LE(sampleRate * 2, 28);
	h.writeUInt16LE(2, 32);
	h.writeUInt16LE(16, 34);
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(pcm.length, 40);
	return Buffer.concat([h, pcm]);
}

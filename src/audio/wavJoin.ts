/**
 * Sample-exact joining of 16-bit PCM WAV files: the parts of a long text, spoken one request at a
 * time, become one file with chosen pauses between them. Each part gets a few milliseconds of linear
 * fade at both ends so a seam never clicks, and nothing else about the samples changes.
 * Pure: no `vscode` import.
 */

import { checkFrameLayout, readFmt, WAVE_FORMAT_PCM, WavFormat, wavChunks } from './riff';
import { pcmToWav } from './wav';

/** WAV samples are little-endian; so are the platforms VS Code runs on, where a bulk copy suffices. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decoded 16-bit PCM audio. */
export interface PcmAudio {
	sampleRate: number;
	channels: number;
	/** Interleaved samples; the length is a multiple of `channels`. */
	samples: Int16Array;
}

/** How parts are joined. */
export interface JoinOptions {
	/** Pause in milliseconds inserted BEFORE part i; `pausesMs[0]` is ignored and missing entries count as 0. */
	pausesMs: number[];
	/** Length of the linear fade-in and fade-out at each part's edges, clamped to a quarter of the part. Default 5. */
	fadeMs?: number;
}

/** The joined audio and where each part starts in it. */
export interface JoinResult {
	audio: PcmAudio;
	/** Start time in seconds of each part: exactly (frames before part i) / sampleRate. */
	offsetsSec: number[];
	durationSec: number;
}

/**
 * Parses a RIFF/WAVE file holding 16-bit PCM (plain or WAVE_FORMAT_EXTENSIBLE). Unknown chunks are
 * skipped (odd sizes honour the pad byte); a data chunk stating more bytes than the file holds (a
 * streamed file with a placeholder size) yields what is there, truncated to whole frames.
 * @throws Error when the bytes are not such a file.
 */
export function readWav(bytes: Uint8Array): PcmAudio {
	const { fmt, data } = wavChunks(bytes);
	const { sampleRate, channels } = pcm16Format(readFmt(bytes, fmt));
	const frames = Math.floor(Math.min(data.size, bytes.length - data.body) / (2 * channels));
	const samples = new Int16Array(frames * channels);
	if (LITTLE_ENDIAN) {
		// The file's bytes are the samples: one bulk copy (a chapter's parts join ~10× faster).
		new Uint8Array(samples.buffer).set(bytes.subarray(data.body, data.body + samples.length * 2));
	} else {
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		for (let i = 0; i < samples.length; i++) {
			samples[i] = view.getInt16(data.body + 2 * i, true);
		}
	}
	return { sampleRate, channels, samples };
}

/** Checks that `format` is 16-bit PCM, the only kind joined. */
function pcm16Format(format: WavFormat): WavFormat {
	if (format.code !== WAVE_FORMAT_PCM) {
		throw new Error(
			format.subformat !== undefined
				? 'Unsupported WAV: the extensible subformat is not PCM'
				: `Unsupported WAV format 0x${format.code.toString(16).padStart(4, '0')}: only 16-bit PCM can be joined`,
		);
	}
	if (format.bits !== 16) {
		throw new Error(`Unsupported WAV: ${format.bits}-bit samples; only 16-bit PCM can be joined`);
	}
	checkFrameLayout(format, 2);
	return format;
}

/** A canonical 44-byte-header WAV file for `audio` (16-bit little-endian PCM). */
export function writeWav(audio: PcmAudio): Buffer {
	checkShape(audio, 'audio');
	const pcm = Buffer.alloc(audio.samples.length * 2);
	if (LITTLE_ENDIAN) {
		pcm.set(new Uint8Array(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength));
	} else {
		const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
		audio.samples.forEach((s, i) => view.setInt16(2 * i, s, true));
	}
	return pcmToWav(pcm, { sampleRate: audio.sampleRate, channels: audio.channels });
}

/**
 * Concatenates `parts` with `pausesMs[i]` of digital silence (rounded to whole frames) before part i,
 * fading each part in and out over `fadeMs`. All parts must share rate and channel count.
 * @throws Error when there is nothing to join or the formats differ; RangeError for negative times.
 */
export function joinPcm(parts: PcmAudio[], options: JoinOptions): JoinResult {
	if (parts.length === 0) {
		throw new Error('Nothing to join: no audio parts');
	}
	const { sampleRate, channels } = parts[0];
	parts.forEach((p, i) => {
		checkShape(p, `part ${i}`);
		if (p.sampleRate !== sampleRate || p.channels !== channels) {
			throw new Error(`Cannot join audio of different formats: part ${i} is ${formatLabel(p)}, part 0 is ${formatLabel(parts[0])}`);
		}
	});
	const fadeMs = options.fadeMs ?? 5;
	if (!(fadeMs >= 0)) {
		throw new RangeError(`fadeMs must be zero or more (got ${fadeMs})`);
	}
	const msToFrames = (ms: number): number => Math.round(ms * sampleRate / 1000);
	const pauseFrames = parts.map((_, i) => {
		const ms = i === 0 ? 0 : options.pausesMs[i] ?? 0;
		if (!Number.isFinite(ms) || ms < 0) {
			throw new RangeError(`pausesMs[${i}] must be a finite number of zero or more (got ${ms})`);
		}
		return msToFrames(ms);
	});
	const partFrames = parts.map((p) => p.samples.length / channels);
	const totalFrames = partFrames.reduce((sum, n, i) => sum + n + pauseFrames[i], 0);
	const samples = new Int16Array(totalFrames * channels);
	const offsetsSec: number[] = [];
	let frame = 0;
	parts.forEach((part, i) => {
		frame += pauseFrames[i];
		offsetsSec.push(frame / sampleRate);
		samples.set(part.samples, frame * channels);
		const fade = Math.min(msToFrames(fadeMs), Math.floor(partFrames[i] / 4));
		applyFades(samples.subarray(frame * channels, (frame + partFrames[i]) * channels), channels, fade);
		frame += partFrames[i];
	});
	return { audio: { sampleRate, channels, samples }, offsetsSec, durationSec: totalFrames / sampleRate };
}

/** Linear fade from silence over the first `fade` frames and to silence over the last `fade` frames. */
function applyFades(samples: Int16Array, channels: number, fade: number): void {
	const frames = samples.length / channels;
	for (let k = 0; k < fade; k++) {
		const gain = k / fade;
		for (let c = 0; c < channels; c++) {
			const head = k * channels + c;
			const tail = (frames - 1 - k) * channels + c;
			samples[head] = Math.round(samples[head] * gain);
			samples[tail] = Math.round(samples[tail] * gain);
		}
	}
}

/** Reads each file and joins them; see `readWav` and `joinPcm`. Errors name the offending file's index. */
export function joinWavFiles(files: Uint8Array[], options: JoinOptions): { wav: Buffer; offsetsSec: number[]; durationSec: number } {
	const parts = files.map((file, i) => {
		try {
			return readWav(file);
		} catch (e) {
			throw new Error(`WAV part ${i}: ${e instanceof Error ? e.message : String(e)}`);
		}
	});
	const { audio, offsetsSec, durationSec } = joinPcm(parts, options);
	return { wav: writeWav(audio), offsetsSec, durationSec };
}

/** Throws unless `audio` has a positive integer rate and channel count and whole frames. */
function checkShape(audio: PcmAudio, name: string): void {
	if (!Number.isInteger(audio.sampleRate) || audio.sampleRate < 1 || !Number.isInteger(audio.channels) || audio.channels < 1) {
		throw new RangeError(`${name}: sampleRate and channels must be positive integers`);
	}
	if (audio.samples.length % audio.channels !== 0) {
		throw new RangeError(`${name}: ${audio.samples.length} samples is not a whole number of ${audio.channels}-channel frames`);
	}
}

/** "24000 Hz, 1 channel" for error messages. */
function formatLabel(audio: PcmAudio): string {
	return `${audio.sampleRate} Hz, ${audio.channels} channel${audio.channels === 1 ? '' : 's'}`;
}

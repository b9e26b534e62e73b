/**
 * A generated sound becomes a file the game engine loads: decode (WAV, MP3), resample, trim
 * silence, set and crossfade the loop, normalise by peak or loudness, and encode as 16-bit
 * WAV (loop points in the `smpl` chunk) or Ogg Vorbis (LOOPSTART/LOOPLENGTH comments).
 * Every step is a maintained library (mpg123-decoder, wasm-media-encoders, ebur128-wasm) or a
 * pure function here; no external binaries. Runs on a worker thread (see `worker.ts`).
 * Pure: no `vscode` import.
 */
import { DEFAULT_LUFS, DEFAULT_PEAK_DB, type ExportOptions, type ExportRecord } from '../shared/exportOptions';
import { loopRegion, snapToZeroCrossing, trimSilence } from '../shared/loop';
import { createLoudnessMeter, normalize, peakDb } from './loudness';
import { loopComments, setVorbisComments } from './oggComments';
import { resample } from './resample';
import { decodeWav, encodeWav16, type FloatAudio } from './wavExport';

export interface ExportInput {
	/** The downloaded file. */
	bytes: Uint8Array;
	/** Its extension without the dot (wav, mp3…). */
	ext: string;
	options: ExportOptions;
	/** The result is a loop (Suno Sounds with loop on): the whole file loops unless points are given. */
	isLoop: boolean;
	/** ebur128-wasm's module bytes (the caller knows where the bundle keeps it). */
	loudnessWasm: Uint8Array;
}

export interface ExportOutput {
	bytes: Buffer;
	ext: 'wav' | 'ogg';
	record: ExportRecord;
}

/** Zero crossings are looked for within this distance of a requested loop point. */
const SNAP_MS = 5;
/** A loop shorter than this is refused: it is a click, not a loop. */
const MIN_LOOP_MS = 10;
/** Frames the Vorbis encoder gets at a time (its output buffer is reused between calls). */
const ENCODE_CHUNK = 65_536;

/** Runs the whole export; throws an Error that says what to change when the input or options cannot work. */
export async function exportAudio(input: ExportInput): Promise<ExportOutput> {
	const o = input.options;
	const format = o.format === 'ogg' ? 'ogg' : 'wav';
	let audio = await decode(input.bytes, input.ext);
	const source = { format: input.ext, sampleRate: audio.sampleRate, durationSec: frames(audio) / audio.sampleRate };
	const record: ExportRecord = { format, sampleRate: audio.sampleRate, channels: audio.channels.length, durationSec: 0, source };

	if (o.sampleRate && o.sampleRate !== audio.sampleRate) {
		record.resampledFrom = audio.sampleRate;
		audio = { sampleRate: o.sampleRate, channels: resample(audio.channels, audio.sampleRate, o.sampleRate) };
	}
	const sr = audio.sampleRate;
	const wantsLoop = input.isLoop || o.loopStart !== undefined || o.loopEnd !== undefined || (o.crossfadeMs ?? 0) > 0 || o.loopRegionOnly === true;
	let loopStart = o.loopStart !== undefined ? Math.round(o.loopStart * sr) : 0;
	let loopEnd = o.loopEnd !== undefined ? Math.round(o.loopEnd * sr) : frames(audio);
	loopEnd = Math.min(loopEnd, frames(audio));
	if (wantsLoop && loopEnd - loopStart < MIN_LOOP_MS / 1000 * sr) {
		throw new Error(
			`The loop from ${(loopStart / sr).toFixed(3)} s to ${(loopEnd / sr).toFixed(3)} s is shorter than ${MIN_LOOP_MS} ms (the file lasts ${
				(frames(audio) / sr).toFixed(3)
			} s). Move the loop end after the start.`,
		);
	}

	if (o.trimSilence) {
		const kept = trimSilence(audio.channels, sr, {});
		if (kept.end <= kept.start) { throw new Error('The file is silent (nothing above −60 dBFS), so there is nothing to export. Generate it again.'); }
		// Never trim into a loop the user set: the loop's samples stay.
		const start = o.loopStart !== undefined ? Math.min(kept.start, loopStart) : kept.start;
		const end = o.loopEnd !== undefined ? Math.max(kept.end, loopEnd) : kept.end;
		if (start > 0 || end < frames(audio)) {
			record.trimmed = { startSec: start / sr, endSec: end / sr };
			audio = { sampleRate: sr, channels: audio.channels.map((c) => c.slice(start, end)) };
			loopStart = o.loopStart !== undefined ? loopStart - start : 0;
			loopEnd = o.loopEnd !== undefined ? loopEnd - start : frames(audio);
		}
	}

	if (wantsLoop) {
		const radius = Math.round(SNAP_MS / 1000 * sr);
		if (o.loopStart !== undefined) { loopStart = snapToZeroCrossing(audio.channels, loopStart, radius); }
		if (o.loopEnd !== undefined) { loopEnd = Math.min(frames(audio), snapToZeroCrossing(audio.channels, loopEnd, radius, loopStart)); }
		const crossfade = Math.round((o.crossfadeMs ?? 0) / 1000 * sr);
		if (o.loopRegionOnly) {
			audio = { sampleRate: sr, channels: loopRegion(audio.channels, loopStart, loopEnd, crossfade) };
			loopStart = 0;
			loopEnd = frames(audio);
		} else if (crossfade > 0) {
			const region = loopRegion(audio.channels, loopStart, loopEnd, crossfade);
			audio = {
				sampleRate: sr,
				channels: audio.channels.map((c, i) => {
					const out = c.slice();
					out.set(region[i], loopStart);
					return out;
				}),
			};
		}
		record.loop = { start: loopStart, end: loopEnd, crossfadeMs: o.crossfadeMs ?? 0, writtenAs: o.loopRegionOnly ? 'region' : format === 'wav' ? 'smpl' : 'vorbis-comments' };
	}

	const mode = o.normalize ?? 'none';
	if (mode !== 'none') {
		const meter = createLoudnessMeter(input.loudnessWasm);
		const target = mode === 'peak' ? { mode, peakDb: o.peakDb ?? DEFAULT_PEAK_DB } as const : { mode, lufs: o.lufs ?? DEFAULT_LUFS } as const;
		const before = mode === 'peak' ? peakDb(audio.channels) : undefined;
		let n = normalize(meter, audio.channels, sr, target);
		// Under 0.4 s no loudness gating block fits: a short effect is levelled by its peak instead.
		if (mode === 'lufs' && n.before.lufs === -Infinity && peakDb(audio.channels) > -Infinity) {
			n = normalize(meter, audio.channels, sr, { mode: 'peak', peakDb: o.peakDb ?? DEFAULT_PEAK_DB });
			record.normalize = {
				mode: 'peak',
				target: o.peakDb ?? DEFAULT_PEAK_DB,
				gainDb: round2(n.gainDb),
				before: round2(n.before.truePeakDb),
				after: round2(n.after.truePeakDb),
			};
		}
		audio = { sampleRate: sr, channels: n.channels };
		record.normalize ??= mode === 'peak'
			? { mode, target: target.mode === 'peak' ? target.peakDb : 0, gainDb: round2(n.gainDb), before: round2(before ?? 0), after: round2(peakDb(audio.channels)) }
			: {
				mode,
				target: target.mode === 'lufs' ? target.lufs : 0,
				gainDb: round2(n.gainDb),
				before: round2(n.before.lufs),
				after: round2(n.after.lufs),
				...(n.limitedBy ? { limitedBy: n.limitedBy } : {}),
			};
	}

	record.durationSec = frames(audio) / sr;
	const loop = record.loop ? { start: record.loop.start, end: record.loop.end } : undefined;
	const bytes = format === 'wav' ? encodeWav16(audio, { loop }) : await encodeOgg(audio, loop);
	return { bytes, ext: format, record };
}

/** Planar float audio from a WAV or MP3 file. */
export async function decode(bytes: Uint8Array, ext: string): Promise<FloatAudio> {
	const e = ext.toLowerCase();
	if (e === 'wav' || e === 'wave') { return decodeWav(bytes); }
	if (e === 'mp3' || e === 'mpeg') {
		const { MPEGDecoder } = await import('mpg123-decoder');
		const decoder = new MPEGDecoder();
		await decoder.ready;
		try {
			const r = decoder.decode(bytes);
			if (r.samplesDecoded === 0) { throw new Error(`The MP3 file could not be decoded${r.errors.length ? ` (${r.errors[0].message})` : ''}. Download it again.`); }
			return { sampleRate: r.sampleRate, channels: r.channelData.map((c) => c.slice(0, r.samplesDecoded)) };
		} finally {
			decoder.free();
		}
	}
	throw new Error(`A .${e} file cannot be converted for an engine yet (WAV and MP3 can). Save it with the format "original" instead.`);
}

/** Ogg Vorbis (quality 6, about 192 kbit/s stereo), with the loop points as comments. */
async function encodeOgg(audio: FloatAudio, loop: { start: number; end: number } | undefined): Promise<Buffer> {
	const { createOggEncoder } = await import('wasm-media-encoders');
	const encoder = await createOggEncoder();
	encoder.configure({ sampleRate: audio.sampleRate, channels: audio.channels.length as 1 | 2, vbrQuality: 6 });
	const out: Buffer[] = [];
	const total = frames(audio);
	for (let i = 0; i < total; i += ENCODE_CHUNK) {
		out.push(Buffer.from(encoder.encode(audio.channels.map((c) => c.subarray(i, Math.min(total, i + ENCODE_CHUNK))))));
	}
	out.push(Buffer.from(encoder.finalize()));
	const ogg = Buffer.concat(out);
	return loop ? setVorbisComments(ogg, loopComments(loop.start, loop.end)) : ogg;
}

function frames(audio: FloatAudio): number {
	return audio.channels[0]?.length ?? 0;
}

function round2(x: number): number {
	return Number.isFinite(x) ? Math.round(x * 100) / 100 : x;
}

/**
 * WAV export for game developers: any common WAV decoded to planar float, written back as 16-bit PCM
 * with the loop points in a `smpl` chunk, which is where game engines and samplers read them.
 * Pure: no `vscode` import.
 */

import { checkFrameLayout, readFmt, riffChunks, WAVE_FORMAT_IEEE_FLOAT, WAVE_FORMAT_PCM, WavFormat, wavChunks } from './riff';
import { wavHeader, WAV_HEADER_BYTES } from './wav';

/** Planar audio: one array per channel, all the same length, samples nominally in -1..1. */
export interface FloatAudio {
	sampleRate: number;
	channels: Float32Array[];
}

/** A loop in sample frames: `start` is the first frame played in the loop, `end` the frame after the last. */
export interface LoopPoints {
	start: number;
	end: number;
}

/** A loop read from a `smpl` chunk; `end` is exclusive (the chunk's inclusive dwEnd + 1), `type` is dwType (0 forward, 1 ping-pong, 2 backward). */
export interface SmplLoop extends LoopPoints {
	type: number;
}

/** The `smpl` chunk body: 36 bytes of sampler fields and one 24-byte loop. */
const SMPL_BYTES = 36 + 24;
const SUPPORTED = 'only PCM (8, 16, 24 or 32-bit) and IEEE float (32 or 64-bit) WAV files can be read';

interface SampleFormat {
	float: boolean;
	/** Bytes per sample in the file (the container size). */
	bytes: number;
	channels: number;
	sampleRate: number;
}

/** Checks that `format` is one `decodeWav` reads. */
function sampleFormat(format: WavFormat): SampleFormat {
	const { code, bits } = format;
	const known = code === WAVE_FORMAT_PCM || code === WAVE_FORMAT_IEEE_FLOAT;
	if (!known && format.subformat !== undefined) {
		throw new Error(`This WAV file uses the extensible subformat ${format.subformat}, which cannot be decoded; ${SUPPORTED}`);
	}
	if (!known) {
		throw new Error(`This WAV file uses format 0x${code.toString(16).padStart(4, '0')}, which cannot be decoded; ${SUPPORTED}`);
	}
	// Samples narrower than their container (say 20 bits in 24) are left-justified, so reading the container suffices.
	const float = code === WAVE_FORMAT_IEEE_FLOAT;
	const bytes = Math.ceil(bits / 8);
	if (float ? bits !== 32 && bits !== 64 : bits < 1 || bits > 32) {
		throw new Error(`This WAV file has ${bits}-bit ${float ? 'float' : 'PCM'} samples, which cannot be decoded; ${SUPPORTED}`);
	}
	checkFrameLayout(format, bytes);
	return { float, bytes, channels: format.channels, sampleRate: format.sampleRate };
}

/** One sample at `at` as a float; integers are scaled by 2^(bits-1), so full scale is -1 ≤ x < 1. */
function sampleReader(view: DataView, format: SampleFormat): (at: number) => number {
	switch (format.float ? -format.bytes : format.bytes) {
		case -4:
			return (at) => view.getFloat32(at, true);
		case -8:
			return (at) => view.getFloat64(at, true);
		case 1:
			return (at) => (view.getUint8(at) - 128) / 128; // 8-bit WAV is unsigned
		case 2:
			return (at) => view.getInt16(at, true) / 32_768;
		case 3:
			return (at) => ((view.getUint8(at + 2) << 24 | view.getUint8(at + 1) << 16 | view.getUint8(at) << 8) >> 8) / 8_388_608;
		default:
			return (at) => view.getInt32(at, true) / 2_147_483_648;
	}
}

/**
 * Decodes a WAV file to planar float. Reads PCM (8/16/24/32-bit), IEEE float (32/64-bit) and
 * WAVE_FORMAT_EXTENSIBLE with either subformat; skips unknown chunks; a data chunk stating more
 * bytes than the file holds (a streamed file's placeholder size) yields what is there, in whole frames.
 * Float samples are passed through as they are, even beyond -1..1.
 * @throws Error naming the problem when the file cannot be decoded.
 */
export function decodeWav(bytes: Uint8Array): FloatAudio {
	const { fmt, data } = wavChunks(bytes);
	const format = sampleFormat(readFmt(bytes, fmt));
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const frameBytes = format.bytes * format.channels;
	const frames = Math.floor(Math.min(data.size, bytes.length - data.body) / frameBytes);
	const read = sampleReader(view, format);
	const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
	for (let f = 0, at = data.body; f < frames; f++) {
		for (const channel of channels) {
			channel[f] = read(at);
			at += format.bytes;
		}
	}
	return { sampleRate: format.sampleRate, channels };
}

/** The frame count of `audio`; throws unless it has a positive integer rate and 1 or more channels, all of one length. */
function checkAudio(audio: FloatAudio): number {
	if (!Number.isInteger(audio.sampleRate) || audio.sampleRate < 1) {
		throw new RangeError(`sampleRate must be a positive integer, not ${audio.sampleRate}`);
	}
	if (audio.channels.length < 1 || audio.channels.length > 0x7fff) {
		throw new RangeError(`Cannot write ${audio.channels.length} channels`);
	}
	const frames = audio.channels[0].length;
	if (audio.channels.some((c) => c.length !== frames)) {
		throw new RangeError('Every channel must have the same number of samples');
	}
	return frames;
}

/**
 * The `smpl` chunk (header and body) for one forward loop. The chunk's dwEnd is the LAST frame
 * played (inclusive), so an exclusive `end` is written as end - 1.
 *
 * Engines: Godot's WAV importer (editor/import/resource_importer_wav.cpp through 4.3, then
 * AudioStreamWAV::load_from_buffer) reads only the first loop, maps dwType 0/1/2 to forward,
 * ping-pong and backward, and copies dwStart and dwEnd into loop_begin and loop_end unchanged:
 * it does no ±1 conversion. Its mixer is itself inconsistent about whether loop_end is inclusive
 * (godotengine/godot issue #119778, open when this was written), so Godot may play such a loop one
 * frame off either way. We write what the spec and samplers expect; Godot's importer agrees in one
 * place: a loop end of -1 in its import options becomes frames - 1, an inclusive end.
 */
function smplChunk(loop: LoopPoints, sampleRate: number): Buffer {
	const c = Buffer.alloc(8 + SMPL_BYTES);
	c.write('smpl', 0, 'ascii');
	c.writeUInt32LE(SMPL_BYTES, 4);
	// dwManufacturer, dwProduct = 0 (no specific sampler).
	c.writeUInt32LE(Math.round(1e9 / sampleRate), 16); // dwSamplePeriod, nanoseconds
	c.writeUInt32LE(60, 20); // dwMIDIUnityNote: middle C, the sound plays at its recorded pitch
	// dwMIDIPitchFraction, dwSMPTEFormat, dwSMPTEOffset = 0.
	c.writeUInt32LE(1, 36); // cSampleLoops
	c.writeUInt32LE(0, 40); // cbSamplerData
	// Loop 0: dwIdentifier 0, dwType 0 (forward), dwStart, dwEnd, dwFraction 0, dwPlayCount 0 (forever).
	c.writeUInt32LE(loop.start, 52);
	c.writeUInt32LE(loop.end - 1, 56);
	return c;
}

/**
 * A 16-bit PCM WAV file of `audio`: samples are scaled by 32768, rounded and clipped (NaN becomes 0).
 * With `loop` (sample frames, `end` exclusive), a `smpl` chunk with one forward loop follows the data.
 * @throws RangeError for malformed audio or a loop outside 0 ≤ start < end ≤ frames.
 */
export function encodeWav16(audio: FloatAudio, options: { loop?: LoopPoints } = {}): Buffer {
	const frames = checkAudio(audio);
	const channels = audio.channels.length;
	const { loop } = options;
	if (loop && !(Number.isInteger(loop.start) && Number.isInteger(loop.end) && loop.start >= 0 && loop.start < loop.end && loop.end <= frames)) {
		throw new RangeError(`Loop ${loop.start}..${loop.end} is not within the ${frames} frames of the audio`);
	}
	const dataBytes = frames * channels * 2;
	if (WAV_HEADER_BYTES - 8 + dataBytes + (loop ? 8 + SMPL_BYTES : 0) > 0xffffffff) {
		throw new RangeError('The audio is too long for a WAV file (4 GiB)');
	}
	const out = Buffer.alloc(WAV_HEADER_BYTES + dataBytes);
	wavHeader(dataBytes, { sampleRate: audio.sampleRate, channels }).copy(out);
	for (let f = 0, at = WAV_HEADER_BYTES; f < frames; f++) {
		for (const channel of audio.channels) {
			const x = Math.round(channel[f] * 32_768);
			// NaN fails both comparisons, and `|| 0` turns it (and -0) into 0.
			out.writeInt16LE(x >= 32_767 ? 32_767 : x <= -32_768 ? -32_768 : x || 0, at);
			at += 2;
		}
	}
	if (!loop) {
		return out;
	}
	const file = Buffer.concat([out, smplChunk(loop, audio.sampleRate)]);
	file.writeUInt32LE(file.length - 8, 4);
	return file;
}

/**
 * The loops in a WAV file's `smpl` chunk, with `end` made exclusive (dwEnd + 1); none when the file
 * has no such chunk. Loop counts larger than the chunk can hold are cut to what it holds.
 * @throws Error when the bytes are not a WAV file.
 */
export function readSmplLoops(bytes: Uint8Array): SmplLoop[] {
	const smpl = riffChunks(bytes).find((c) => c.id === 'smpl');
	if (!smpl) {
		return [];
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const available = Math.min(smpl.size, bytes.length - smpl.body);
	if (available < 36) {
		return [];
	}
	const count = Math.min(view.getUint32(smpl.body + 28, true), Math.floor((available - 36) / 24));
	return Array.from({ length: count }, (_, i) => {
		const at = smpl.body + 36 + 24 * i;
		return { type: view.getUint32(at + 4, true), start: view.getUint32(at + 8, true), end: view.getUint32(at + 12, true) + 1 };
	});
}

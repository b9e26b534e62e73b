/**
 * WAV (RIFF/WAVE, and RF64 for files over 4 GiB): the `fmt ` chunk gives codec, rate and
 * channels; the `data` chunk's size over the byte rate gives the duration.
 */
import type { ByteSource } from './source';
import type { ParseResult } from './types';
import { validDuration } from './types';

/** True when `head` starts like a WAV file. */
export function isWav(head: Buffer): boolean {
	if (head.length < 12) {
		return false;
	}
	const riff = head.toString('latin1', 0, 4);
	return (riff === 'RIFF' || riff === 'RF64') && head.toString('latin1', 8, 12) === 'WAVE';
}

/** WAVE_FORMAT_EXTENSIBLE: the real format tag is the first two bytes of the sub-format GUID. */
const EXTENSIBLE = 0xfffe;

/** Format tags 1 (integer PCM) and 3 (IEEE float) are both plain PCM samples. */
function codecOf(tag: number): string {
	return tag === 1 || tag === 3 ? 'pcm' : `0x${tag.toString(16).padStart(4, '0')}`;
}

/** A file with thousands of chunks before `data` is not a WAV anyone generated; stop looking. */
const MAX_CHUNKS = 256;

/** Reads a WAV file's format and duration into `out`. */
export async function parseWav(src: ByteSource, out: ParseResult): Promise<void> {
	let byteRate = 0;
	let rf64DataSize: number | undefined;
	let fmtSeen = false;
	let pos = 12;
	for (let i = 0; i < MAX_CHUNKS && pos + 8 <= src.size; i++) {
		const header = await src.read(pos, 8);
		if (header.length < 8) {
			break;
		}
		const id = header.toString('latin1', 0, 4);
		const size = header.readUInt32LE(4);
		const body = pos + 8;
		if (id === 'ds64') {
			// RF64 keeps the real 64-bit sizes here; the 32-bit fields say 0xFFFFFFFF.
			const ds = await src.read(body, 16);
			if (ds.length >= 16) {
				rf64DataSize = Number(ds.readBigUInt64LE(8));
			}
		} else if (id === 'fmt ') {
			const fmt = await src.read(body, Math.min(size, 40));
			if (fmt.length < 16) {
				break;
			}
			let tag = fmt.readUInt16LE(0);
			if (tag === EXTENSIBLE && fmt.length >= 26) {
				tag = fmt.readUInt16LE(24);
			}
			byteRate = fmt.readUInt32LE(8);
			out.tracks.push({ kind: 'audio', codec: codecOf(tag), sampleRate: fmt.readUInt32LE(4), channels: fmt.readUInt16LE(2) });
			fmtSeen = true;
		} else if (id === 'data') {
			// Streamed WAVs (written to a pipe) leave the size as 0 or 0xFFFFFFFF: the data runs to the end.
			let dataSize = size === 0xffffffff && rf64DataSize !== undefined ? rf64DataSize : size;
			if (dataSize === 0 || dataSize === 0xffffffff || body + dataSize > src.size) {
				dataSize = src.size - body;
			}
			if (fmtSeen && byteRate > 0) {
				out.durationSec = validDuration(dataSize / byteRate);
			}
			return;
		}
		// Chunks are padded to an even length.
		pos = body + size + (size & 1);
	}
}

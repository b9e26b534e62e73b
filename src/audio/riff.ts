/**
 * The one RIFF/WAVE chunk walker and `fmt ` chunk reader behind every WAV reader: the export decoder
 * (wavExport), the part joiner (wavJoin), and anything that has only the first bytes of a file (a
 * header read from disk), for which `wavChunks` still finds the `fmt ` and `data` offsets.
 * Each reader decides which formats it accepts; this module only reads what the file says.
 * Pure: no `vscode` import.
 */

/** One top-level chunk; offsets are positions in the bytes walked, which start at the file's start. */
export interface RiffChunk {
	id: string;
	/** Offset of the chunk body. */
	body: number;
	/** Stated body size, which a streamed file may overstate and a header buffer may not hold. */
	size: number;
}

/** What a `fmt ` chunk says. */
export interface WavFormat {
	/**
	 * wFormatTag; for WAVE_FORMAT_EXTENSIBLE, the code in its subformat GUID (1 PCM, 3 IEEE float),
	 * or WAVE_FORMAT_EXTENSIBLE itself when that GUID is not a standard KSDATAFORMAT_SUBTYPE one.
	 */
	code: number;
	/** The subformat GUID's 16 bytes in hex, for WAVE_FORMAT_EXTENSIBLE only. */
	subformat?: string;
	channels: number;
	sampleRate: number;
	blockAlign: number;
	/** Bits per sample: the container size (a 20-bit sample in 24 bits says 24). */
	bits: number;
}

export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID; bytes 0..1 hold the plain format code. */
const SUBTYPE_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function viewOf(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The top-level chunks of a RIFF/WAVE file, in order, as far as `bytes` reaches: a chunk is listed
 * when its 8-byte header is within `bytes`, even if its body runs past them.
 * @throws Error when the bytes do not start with a RIFF/WAVE header (saying so for RF64).
 */
export function riffChunks(bytes: Uint8Array): RiffChunk[] {
	const ascii = (at: number): string => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
	if (bytes.length >= 12 && ascii(0) === 'RF64') {
		throw new Error('This is an RF64 (64-bit) WAV file, which cannot be read; export it as an ordinary WAV file');
	}
	if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') {
		throw new Error('Not a WAV file: missing the RIFF/WAVE header');
	}
	const view = viewOf(bytes);
	const chunks: RiffChunk[] = [];
	for (let pos = 12; pos + 8 <= bytes.length;) {
		const size = view.getUint32(pos + 4, true);
		chunks.push({ id: ascii(pos), body: pos + 8, size });
		// RIFF pads an odd-sized body to an even length.
		pos += 8 + size + (size % 2);
	}
	return chunks;
}

/**
 * The first `fmt ` and `data` chunks. `bytes` may be just the start of the file: the data body may
 * run past it (clamp `data.size` to the file), but both chunk headers must be within it.
 * @throws Error when the bytes are not a WAV file or either chunk is missing.
 */
export function wavChunks(bytes: Uint8Array): { fmt: RiffChunk; data: RiffChunk } {
	const chunks = riffChunks(bytes);
	const fmt = chunks.find((c) => c.id === 'fmt ');
	const data = chunks.find((c) => c.id === 'data');
	if (!fmt) {
		throw new Error('WAV file has no fmt chunk');
	}
	if (!data) {
		throw new Error('WAV file has no data chunk');
	}
	return { fmt, data };
}

/** Reads the `fmt ` chunk `fmt` of `bytes`. @throws Error when it is truncated or too short for its kind. */
export function readFmt(bytes: Uint8Array, fmt: RiffChunk): WavFormat {
	const { body: at, size } = fmt;
	if (at + size > bytes.length) {
		throw new Error('WAV fmt chunk is truncated');
	}
	if (size < 16) {
		throw new Error(`WAV fmt chunk is too short (${size} bytes)`);
	}
	const view = viewOf(bytes);
	const format: WavFormat = {
		code: view.getUint16(at, true),
		channels: view.getUint16(at + 2, true),
		sampleRate: view.getUint32(at + 4, true),
		blockAlign: view.getUint16(at + 12, true),
		bits: view.getUint16(at + 14, true),
	};
	if (format.code === WAVE_FORMAT_EXTENSIBLE) {
		if (size < 40) {
			throw new Error(`WAV extensible fmt chunk is too short (${size} bytes)`);
		}
		const guid = bytes.subarray(at + 24, at + 40);
		format.subformat = Array.from(guid, (b) => b.toString(16).padStart(2, '0')).join('');
		if (SUBTYPE_TAIL.every((b, i) => guid[2 + i] === b)) {
			format.code = view.getUint16(at + 24, true);
		}
	}
	return format;
}

/** Throws unless the format has channels, a rate, and a block align of one `sampleBytes` container per channel. */
export function checkFrameLayout(format: WavFormat, sampleBytes: number): void {
	const { channels, sampleRate, blockAlign, bits } = format;
	if (channels < 1 || sampleRate < 1) {
		throw new Error(`Invalid WAV format: ${channels} channels at ${sampleRate} Hz`);
	}
	if (blockAlign !== channels * sampleBytes) {
		throw new Error(`Invalid WAV format: block align ${blockAlign} for ${channels} channels of ${bits}-bit samples`);
	}
}

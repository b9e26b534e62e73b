/**
 * Hand-built RIFF/WAVE bytes for the WAV reader tests: chunks (with pad bytes or a streamed file's
 * placeholder size), the RIFF wrapper, and plain or WAVE_FORMAT_EXTENSIBLE `fmt ` bodies.
 */

/** One RIFF chunk: id, size, body and a pad byte when the body is odd (none when a placeholder size is stated, as in a stream). */
export function chunk(id: string, body: Uint8Array, statedSize = body.length): Buffer {
	const head = Buffer.alloc(8);
	head.write(id, 0, 'ascii');
	head.writeUInt32LE(statedSize, 4);
	return Buffer.concat([head, body, Buffer.alloc(statedSize === body.length ? body.length % 2 : 0)]);
}

/** A RIFF/WAVE file of the given chunks. */
export function riff(chunks: Buffer[]): Buffer {
	const body = Buffer.concat([Buffer.from('WAVE', 'ascii'), ...chunks]);
	const head = Buffer.alloc(8);
	head.write('RIFF', 0, 'ascii');
	head.writeUInt32LE(body.length, 4);
	return Buffer.concat([head, body]);
}

/** A 16-byte fmt body (`tag` 1 PCM, 3 float); the block align follows `bits` unless given. */
export function fmtBody(tag: number, channels: number, sampleRate: number, bits: number, blockAlign = channels * Math.ceil(bits / 8)): Buffer {
	const b = Buffer.alloc(16);
	b.writeUInt16LE(tag, 0);
	b.writeUInt16LE(channels, 2);
	b.writeUInt32LE(sampleRate, 4);
	b.writeUInt32LE(sampleRate * blockAlign, 8);
	b.writeUInt16LE(blockAlign, 12);
	b.writeUInt16LE(bits, 14);
	return b;
}

/** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body whose subformat GUID starts with `code` (1 PCM, 3 float). */
export function extensibleBody(code: number, channels: number, sampleRate: number, bits: number, validBits = bits): Buffer {
	const b = Buffer.alloc(40);
	fmtBody(0xfffe, channels, sampleRate, bits).copy(b);
	b.writeUInt16LE(22, 16); // cbSize
	b.writeUInt16LE(validBits, 18);
	b.writeUInt32LE(channels === 2 ? 3 : 4, 20); // channel mask
	b.writeUInt16LE(code, 24);
	Buffer.from([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]).copy(b, 26);
	return b;
}

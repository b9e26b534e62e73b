/**
 * Builds small MP4 boxes by hand for the synthetic codec tests: exact control over sizes,
 * versions and odd layouts that ffmpeg would not write.
 */

/** A box: 32-bit size, type, payload. */
export function box(type: string, ...payload: Buffer[]): Buffer {
	const body = Buffer.concat(payload);
	const head = Buffer.alloc(8);
	head.writeUInt32BE(8 + body.length);
	head.write(type, 4, 'latin1');
	return Buffer.concat([head, body]);
}

/** Bytes from a list of (value, width) pairs, big-endian. */
export function be(...fields: [number, number][]): Buffer {
	return Buffer.concat(fields.map(([value, width]) => {
		const b = Buffer.alloc(width);
		if (width === 8) {
			b.writeBigUInt64BE(BigInt(value));
		} else {
			b.writeUIntBE(value, 0, width);
		}
		return b;
	}));
}

/** `mvhd` version 0 with the given timescale and duration. */
export function mvhd(timescale: number, duration: number): Buffer {
	return box('mvhd', be([0, 4], [0, 4], [0, 4], [timescale, 4], [duration, 4]), Buffer.alloc(80));
}

/** `mdhd` version 1 (64-bit times). */
export function mdhd64(timescale: number, duration: number): Buffer {
	return box('mdhd', be([0x01000000, 4], [0, 8], [0, 8], [timescale, 4], [duration, 8]), Buffer.alloc(4));
}

/** `hdlr` with the given handler type. */
export function hdlr(handler: string): Buffer {
	return box('hdlr', be([0, 4], [0, 4]), Buffer.from(handler, 'latin1'), Buffer.alloc(13));
}

/** A track: tkhd-less `trak` → `mdia` → (`mdhd`, `hdlr`, `minf` → `stbl` → `stsd` holding `entry`). */
export function trak(handler: string, entry: Buffer, timescale: number, duration: number): Buffer {
	const stsd = box('stsd', be([0, 4], [1, 4]), entry);
	return box('trak', box('mdia', mdhd64(timescale, duration), hdlr(handler), box('minf', box('stbl', stsd))));
}

/** A VisualSampleEntry of the given fourcc and size. */
export function visualEntry(fourcc: string, width: number, height: number): Buffer {
	return box(fourcc, Buffer.alloc(8), Buffer.alloc(16), be([width, 2], [height, 2]), Buffer.alloc(50));
}

/** An AudioSampleEntry (version 0); `children` go after its 28 fixed bytes. */
export function audioEntry(fourcc: string, channels: number, rate: number, ...children: Buffer[]): Buffer {
	return box(fourcc, Buffer.alloc(8), be([0, 8], [channels, 2], [16, 2], [0, 4], [rate * 65536, 4]), ...children);
}

/** An `esds` for the given objectTypeIndication, with an AAC-LC AudioSpecificConfig for `channels` when given. */
export function esds(objectType: number, channels?: number): Buffer {
	const asc = channels === undefined ? Buffer.alloc(0) : be([0x05, 1], [2, 1], [(2 << 11) | (4 << 7) | (channels << 3), 2]);
	const decoderConfig = Buffer.concat([be([0x04, 1], [13 + asc.length, 1], [objectType, 1], [0x15, 1]), Buffer.alloc(11), asc]);
	const es = Buffer.concat([be([0x03, 1], [3 + decoderConfig.length, 1], [1, 2], [0, 1]), decoderConfig]);
	return box('esds', Buffer.alloc(4), es);
}

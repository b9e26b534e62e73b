/**
 * ID3v2 tags sit in front of MP3 (and sometimes FLAC) audio; the reader steps over them.
 */
import type { ByteSource } from './source';

/** Some taggers write more than one tag back to back; more than this is not a real file. */
const MAX_TAGS = 4;

/** Returns the offset just past any ID3v2 tags at the start of the file (0 when there are none). */
export async function skipId3v2(src: ByteSource): Promise<number> {
	let pos = 0;
	for (let i = 0; i < MAX_TAGS; i++) {
		const h = await src.read(pos, 10);
		if (h.length < 10 || h.toString('latin1', 0, 3) !== 'ID3') {
			break;
		}
		// The size is "syncsafe": four 7-bit bytes, so a byte with its top bit set means this is not a tag.
		if ((h[6] | h[7] | h[8] | h[9]) & 0x80) {
			break;
		}
		const size = (h[6] << 21) | (h[7] << 14) | (h[8] << 7) | h[9];
		const footer = h[5] & 0x10 ? 10 : 0;
		pos += 10 + size + footer;
	}
	return pos;
}

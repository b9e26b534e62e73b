/**
 * Raw AAC in ADTS frames (`.aac` files): each frame starts with a 7-byte header giving the
 * rate, channels and frame length.
 */
import type { TrackInfo } from './types';

const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** Decodes the ADTS header at the start of `head`, checking that the next frame follows it. */
export function adtsTrack(head: Buffer): TrackInfo | undefined {
	const header = (at: number): { length: number; rate: number; channels: number } | undefined => {
		// 12 sync bits, then layer bits that must be 00 (this is what tells ADTS from MPEG audio).
		if (at + 7 > head.length || head[at] !== 0xff || (head[at + 1] & 0xf6) !== 0xf0) {
			return undefined;
		}
		const rate = ADTS_RATES[(head[at + 2] >> 2) & 0x0f];
		const channels = ((head[at + 2] & 1) << 2) | (head[at + 3] >> 6);
		const length = ((head[at + 3] & 3) << 11) | (head[at + 4] << 3) | (head[at + 5] >> 5);
		return rate && length >= 7 ? { length, rate, channels } : undefined;
	};
	const first = header(0);
	if (!first || (first.length + 7 <= head.length && !header(first.length))) {
		return undefined;
	}
	const track: TrackInfo = { kind: 'audio', codec: 'aac', sampleRate: first.rate };
	// Channel configuration 0 means "given in the stream", which we do not decode.
	if (first.channels) {
		track.channels = first.channels;
	}
	return track;
}

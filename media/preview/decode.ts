/**
 * Fetches a result's file (the same webview URI the player uses; the CSP's `connect-src`
 * allows exactly that origin) and decodes it with Web Audio.
 */

/** Files larger than this are not decoded: the decoded float samples would need several times the memory. */
export const MAX_DECODE_BYTES = 256 * 1024 * 1024;

/**
 * Longer files are decoded only for their waveform, at `WAVEFORM_RATE`: a 10-minute stereo file
 * at 48 kHz decodes to 230 MB of floats, and handing that to the page stalls it for a few hundred
 * ms. Gap-free looping is for short loops; longer files loop with the element instead.
 */
export const LOOPABLE_MAX_SEC = 120;

/** The rate long files are decoded at for their waveform only (a peak envelope needs no more). */
export const WAVEFORM_RATE = 8000;

/** Decodes the audio at `src` at `sampleRate`; the file's own rate (from the codec reader) avoids a resample. */
export async function decodeAudio(src: string, sampleRate: number | undefined, signal: AbortSignal): Promise<AudioBuffer> {
	const response = await fetch(src, { signal });
	if (!response.ok) {
		throw new Error(`HTTP ${response.status}`);
	}
	const bytes = await response.arrayBuffer();
	// An offline context decodes without touching the audio device (no autoplay warning) and,
	// at the file's own rate, without resampling. AudioBuffers work in any context afterwards.
	const rate = sampleRate && sampleRate >= 3000 && sampleRate <= 384000 ? sampleRate : 48000;
	const ctx = new OfflineAudioContext(1, 1, rate);
	return ctx.decodeAudioData(bytes);
}

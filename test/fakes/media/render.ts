/**
 * What a result file is (a MediaSpec) and how it is turned into real, playable bytes.
 * Rendering is deterministic in the spec and cached in memory, so repeated downloads are fast.
 */
import { encodePcm, renderCover, renderVideo } from './ffmpeg';
import { loopPcm, musicPcm, seedOf, speechPcm, wavFile } from './pcm';

export type AudioFormat = 'wav' | 'mp3' | 'pcm' | 'ogg_opus' | 'opus';

/** Audio made from tones; `style` picks the synthesis, `seed` is usually the prompt plus parameters. */
export interface AudioSpec {
	kind: 'audio';
	style: 'speech' | 'music' | 'loop';
	seed: unknown;
	format: AudioFormat;
	sampleRate: number;
	seconds: number;
	/** music: which of the variants. */
	variant?: number;
	/** loop: samples in one period; `seconds` is then ignored in favour of periods * periodSamples. */
	periodSamples?: number;
	periods?: number;
}

/** An H.264 mp4 of ffmpeg's test pattern. */
export interface VideoSpec {
	kind: 'video';
	seed: unknown;
	width: number;
	height: number;
	seconds: number;
}

/** A small JPEG cover. */
export interface ImageSpec {
	kind: 'image';
	seed: unknown;
}

export type MediaSpec = AudioSpec | VideoSpec | ImageSpec;

/** Rendered bytes and how to serve them. */
export interface Rendered {
	bytes: Buffer;
	contentType: string;
}

/** File extension for a spec, used in result URLs. */
export function extensionOf(spec: MediaSpec): string {
	if (spec.kind === 'video') {
		return 'mp4';
	}
	if (spec.kind === 'image') {
		return 'jpg';
	}
	return { wav: 'wav', mp3: 'mp3', pcm: 'pcm', ogg_opus: 'ogg', opus: 'opus' }[spec.format];
}

function contentTypeOf(spec: MediaSpec): string {
	if (spec.kind === 'video') {
		return 'video/mp4';
	}
	if (spec.kind === 'image') {
		return 'image/jpeg';
	}
	// Raw PCM has no registered little-endian MIME type; a CDN serves an unknown extension as octet-stream.
	return { wav: 'audio/wav', mp3: 'audio/mpeg', pcm: 'application/octet-stream', ogg_opus: 'audio/ogg', opus: 'audio/ogg' }[spec.format];
}

function pcmFor(spec: AudioSpec): Buffer {
	const seed = seedOf(spec.seed);
	switch (spec.style) {
		case 'speech':
			return speechPcm(seed, spec.sampleRate, spec.seconds);
		case 'music':
			return musicPcm(seed, spec.variant ?? 0, spec.sampleRate, spec.seconds);
		case 'loop':
			return loopPcm(seed, spec.sampleRate, spec.periodSamples ?? spec.sampleRate * 2, spec.periods ?? 2);
	}
}

async function renderUncached(spec: MediaSpec): Promise<Buffer> {
	if (spec.kind === 'video') {
		return renderVideo(spec.width, spec.height, spec.seconds, (seedOf(spec.seed) % 36000) / 100);
	}
	if (spec.kind === 'image') {
		return renderCover(seedOf(spec.seed));
	}
	const pcm = pcmFor(spec);
	switch (spec.format) {
		case 'pcm':
			return pcm;
		case 'wav':
			return wavFile(pcm, spec.sampleRate);
		case 'mp3':
			return encodePcm(pcm, spec.sampleRate, 'mp3');
		case 'ogg_opus':
		case 'opus':
			return encodePcm(pcm, spec.sampleRate, 'opus');
	}
}

// Shared by every fake in the process: equal specs render equal bytes, so sharing is safe and
// lets a test suite reuse what an earlier test already encoded. Promises dedupe concurrent renders.
const cache = new Map<string, Promise<Buffer>>();
const CACHE_LIMIT = 128;

/** Empties the render cache (tests use it to prove bytes are reproduced, not just remembered). */
export function clearMediaCache(): void {
	cache.clear();
}

/** Renders (or fetches from the cache) the bytes of a spec. */
export async function renderMedia(spec: MediaSpec): Promise<Rendered> {
	const key = JSON.stringify(spec);
	let pending = cache.get(key);
	if (!pending) {
		pending = renderUncached(spec);
		cache.set(key, pending);
		pending.catch(() => cache.delete(key));
		if (cache.size > CACHE_LIMIT) {
			cache.delete(cache.keys().next().value as string);
		}
	}
	return { bytes: await pending, contentType: contentTypeOf(spec) };
}

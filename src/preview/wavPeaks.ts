/**
 * Waveform peaks of a 16-bit PCM WAV, read by the host straight from the file in chunks, so the
 * preview draws a 10-minute voiceover's waveform at once instead of after decoding ~30 million
 * samples in the page. Other formats return undefined (the page decodes them as before).
 * Pure: no `vscode` import.
 */
import { promises as fs } from 'node:fs';
import { readFmt, WAVE_FORMAT_PCM, wavChunks } from '../audio/riff';

/** Min/max per bucket over all channels, scaled to whole numbers in [-127, 127] (compact in a message). */
export interface PeakData {
	min: number[];
	max: number[];
}

/** Where the samples are: the `fmt ` fields we need and the `data` chunk's span. */
interface PcmLayout {
	channels: number;
	dataStart: number;
	dataBytes: number;
}

const CHUNK = 4 << 20;

/** Peaks in `buckets` slices of a 16-bit PCM WAV file; undefined for anything else or a damaged file. */
export async function wavPeaks(file: string, buckets = 2048): Promise<PeakData | undefined> {
	const handle = await fs.open(file, 'r');
	try {
		const size = (await handle.stat()).size;
		const layout = await findPcm(handle, size);
		if (!layout) { return undefined; }
		const frameBytes = layout.channels * 2;
		const frames = Math.floor(Math.min(layout.dataBytes, size - layout.dataStart) / frameBytes);
		if (frames === 0) { return undefined; }
		const count = Math.max(1, Math.min(buckets, frames));
		const lo = new Int16Array(count);
		const hi = new Int16Array(count);
		const buf = Buffer.alloc(CHUNK - (CHUNK % frameBytes));
		let frame = 0;
		let b = 0;
		// The first frame of the next bucket: compared, not divided, per frame.
		let next = Math.floor(frames / count);
		let l = 0;
		let h = 0;
		const ch = layout.channels;
		while (frame < frames) {
			const want = Math.min(buf.length, (frames - frame) * frameBytes);
			const { bytesRead } = await handle.read(buf, 0, want, layout.dataStart + frame * frameBytes);
			if (bytesRead < frameBytes) { break; }
			const samples = new Int16Array(buf.buffer, buf.byteOffset, Math.floor(bytesRead / 2));
			const n = Math.floor(bytesRead / frameBytes);
			for (let f = 0; f < n; f++) {
				if (frame + f >= next && b < count - 1) {
					lo[b] = l;
					hi[b] = h;
					l = 0;
					h = 0;
					b++;
					next = Math.floor(((b + 1) * frames) / count);
				}
				const base = f * ch;
				for (let c = 0; c < ch; c++) {
					const v = samples[base + c];
					if (v < l) { l = v; }
					else if (v > h) { h = v; }
				}
			}
			frame += n;
		}
		lo[b] = l;
		hi[b] = h;
		const scale = (v: number) => Math.round((v / 32768) * 127);
		return { min: Array.from(lo, scale), max: Array.from(hi, scale) };
	} finally {
		await handle.close();
	}
}

/** How much of the file's start is read for its chunk headers (`fmt ` and `data` sit well within it). */
const HEAD_BYTES = 64 << 10;

/** Finds `fmt ` (16-bit PCM only) and `data` in the file's first bytes with the shared RIFF walker. */
async function findPcm(handle: fs.FileHandle, size: number): Promise<PcmLayout | undefined> {
	const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
	const { bytesRead } = await handle.read(head, 0, head.length, 0);
	try {
		const bytes = head.subarray(0, bytesRead);
		const { fmt, data } = wavChunks(bytes);
		const format = readFmt(bytes, fmt);
		if (format.code !== WAVE_FORMAT_PCM || format.bits !== 16 || format.channels < 1) { return undefined; }
		return { channels: format.channels, dataStart: data.body, dataBytes: data.size };
	} catch {
		return undefined; // Not a WAV we can read here: the page decodes it itself.
	}
}

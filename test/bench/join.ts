import { performance } from 'node:perf_hooks';
import { joinWavFiles, writeWav } from '../../src/audio/wavJoin';
import { cleanForSpeech } from '../../src/text/clean';
import { splitForSpeech } from '../../src/text/split';

/**
 * A 10,000-character Markdown chapter through the writer's path, without the network: clean,
 * split at 1,500 characters, then join one 24 kHz mono WAV per part (length as speech of that
 * text at ~15 characters per second). Baseline: copying the same bytes once (Buffer.concat),
 * the least any join must cost, i.e. what a download of the parts writes.
 */
export function benchJoin(): { chars: number; parts: number; audioSec: number; cleanSplitMs: number; joinMs: number; copyMs: number } {
	const words = 'the keeper climbed the stairs while the waves broke below and the lamp turned slowly'.split(' ');
	const paragraphs: string[] = [];
	for (let n = 0; paragraphs.join('\n\n').length < 10_000; n++) {
		paragraphs.push(
			`**Paragraph ${n}.** ${Array.from({ length: n % 4 === 0 ? 320 : 90 }, (_, i) => words[(i + n) % words.length]).join(' ')}. See [the log](https://example.com/${n}).`,
		);
	}
	const markdown = paragraphs.join('\n\n');
	let t = performance.now();
	const parts = splitForSpeech(cleanForSpeech(markdown, 'markdown'), 1500);
	const cleanSplitMs = performance.now() - t;
	const files = parts.map((p, i) => {
		const samples = new Int16Array(Math.round((p.text.length / 15) * 24_000));
		for (let s = 0; s < samples.length; s++) { samples[s] = Math.round(8000 * Math.sin((s * (220 + i)) / 24_000 * 2 * Math.PI)); }
		return writeWav({ sampleRate: 24_000, channels: 1, samples });
	});
	const pausesMs = parts.map((p, i) => (i === 0 ? 0 : p.paragraph !== parts[i - 1].paragraph ? 400 : 150));
	t = performance.now();
	const joined = joinWavFiles(files, { pausesMs });
	const joinMs = performance.now() - t;
	t = performance.now();
	Buffer.concat(files);
	const copyMs = performance.now() - t;
	return { chars: markdown.length, parts: parts.length, audioSec: joined.durationSec, cleanSplitMs, joinMs, copyMs };
}

/**
 * Runs the system ffmpeg to encode what pure JS cannot (mp3, Ogg Opus, H.264, JPEG).
 * Output goes to a temp file, not a pipe: the mp3 muxer must seek back to write its LAME/Xing
 * header (gapless info, exact length) and a faststart mp4 needs a seekable output too.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Flags that keep output byte-identical between runs (no encoder version strings, fixed Ogg serials).
const BITEXACT = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags', '+bitexact'];

/** Runs `ffmpeg <args> <tempfile>` with optional stdin and returns the file's bytes. */
export async function ffmpegToBuffer(args: string[], ext: string, stdin?: Buffer): Promise<Buffer> {
	const dir = await mkdtemp(join(tmpdir(), 'evolink-fake-'));
	const out = join(dir, `out.${ext}`);
	try {
		await new Promise<void>((resolve, reject) => {
			const child = spawn('ffmpeg', ['-v', 'error', '-y', ...args, ...BITEXACT, out], { stdio: ['pipe', 'ignore', 'pipe'] });
			let stderr = '';
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
			child.on('error', reject);
			child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr.trim()}`))));
			// ffmpeg may exit before reading all of stdin (it never does here, but EPIPE must not crash the fake).
			child.stdin.on('error', () => undefined);
			child.stdin.end(stdin);
		});
		return await readFile(out);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Encodes mono s16le PCM to mp3 (libmp3lame) or Ogg Opus (libopus, which only runs at 8/12/16/24/48 kHz). */
export function encodePcm(pcm: Buffer, sampleRate: number, codec: 'mp3' | 'opus'): Promise<Buffer> {
	const input = ['-f', 's16le', '-ar', String(sampleRate), '-ac', '1', '-i', 'pipe:0'];
	if (codec === 'mp3') {
		return ffmpegToBuffer([...input, '-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3'], 'mp3', pcm);
	}
	const opusRate = [8000, 12000, 16000, 24000, 48000].includes(sampleRate) ? sampleRate : 48000;
	return ffmpegToBuffer([...input, '-ar', String(opusRate), '-c:a', 'libopus', '-b:a', '32k', '-f', 'ogg'], 'ogg', pcm);
}

/** Renders an H.264 mp4 (no audio track) from ffmpeg's testsrc2, tinted by `hue` so prompts differ. */
export function renderVideo(width: number, height: number, seconds: number, hue: number): Promise<Buffer> {
	return ffmpegToBuffer(
		[
			'-f',
			'lavfi',
			'-i',
			`testsrc2=size=${width}x${height}:rate=15:duration=${seconds}`,
			'-vf',
			`hue=h=${hue.toFixed(2)}`,
			'-c:v',
			'libx264',
			'-preset',
			'ultrafast',
			'-pix_fmt',
			'yuv420p',
			'-g',
			'15',
			'-movflags',
			'+faststart',
			'-f',
			'mp4',
		],
		'mp4',
	);
}

/** Renders a small solid-colour JPEG cover image. */
export function renderCover(rgb: number): Promise<Buffer> {
	const color = `0x${(rgb & 0xffffff).toString(16).padStart(6, '0')}`;
	return ffmpegToBuffer(['-f', 'lavfi', '-i', `color=c=${color}:s=96x96`, '-frames:v', '1', '-c:v', 'mjpeg', '-f', 'image2'], 'jpg');
}

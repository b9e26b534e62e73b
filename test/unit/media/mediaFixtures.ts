/**
 * Media fixtures the codec tests make at run time with ffmpeg: tiny (1 s, 64x48) files in a temp
 * directory, each with what the reader should find in it. Importing this module does nothing;
 * `makeFixtures` does the work.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Container, TrackInfo } from '../../../src/preview/codecs';

const run = promisify(execFile);

/** Encoders the fixtures need; a missing one fails the tests with this list rather than skipping. */
export const REQUIRED_ENCODERS = ['pcm_s16le', 'libmp3lame', 'libvorbis', 'libopus', 'flac', 'aac', 'libx264', 'libvpx', 'libvpx-vp9'];

/** One fixture: how to make it and what the reader must report. */
export interface Fixture {
	name: string;
	args: string[];
	container: Container;
	tracks: TrackInfo[];
	/** Allowed difference from ffprobe's duration; `undefined` expects no duration (a streamed WebM, raw AAC). */
	tolerance?: { seconds?: number; fraction?: number };
	playable: boolean;
	silent?: true;
	/** A fragment that must appear in the reasons (none expected when absent). */
	reason?: string;
}

const sine = (rate: number): string[] => ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${rate}:duration=1`];
const picture = ['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=25:duration=1'];
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const vp9 = ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'];
const video = (codec: string): TrackInfo => ({ kind: 'video', codec, width: 64, height: 48 });
const audio = (codec: string, sampleRate: number, channels: number): TrackInfo => ({ kind: 'audio', codec, sampleRate, channels });
const exact = { seconds: 0.1 };
const AAC_SILENT = "its AAC audio will not play in VS Code's desktop webviews";
const OPUS = 'Opus does not play in desktop VS Code webviews; open it in the system player.';

/** Every fixture, keyed by file name (the extension picks ffmpeg's muxer unless `-f` says otherwise). */
export const FIXTURES: readonly Fixture[] = [
	{ name: 'pcm.wav', args: [...sine(24000), '-c:a', 'pcm_s16le', '-ac', '1'], container: 'wav', tracks: [audio('pcm', 24000, 1)], tolerance: exact, playable: true },
	// Written to a pipe, ffmpeg cannot go back to fill in the sizes: RIFF and data say 0xFFFFFFFF.
	{
		name: 'streamed.wav',
		args: [...sine(44100), '-c:a', 'pcm_s16le', '-ac', '2', '-f', 'wav', 'PIPE'],
		container: 'wav',
		tracks: [audio('pcm', 44100, 2)],
		tolerance: exact,
		playable: true,
	},
	{
		name: 'xing.mp3',
		args: [...sine(44100), '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '128k'],
		container: 'mp3',
		tracks: [audio('mp3', 44100, 2)],
		tolerance: exact,
		playable: true,
	},
	{
		name: 'cbr-raw.mp3',
		args: [...sine(44100), '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '128k', '-write_xing', '0', '-id3v2_version', '0'],
		container: 'mp3',
		tracks: [audio('mp3', 44100, 2)],
		tolerance: { fraction: 0.05 },
		playable: true,
	},
	{
		name: 'id3.mp3',
		args: [
			...sine(22050),
			'-ac',
			'1',
			'-c:a',
			'libmp3lame',
			'-b:a',
			'64k',
			'-write_xing',
			'0',
			'-write_id3v1',
			'1',
			'-metadata',
			'title=A title long enough to matter',
			'-metadata',
			'artist=EvoLink',
		],
		container: 'mp3',
		tracks: [audio('mp3', 22050, 1)],
		tolerance: { fraction: 0.05 },
		playable: true,
	},
	{ name: 'vorbis.ogg', args: [...sine(44100), '-ac', '2', '-c:a', 'libvorbis'], container: 'ogg', tracks: [audio('vorbis', 44100, 2)], tolerance: exact, playable: true },
	{
		name: 'opus.ogg',
		args: [...sine(24000), '-ac', '2', '-c:a', 'libopus'],
		container: 'ogg',
		tracks: [audio('opus', 24000, 2)],
		tolerance: exact,
		playable: false,
		reason: OPUS,
	},
	{ name: 'flac.oga', args: [...sine(44100), '-ac', '2', '-c:a', 'flac', '-f', 'ogg'], container: 'ogg', tracks: [audio('flac', 44100, 2)], tolerance: exact, playable: true },
	// Raw AAC (ADTS) has no container; the reader names the codec but not the duration.
	{
		name: 'raw.aac',
		args: [...sine(44100), '-ac', '2', '-c:a', 'aac', '-f', 'adts'],
		container: 'unknown',
		tracks: [audio('aac', 44100, 2)],
		playable: false,
		reason: 'AAC does not play in desktop VS Code webviews',
	},
	{ name: 'native.flac', args: [...sine(48000), '-ac', '2', '-c:a', 'flac'], container: 'flac', tracks: [audio('flac', 48000, 2)], tolerance: exact, playable: true },
	// Without +faststart ffmpeg writes `moov` after `mdat`.
	{
		name: 'h264-aac.mp4',
		args: [...picture, ...sine(44100), ...x264, '-c:a', 'aac', '-ac', '2'],
		container: 'mp4',
		tracks: [video('h264'), audio('aac', 44100, 2)],
		tolerance: exact,
		playable: true,
		silent: true,
		reason: AAC_SILENT,
	},
	{
		name: 'h264-aac-faststart.mp4',
		args: [...picture, ...sine(48000), ...x264, '-c:a', 'aac', '-ac', '1', '-movflags', '+faststart'],
		container: 'mp4',
		tracks: [video('h264'), audio('aac', 48000, 1)],
		tolerance: exact,
		playable: true,
		silent: true,
		reason: AAC_SILENT,
	},
	{ name: 'h264-only.mp4', args: [...picture, ...x264], container: 'mp4', tracks: [video('h264')], tolerance: exact, playable: true },
	{
		name: 'h264-mp3.mp4',
		args: [...picture, ...sine(44100), ...x264, '-c:a', 'libmp3lame', '-ac', '2'],
		container: 'mp4',
		tracks: [video('h264'), audio('mp3', 44100, 2)],
		tolerance: exact,
		playable: true,
	},
	{
		name: 'vp8-vorbis.webm',
		args: [...picture, ...sine(44100), '-c:v', 'libvpx', '-c:a', 'libvorbis', '-ac', '2'],
		container: 'webm',
		tracks: [video('vp8'), audio('vorbis', 44100, 2)],
		tolerance: exact,
		playable: true,
	},
	{
		name: 'vp9-opus.webm',
		args: [...picture, ...sine(48000), ...vp9, '-c:a', 'libopus', '-ac', '2'],
		container: 'webm',
		tracks: [video('vp9'), audio('opus', 48000, 2)],
		tolerance: exact,
		playable: false,
		reason: 'VP9 video does not play in desktop VS Code webviews',
	},
	// Streamed WebM: Segment and Clusters of unknown size, no Duration.
	{
		name: 'streamed.webm',
		args: [...picture, ...sine(44100), '-c:v', 'libvpx', '-c:a', 'libvorbis', '-ac', '1', '-f', 'webm', 'PIPE'],
		container: 'webm',
		tracks: [video('vp8'), audio('vorbis', 44100, 1)],
		playable: true,
	},
];

/** Fails with a clear message when ffmpeg or any encoder the fixtures need is missing. */
export async function checkEncoders(): Promise<void> {
	let listing: string;
	try {
		listing = (await run('ffmpeg', ['-hide_banner', '-encoders'])).stdout;
	} catch (err) {
		throw new Error(`ffmpeg is needed to make the media fixtures but could not be run: ${(err as Error).message}`);
	}
	const have = new Set(listing.split('\n').map((line) => line.trim().split(/\s+/)[1]));
	const missing = REQUIRED_ENCODERS.filter((e) => !have.has(e));
	if (missing.length) {
		throw new Error(`This ffmpeg lacks encoder(s) the media fixtures need: ${missing.join(', ')} (Debian's ffmpeg package has them all)`);
	}
}

/** Makes one fixture in `dir` and returns its path. */
async function make(dir: string, f: Fixture): Promise<string> {
	const path = join(dir, f.name);
	const pipe = f.args.at(-1) === 'PIPE';
	const args = ['-hide_banner', '-loglevel', 'error', '-y', ...f.args.slice(0, pipe ? -1 : undefined), '-shortest', pipe ? 'pipe:1' : path];
	if (!pipe) {
		await run('ffmpeg', args);
		return path;
	}
	// Writing to a pipe stops ffmpeg from seeking back to patch sizes, as a live stream would.
	const out = await open(path, 'w');
	try {
		await new Promise<void>((resolve, reject) => {
			const child = spawn('ffmpeg', args, { stdio: ['ignore', out.fd, 'inherit'] });
			child.on('error', reject);
			child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code} making ${f.name}`))));
		});
	} finally {
		await out.close();
	}
	return path;
}

/** A temp directory holding the named fixtures (all by default), made a few at a time. */
export async function makeFixtures(names?: string[]): Promise<{ dir: string; path: (name: string) => string; cleanup: () => Promise<void> }> {
	await checkEncoders();
	const dir = await mkdtemp(join(tmpdir(), 'evolink-codecs-'));
	const queue = FIXTURES.filter((f) => !names || names.includes(f.name));
	const workers = Array.from({ length: 4 }, async () => {
		for (let f = queue.shift(); f; f = queue.shift()) {
			await make(dir, f);
		}
	});
	try {
		await Promise.all(workers);
	} catch (err) {
		await rm(dir, { recursive: true, force: true });
		throw err;
	}
	return { dir, path: (name) => join(dir, name), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** ffprobe's container duration in seconds, or undefined when it reports none. */
export async function ffprobeDuration(path: string): Promise<number | undefined> {
	const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]);
	const value = Number.parseFloat(stdout.trim());
	return Number.isFinite(value) ? value : undefined;
}

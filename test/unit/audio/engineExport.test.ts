import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decode, exportAudio } from '../../../src/audio/engineExport';
import { readVorbisComments } from '../../../src/audio/oggComments';
import { decodeWav, readSmplLoops } from '../../../src/audio/wavExport';
import { exportInWorker } from '../../../src/audio/workerClient';
import { seamJump } from '../../../src/shared/loop';

const loudnessWasm = fs.readFileSync(require.resolve('ebur128-wasm/ebur128_wasm_bg.wasm'));

/** ffmpeg's integrated loudness of a file: the independent meter. */
function ffmpegLufs(file: string): number {
	const r = spawnSync('ffmpeg', ['-nostats', '-hide_banner', '-i', file, '-af', 'ebur128', '-f', 'null', '-'], { encoding: 'utf8' });
	return Number(/Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+) LUFS/.exec(r.stderr)![1]);
}

describe('engine export (decode → loop → level → encode)', () => {
	let dir: string;
	let mp3: Uint8Array;
	let wav: Uint8Array;
	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-export-'));
		// A 4 s stereo bed: brown-ish noise under a 220 Hz tone, quiet (about −30 LUFS), 0.5 s of silence at both ends.
		execFileSync('ffmpeg', [
			'-v',
			'error',
			'-f',
			'lavfi',
			'-i',
			'sine=f=220:d=3,volume=0.05',
			'-f',
			'lavfi',
			'-i',
			'anoisesrc=c=brown:d=3:a=0.02',
			'-filter_complex',
			'[0][1]amix=inputs=2,adelay=500|500,apad=pad_dur=0.5,aformat=channel_layouts=stereo',
			'-ar',
			'44100',
			path.join(dir, 'bed.wav'),
		]);
		execFileSync('ffmpeg', ['-v', 'error', '-i', path.join(dir, 'bed.wav'), '-b:a', '192k', path.join(dir, 'bed.mp3')]);
		wav = fs.readFileSync(path.join(dir, 'bed.wav'));
		mp3 = fs.readFileSync(path.join(dir, 'bed.mp3'));
	});
	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('decodes MP3 (mpg123, gapless) and WAV to the same length', async () => {
		const a = await decode(mp3, 'mp3');
		const b = await decode(wav, 'wav');
		assert.equal(a.sampleRate, 44100);
		assert.equal(a.channels.length, 2);
		assert.ok(Math.abs(a.channels[0].length - b.channels[0].length) <= 1152, `${a.channels[0].length} vs ${b.channels[0].length}`);
		await assert.rejects(decode(new Uint8Array(8), 'flac'), /cannot be converted.*"original"/);
	});

	it('an Ogg loop at −16 LUFS carries LOOPSTART/LOOPLENGTH over its whole length, and ffmpeg agrees on the level', async () => {
		const out = await exportAudio({ bytes: mp3, ext: 'mp3', options: { format: 'ogg', normalize: 'lufs' }, isLoop: true, loudnessWasm });
		assert.equal(out.ext, 'ogg');
		const { comments } = readVorbisComments(out.bytes);
		assert.equal(comments.LOOPSTART, '0');
		assert.equal(Number(comments.LOOPLENGTH), out.record.loop!.end);
		assert.equal(out.record.loop!.writtenAs, 'vorbis-comments');
		const file = path.join(dir, 'loop.ogg');
		fs.writeFileSync(file, out.bytes);
		assert.ok(Math.abs(ffmpegLufs(file) - -16) <= 0.5, `ffmpeg: ${ffmpegLufs(file)} LUFS`);
		assert.equal(out.record.normalize!.target, -16);
	});

	it('trims the silence, snaps chosen loop points to zero crossings, crossfades the seam and writes them to smpl', async () => {
		const out = await exportAudio({
			bytes: wav,
			ext: 'wav',
			options: { format: 'wav', trimSilence: true, loopStart: 1.0, loopEnd: 3.0, crossfadeMs: 30, sampleRate: 48000 },
			isLoop: false,
			loudnessWasm,
		});
		const audio = decodeWav(out.bytes);
		assert.equal(audio.sampleRate, 48000);
		assert.ok(out.record.trimmed && out.record.trimmed.startSec > 0.45 && out.record.trimmed.startSec < 0.5, JSON.stringify(out.record.trimmed));
		const [loop] = readSmplLoops(out.bytes);
		assert.deepEqual({ start: loop.start, end: loop.end }, { start: out.record.loop!.start, end: out.record.loop!.end });
		// The points are in the trimmed file: 1.0 s of the source is about 0.5 s in.
		assert.ok(Math.abs(loop.start / 48000 - (1.0 - out.record.trimmed!.startSec)) < 0.006, `${loop.start}`);
		// Played as a loop, the seam is as smooth as the sound itself.
		const region = audio.channels.map((c) => c.slice(loop.start, loop.end));
		assert.ok(seamJump(region).smooth, JSON.stringify(seamJump(region)));
	});

	it('loopRegionOnly writes exactly the loop, for engines that read no loop points', async () => {
		const out = await exportAudio({ bytes: wav, ext: 'wav', options: { loopStart: 1.0, loopEnd: 2.0, crossfadeMs: 20, loopRegionOnly: true }, isLoop: false, loudnessWasm });
		const audio = decodeWav(out.bytes);
		assert.ok(Math.abs(audio.channels[0].length - 44100) <= 2 * 221, `${audio.channels[0].length} frames`);
		assert.equal(out.record.loop!.writtenAs, 'region');
		assert.ok(seamJump(audio.channels).smooth, JSON.stringify(seamJump(audio.channels)));
	});

	it('refuses a loop shorter than 10 ms and a silent file, saying what to change', async () => {
		await assert.rejects(
			exportAudio({ bytes: wav, ext: 'wav', options: { loopStart: 1, loopEnd: 1.005 }, isLoop: false, loudnessWasm }),
			/shorter than 10 ms.*Move the loop end/,
		);
		const silent = Buffer.from(execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=d=1', '-f', 'wav', '-']));
		await assert.rejects(exportAudio({ bytes: silent, ext: 'wav', options: { trimSilence: true }, isLoop: false, loudnessWasm }), /silent/);
	});

	it('runs on a worker thread and leaves no file when it fails', async () => {
		const worker = path.join(__dirname, '..', '..', '..', 'src', 'audio', 'worker.js');
		const input = path.join(dir, 'bed.mp3');
		const output = path.join(dir, 'out.wav.partial');
		const record = await exportInWorker(worker, { input, output, options: { format: 'wav', normalize: 'peak' }, isLoop: false });
		assert.equal(record.normalize!.mode, 'peak');
		assert.ok(Math.abs(record.normalize!.after - -1) < 0.05, JSON.stringify(record.normalize));
		assert.ok(fs.statSync(output).size > 44);
		const bad = path.join(dir, 'bad.partial');
		await assert.rejects(exportInWorker(worker, { input, output: bad, options: { loopStart: 1, loopEnd: 1.001 }, isLoop: false }), /shorter than 10 ms/);
		assert.equal(fs.existsSync(bad), false);
	});
});

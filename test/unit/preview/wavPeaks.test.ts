import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { wavPeaks } from '../../../src/preview/wavPeaks';

describe("wavPeaks: a WAV's waveform read by the host", () => {
	let dir: string;
	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-peaks-'));
	});
	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('gives the envelope of a tone that gets louder, bucket by bucket, across channels', async () => {
		const file = path.join(dir, 'ramp.wav');
		// 4 s, left silent, right a 440 Hz tone whose amplitude rises linearly from 0 to 0.8.
		execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'aevalsrc=0|0.8*t/4*sin(2*PI*440*t):s=24000:d=4', '-c:a', 'pcm_s16le', file]);
		const peaks = (await wavPeaks(file, 100))!;
		assert.equal(peaks.min.length, 100);
		assert.ok(Math.abs(peaks.max[99] - 0.8 * 127) <= 2, `last bucket ${peaks.max[99]}`);
		assert.ok(Math.abs(peaks.max[49] - 0.4 * 127) <= 2, `middle bucket ${peaks.max[49]}`);
		assert.ok(peaks.min[99] <= -0.78 * 127);
		assert.ok(peaks.max[0] <= 2, 'starts near silence');
	});

	it('reads a ten-minute voiceover-sized file, and declines what is not 16-bit PCM', async (t) => {
		const long = path.join(dir, 'long.wav');
		execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=220:d=600:sample_rate=24000', '-c:a', 'pcm_s16le', long]);
		const started = performance.now();
		const peaks = (await wavPeaks(long))!;
		t.diagnostic(`10 min mono 24 kHz (${(fs.statSync(long).size / 2 ** 20).toFixed(1)} MB): ${(performance.now() - started).toFixed(0)} ms`);
		assert.equal(peaks.max.length, 2048);
		assert.ok(peaks.max.every((v) => v >= 14 && v <= 17), 'a steady tone at the default 1/8 amplitude of ffmpeg everywhere');
		const float = path.join(dir, 'float.wav');
		execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=1', '-c:a', 'pcm_f32le', float]);
		assert.equal(await wavPeaks(float), undefined);
		const mp3 = path.join(dir, 'x.mp3');
		execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=1', mp3]);
		assert.equal(await wavPeaks(mp3), undefined);
	});
});

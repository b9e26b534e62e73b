/**
 * decodeWav, encodeWav16 and readSmplLoops against the tools: files ffmpeg writes, and the `smpl`
 * chunk checked by a separate Python reader and by ffprobe. Hand-built files: wavExport.test.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { decodeWav, encodeWav16, FloatAudio, readSmplLoops } from '../../../src/audio/wavExport';
import { LSB, maxError, noise } from './wavAudio';

const run = promisify(execFile);

/** Stereo test audio: a 440 Hz sine at 0.8 on the left and a 1000 Hz sine at -0.6 on the right. */
function stereoSine(frames: number, sampleRate: number): number[][] {
	const left = Array.from({ length: frames }, (_, i) => 0.8 * Math.sin(2 * Math.PI * 440 * i / sampleRate));
	const right = Array.from({ length: frames }, (_, i) => -0.6 * Math.sin(2 * Math.PI * 1000 * i / sampleRate));
	return [left, right];
}

/** An independent `smpl` reader: walks the chunks with Python's struct and prints "dwStart dwEnd dwType" per loop. */
const PYTHON_SMPL = `
import struct, sys
b = open(sys.argv[1], 'rb').read()
assert b[0:4] == b'RIFF' and b[8:12] == b'WAVE'
assert struct.unpack('<I', b[4:8])[0] == len(b) - 8, 'RIFF size'
p = 12
while p + 8 <= len(b):
    cid, size = struct.unpack('<4sI', b[p:p + 8])
    if cid == b'smpl':
        period, unity = struct.unpack('<II', b[p + 16:p + 24])
        loops, extra = struct.unpack('<II', b[p + 36:p + 44])
        print('period', period, 'unity', unity, 'loops', loops, 'extra', extra)
        for i in range(loops):
            ident, kind, start, end, frac, count = struct.unpack('<6I', b[p + 44 + 24 * i:p + 68 + 24 * i])
            print('loop', start, end, kind)
    p += 8 + size + (size & 1)
assert p == len(b), 'chunks fill the file'
`;

describe('WAV files checked with ffmpeg, ffprobe and Python', () => {
	let dir = '';
	const rate = 8000;
	const frames = 2000;
	const want = stereoSine(frames, rate);
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), 'evolink-wavexport-'));
		const raw = Buffer.alloc(frames * 16);
		for (let i = 0; i < frames; i++) {
			raw.writeDoubleLE(want[0][i], 16 * i);
			raw.writeDoubleLE(want[1][i], 16 * i + 8);
		}
		await writeFile(join(dir, 'sine.f64'), raw);
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	/** ffmpeg's conversion of the sine to `codec`, as the bytes of a WAV file. */
	const ffmpegWav = async (codec: string, extra: string[] = []): Promise<Buffer> => {
		const path = join(dir, `${codec}${extra.length ? '-x' : ''}.wav`);
		await run('ffmpeg', ['-v', 'error', '-y', '-f', 'f64le', '-ar', String(rate), '-ac', '2', '-i', join(dir, 'sine.f64'), ...extra, '-c:a', codec, path]);
		return readFile(path);
	};

	// ffmpeg writes 24-bit and wider (and float) files as WAVE_FORMAT_EXTENSIBLE, with a LIST chunk (and `fact` for float).
	const formats: { codec: string; tag: number; tolerance: number }[] = [
		{ codec: 'pcm_u8', tag: 1, tolerance: 1 / 128 },
		{ codec: 'pcm_s16le', tag: 1, tolerance: LSB / 2 + 1e-9 },
		{ codec: 'pcm_s24le', tag: 0xfffe, tolerance: 1 / 8_388_608 + 1e-7 },
		{ codec: 'pcm_s32le', tag: 0xfffe, tolerance: 1e-7 },
		{ codec: 'pcm_f32le', tag: 0xfffe, tolerance: 1e-7 },
		{ codec: 'pcm_f64le', tag: 0xfffe, tolerance: 1e-7 },
	];
	for (const f of formats) {
		it(`decodes ffmpeg's ${f.codec} file to the sine it was made from`, async () => {
			const wav = await ffmpegWav(f.codec);
			assert.equal(wav.readUInt16LE(20), f.tag, 'the format tag this case covers');
			const audio = decodeWav(wav);
			assert.equal(audio.sampleRate, rate);
			const error = maxError(audio.channels, want);
			assert.ok(error <= f.tolerance, `${f.codec}: error ${error} > ${f.tolerance}`);
		});
	}

	it('decodes an extensible 3-channel 16-bit file and a streamed one with placeholder sizes', async () => {
		const three = await ffmpegWav('pcm_s16le', ['-af', 'pan=3c|c0=c0|c1=c1|c2=0.5*c0']);
		assert.equal(three.readUInt16LE(20), 0xfffe);
		const audio = decodeWav(three);
		assert.ok(maxError(audio.channels, [...want, want[0].map((v) => v / 2)]) <= LSB, 'three channels');
		const { stdout } = await run('ffmpeg', [
			'-v',
			'error',
			'-f',
			'f64le',
			'-ar',
			String(rate),
			'-ac',
			'2',
			'-i',
			join(dir, 'sine.f64'),
			'-c:a',
			'pcm_s16le',
			'-f',
			'wav',
			'pipe:1',
		], { encoding: 'buffer' });
		assert.equal(stdout.readUInt32LE(stdout.indexOf('data') + 4), 0xffffffff, 'ffmpeg wrote a placeholder size');
		assert.ok(maxError(decodeWav(stdout).channels, want) <= LSB / 2 + 1e-9, 'streamed');
	});

	it('writes a smpl loop that Python reads back and a file ffprobe accepts at the right length', async () => {
		const audio: FloatAudio = { sampleRate: 44_100, channels: noise(44_100, 2, 9).channels };
		const path = join(dir, 'loop.wav');
		await writeFile(path, encodeWav16(audio, { loop: { start: 4410, end: 44_100 } }));
		const { stdout: py } = await run('python3', ['-c', PYTHON_SMPL, path]);
		assert.deepEqual(py.trim().split('\n'), ['period 22676 unity 60 loops 1 extra 0', 'loop 4410 44099 0']);
		const { stdout: probe, stderr } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,channels,duration_ts', '-of', 'default=nw=1', path]);
		assert.equal(stderr, '');
		assert.deepEqual(probe.trim().split('\n'), ['codec_name=pcm_s16le', 'sample_rate=44100', 'channels=2', 'duration_ts=44100']);
		const { stdout: pcm } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 's16le', '-'], { encoding: 'buffer', maxBuffer: 1 << 24 });
		assert.equal(pcm.length, 44_100 * 4, 'ffmpeg decodes exactly the frames, not the smpl chunk');
		assert.deepEqual(readSmplLoops(await readFile(path)), [{ start: 4410, end: 44_100, type: 0 }]);
	});
});

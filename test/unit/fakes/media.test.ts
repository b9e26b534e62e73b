import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeServer, startFakeEvolink, startFakeSounds } from '../../fakes';
import { callJson, createTask, decodedSamples, download, type Json, pollTask, pollUntil, probe } from './helpers';

let evo: FakeServer;
let sounds: FakeServer;

before(async () => {
	evo = await startFakeEvolink({ taskDurationMs: 0 });
	sounds = await startFakeSounds({ taskDurationMs: 0 });
});
after(async () => {
	await Promise.all([evo.close(), sounds.close()]);
});

/** Runs an EvoLink task to completion and downloads its results. */
async function results(body: Record<string, unknown>, endpoint?: string): Promise<{ task: Json; files: Array<{ bytes: Buffer; type: string | null }> }> {
	const c = await createTask(evo, body, endpoint);
	const task = (await pollTask(evo, c.id)).at(-1);
	assert.equal(task.status, 'completed');
	const files = [];
	for (const url of task.results as string[]) {
		const d = await download(url);
		assert.equal(d.status, 200);
		assert.equal(Number(d.headers.get('content-length')), d.bytes.length);
		files.push({ bytes: d.bytes, type: d.headers.get('content-type') });
	}
	return { task, files };
}

const near = (actual: number, expected: number, tol: number): void => assert.ok(Math.abs(actual - expected) <= tol, `${actual} not within ${tol} of ${expected}`);

// Each test starts its tasks and probes together: spawning ffmpeg/ffprobe is mostly start-up wait.

test('fake provider (test double): Seed-Audio wav (default), pcm, mp3 and ogg_opus decode with the right codec, rate and length', async () => {
	const [wav, pcm, mp3, opus] = await Promise.all([
		results({ model: 'doubao-seed-audio-1-0', prompt: 'wav check' }),
		results({ model: 'doubao-seed-audio-1-0', prompt: 'pcm check', format: 'pcm', sample_rate: 16000 }),
		results({ model: 'doubao-seed-audio-1-0', prompt: 'mp3 check', format: 'mp3', sample_rate: 44100 }),
		results({ model: 'doubao-seed-audio-1-0', prompt: 'opus check', format: 'ogg_opus', sample_rate: 32000 }),
	]).then((all) => all.map((r) => r.files[0]));
	assert.equal(wav.type, 'audio/wav');
	assert.equal(pcm.type, 'application/octet-stream');
	assert.equal(mp3.type, 'audio/mpeg');
	assert.equal(opus.type, 'audio/ogg');
	assert.equal(pcm.bytes.length, 16000 * 2 * 3);
	const [pw, pm, samples, po] = await Promise.all([probe(wav.bytes, 'wav'), probe(mp3.bytes, 'mp3'), decodedSamples(mp3.bytes, 'mp3'), probe(opus.bytes, 'ogg')]);
	assert.equal(pw.codec, 'pcm_s16le');
	assert.equal(pw.sampleRate, 24000);
	near(pw.duration, 3, 0.001);
	assert.equal(pm.codec, 'mp3');
	assert.equal(pm.sampleRate, 44100);
	near(pm.duration, 3, 0.1);
	// The LAME header carries gapless info, so decoding gives the exact sample count.
	assert.equal(samples, 3 * 44100);
	assert.equal(po.codec, 'opus');
	near(po.duration, 3, 0.05);
});

test('fake provider (test double): Qwen voice-design preview follows response_format and sample_rate; TTS is 24 kHz wav', async () => {
	const formats: Array<[string, string, string]> = [
		['wav', 'wav', 'pcm_s16le'],
		['mp3', 'mp3', 'mp3'],
		['opus', 'opus', 'opus'],
	];
	const designed = await Promise.all(
		formats.map(async ([format, ext, codec]) => {
			const { task, files } = await results({
				model: 'qwen-voice-design',
				voice_prompt: 'bright',
				preview_text: 'hi',
				preferred_name: `v_${format}`,
				response_format: format,
				sample_rate: 16000,
			});
			const p = await probe(files[0].bytes, ext);
			assert.equal(p.codec, codec);
			near(p.duration, 2, 0.1);
			return task.result_data.voice as string;
		}),
	);
	const [pcm, tts] = await Promise.all([
		results({ model: 'qwen-voice-design', voice_prompt: 'bright', preview_text: 'hi', preferred_name: 'v_pcm', response_format: 'pcm', sample_rate: 8000 }),
		results({ model: 'qwen3-tts-vd', prompt: 'hello', voice: designed[0] }),
	]);
	assert.equal(pcm.files[0].bytes.length, 8000 * 2 * 2);
	const p = await probe(tts.files[0].bytes, 'wav');
	assert.equal(p.sampleRate, 24000);
	near(p.duration, 3, 0.001);
});

test('fake provider (test double): Suno music: two different mp3 variants plus JPEG covers', async () => {
	const { task, files } = await results({ model: 'suno-v5-beta', prompt: 'two variants' });
	assert.equal(files.length, 2);
	assert.ok(!files[0].bytes.equals(files[1].bytes));
	const cover = await download(task.result_data.songs[0].image_url);
	assert.equal(cover.headers.get('content-type'), 'image/jpeg');
	const [p0, p1, pc] = await Promise.all([probe(files[0].bytes, 'mp3'), probe(files[1].bytes, 'mp3'), probe(cover.bytes, 'jpg')]);
	for (const [i, p] of [p0, p1].entries()) {
		assert.equal(files[i].type, 'audio/mpeg');
		assert.equal(p.codec, 'mp3');
		near(p.duration, task.result_data.songs[i].duration, 0.1);
	}
	assert.equal(pc.codec, 'mjpeg');
});

test('fake provider (test double): Seedance mp4: H.264, requested duration (capped at 3 s), size from quality and ratio', async () => {
	const video = '/v1/videos/generations';
	const [short, long] = await Promise.all([
		results({ model: 'doubao-seedance-1.0-pro-fast', prompt: 'waves', duration: 2, quality: '480p' }, video),
		results({ model: 'doubao-seedance-1.0-pro-fast', prompt: 'waves', duration: 6, quality: '720p', aspect_ratio: '9:16' }, video),
	]);
	assert.equal(short.files[0].type, 'video/mp4');
	const [p, q] = await Promise.all([probe(short.files[0].bytes, 'mp4'), probe(long.files[0].bytes, 'mp4')]);
	assert.equal(p.codec, 'h264');
	near(p.duration, 2, 0.1);
	assert.deepEqual([p.width, p.height], [320, 180]);
	assert.equal(q.codec, 'h264');
	near(q.duration, 3, 0.1);
	assert.deepEqual([q.width, q.height], [270, 480]);
	assert.equal(long.task.results.length, 1);
});

async function soundItems(body: Record<string, unknown>): Promise<Json[]> {
	const { json } = await callJson(sounds, '/api/v1/generate/sounds', { body });
	const id = json.data.taskId;
	const done = await pollUntil(async () => (await callJson(sounds, `/api/v1/generate/record-info?taskId=${id}`)).json, (j) => j.data.status === 'SUCCESS');
	return done.at(-1).data.response.sunoData;
}

test('fake provider (test double): Suno Sounds loop: mp3 whose length is a whole number of bars at the tempo', async () => {
	await Promise.all(
		[90, 100].map(async (tempo) => {
			const items = await soundItems({ prompt: `drum loop ${tempo}`, model: 'V5', soundLoop: true, soundTempo: tempo });
			const period = Math.round((44100 * 240) / tempo);
			const mp3 = await download(items[0].audioUrl);
			const [p, samples] = await Promise.all([probe(mp3.bytes, 'mp3'), decodedSamples(mp3.bytes, 'mp3')]);
			assert.equal(p.codec, 'mp3');
			assert.equal(samples % period, 0, `${samples} samples is not a whole number of ${period}-sample bars`);
			assert.ok(samples / period >= 1);
			near(items[0].duration, samples / 44100, 0.001);
		}),
	);
	const oneShot = await soundItems({ prompt: 'door slam', model: 'V5' });
	const [a, b] = await Promise.all([download(oneShot[0].audioUrl), download(oneShot[1].audioUrl)]);
	near((await decodedSamples(a.bytes, 'mp3')) / 44100, 4, 0.001);
	assert.ok(!a.bytes.equals(b.bytes), 'variants differ');
});

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { probe, settled, setUpProviders, waitForTask, type Providers } from '../fixture';

/** Each generation command end to end: options argument → task → completed → file downloaded and playable. */
describe('generation commands against the fake providers', function() {
	this.timeout(90_000);
	let p: Providers;
	before(async () => {
		p = await setUpProviders();
	});
	after(async () => {
		await p?.evolink.close();
		await p?.sounds.close();
	});

	it('evolink.speakSelection (Seed-Audio, mp3) returns a task id; the mp3 lands in storage and decodes', async () => {
		const posts = p.evolink.count('POST /v1/audios/generations');
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', {
			prompt: 'The old lighthouse keeper climbed the stairs.',
			voice: 'ICL_uranus_en_female_charlie_tob',
			format: 'mp3',
		});
		assert.match(id, /^task-unified-\d+-[a-z0-9]+$/);
		const listed = await p.api.getTasks();
		assert.equal(listed[0].id, id, 'the new task is first in the list');
		const task = await waitForTask(p.api, id, settled);
		assert.equal(task.status, 'completed');
		assert.equal(task.model, 'doubao-seed-audio-1-0');
		assert.ok(task.creditsReserved && task.creditsReserved > 0);
		const file = task.results[0].localPath!;
		assert.ok(fs.existsSync(file) && file.endsWith('.mp3'), file);
		assert.equal(probe(file).codec, 'mp3');
		assert.equal(p.evolink.count('POST /v1/audios/generations'), posts + 1, 'exactly one POST');
		const receipt = p.evolink.received.filter((r) => r.method === 'POST').at(-1)!;
		assert.deepEqual((receipt.body as { audio_references: string[] }).audio_references, ['ICL_uranus_en_female_charlie_tob']);
	});

	it('Seed-Audio pcm is wrapped into a playable WAV at the requested sample rate', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'Raw samples, please.', format: 'pcm', sample_rate: 16000 });
		const task = await waitForTask(p.api, id, settled);
		const file = task.results[0].localPath!;
		assert.ok(file.endsWith('.wav'));
		const out = probe(file);
		assert.equal(out.codec, 'pcm_s16le');
		assert.ok(out.duration > 0.5);
	});

	it('evolink.generateSound makes a Suno Sounds loop with two variants, both downloaded', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.generateSound', {
			prompt: 'rainy cyberpunk alley ambience',
			soundLoop: true,
			soundTempo: 120,
			soundKey: 'Am',
		});
		assert.ok(id);
		const task = await waitForTask(p.api, id, settled);
		assert.equal(task.provider, 'sounds');
		assert.equal(task.results.length, 2);
		for (const r of task.results) { assert.equal(probe(r.localPath!).codec, 'mp3'); }
		const body = p.sounds.received.filter((r) => r.method === 'POST').at(-1)!.body as Record<string, unknown>;
		assert.deepEqual({ loop: body.soundLoop, tempo: body.soundTempo, key: body.soundKey, model: body.model }, { loop: true, tempo: 120, key: 'Am', model: 'V5' });
	});

	it('evolink.generateVideo makes an H.264 mp4', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.generateVideo', {
			prompt: 'A paper boat drifting down a gutter in the rain',
			duration: 2,
			quality: '480p',
		});
		const task = await waitForTask(p.api, id, settled);
		assert.equal(probe(task.results[0].localPath!).codec, 'h264');
	});

	it('evolink.designVoice yields a voice that evolink.speakSelection can use with Qwen TTS', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.designVoice', {
			voice_prompt: 'A warm, low-pitched male narrator in his fifties, calm and slow.',
			preview_text: 'Welcome back, traveller.',
			preferred_name: 'narrator',
		});
		const designed = await waitForTask(p.api, id, settled);
		const voice = designed.resultData.voice!;
		assert.match(voice, /^qwen-tts-vd-narrator-voice-/);
		const ttsId = await vscode.commands.executeCommand<string>('evolink.speakSelection', { model: 'qwen3-tts-vd', prompt: 'Chapter one. The storm.', voice });
		const tts = await waitForTask(p.api, ttsId, settled);
		assert.equal(tts.model, 'qwen3-tts-vd');
		assert.equal(probe(tts.results[0].localPath!).codec.startsWith('pcm'), true);
	});

	it('evolink.generateMusic gives two variants; evolink.createPersona makes a persona from one', async () => {
		const id = await vscode.commands.executeCommand<string>('evolink.generateMusic', { prompt: 'an upbeat chiptune theme for a platformer' });
		const song = await waitForTask(p.api, id, settled);
		assert.equal(song.results.length, 2);
		assert.ok(song.results.every((r) => r.resultId));
		const personaId = await vscode.commands.executeCommand<string>('evolink.createPersona', {
			taskId: id,
			resultIndex: 1,
			name: 'Chip Singer',
			description: 'bright, playful 8-bit vocal style',
		});
		const persona = await waitForTask(p.api, personaId, (t) => t.status === 'completed' || t.status === 'failed');
		assert.equal(persona.status, 'completed', JSON.stringify(persona.error));
		assert.match(persona.resultData.personaId!, /^[0-9a-f]{32}$/);
		const body = p.evolink.received.filter((r) => r.method === 'POST').at(-1)!.body as { model_params: Record<string, unknown> };
		assert.equal(body.model_params.source_task_id, id);
		assert.equal(body.model_params.result_id, song.results[1].resultId);
	});

	it('image-to-video: a local image is uploaded through the files API and sent as image_urls', async () => {
		const image = path.join(os.tmpdir(), `evolink-still-${Date.now()}.png`);
		execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', image]);
		const uploads = p.evolink.count('POST /api/v1/files/upload/stream');
		const id = await vscode.commands.executeCommand<string>('evolink.generateVideo', { prompt: 'The test card slowly zooms in', image, duration: 2, quality: '480p' });
		assert.equal(p.evolink.count('POST /api/v1/files/upload/stream'), uploads + 1);
		const body = p.evolink.received.filter((r) => r.path === '/v1/videos/generations').at(-1)!.body as { image_urls: string[]; aspect_ratio: string };
		assert.equal(body.image_urls.length, 1);
		assert.match(body.image_urls[0], /^http:\/\/127\.0\.0\.1:\d+\/media\//);
		assert.equal(body.aspect_ratio, 'adaptive', 'image-to-video defaults to the adaptive ratio');
		const task = await waitForTask(p.api, id, settled);
		assert.equal(probe(task.results[0].localPath!).codec, 'h264');
	});

	it('voice cloning: a local reference clip is uploaded and used as an audio reference', async () => {
		const clip = path.join(os.tmpdir(), `evolink-clip-${Date.now()}.mp3`);
		execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=3', clip]);
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', {
			prompt: 'In my own voice, @audio1 reads this line.',
			referenceAudio: clip,
			format: 'mp3',
		});
		const body = p.evolink.received.filter((r) => r.path === '/v1/audios/generations').at(-1)!.body as { audio_references: string[] };
		assert.equal(body.audio_references.length, 1);
		assert.match(body.audio_references[0], /^http:\/\/127\.0\.0\.1:\d+\/media\//);
		await waitForTask(p.api, id, settled);
	});

	it('evolink.quickGenerate and every contributed command is registered', async () => {
		const all = await vscode.commands.getCommands(true);
		for (const c of ['evolink.quickGenerate', 'evolink.generateSound', 'evolink.createPersona', 'evolink.saveToWorkspace']) { assert.ok(all.includes(c), c); }
	});
});

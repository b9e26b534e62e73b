import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { settled, setUpProviders, waitForTask, type Providers } from '../fixture';

/** Tags ffprobe reads from a file's container and first stream (keys upper-cased). */
function tags(file: string): Record<string, string> {
	const out = JSON.parse(
		execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format_tags:stream_tags:stream=codec_name,sample_rate,duration_ts', '-of', 'json', file], { encoding: 'utf8' }),
	);
	const all = {
		...out.format?.tags,
		...out.streams?.[0]?.tags,
		codec: out.streams?.[0]?.codec_name,
		sampleRate: out.streams?.[0]?.sample_rate,
		durationTs: String(out.streams?.[0]?.duration_ts),
	};
	return Object.fromEntries(Object.entries(all).map(([k, v]) => [k === 'codec' || k === 'sampleRate' || k === 'durationTs' ? k : k.toUpperCase(), String(v)]));
}

/** Integrated loudness as ffmpeg's ebur128 filter measures it (an independent meter). */
function ffmpegLufs(file: string): number {
	const r = spawnSync('ffmpeg', ['-nostats', '-hide_banner', '-i', file, '-af', 'ebur128', '-f', 'null', '-'], { encoding: 'utf8' });
	const m = /Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+) LUFS/.exec(r.stderr);
	assert.ok(m, `ffmpeg printed no integrated loudness:\n${r.stderr.slice(-800)}`);
	return Number(m[1]);
}

/** Game developers: a generated sound becomes a file the engine loads, with loop points where engines read them. */
describe('engine export (Save to Workspace with options)', function() {
	this.timeout(120_000);
	let p: Providers;
	let folder: string;
	let loopId: string;
	const config = () => vscode.workspace.getConfiguration('evolink');
	before(async () => {
		p = await setUpProviders();
		folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
		await config().update('assetFolders', { sound: 'assets/sfx' }, vscode.ConfigurationTarget.Workspace);
		loopId = await vscode.commands.executeCommand<string>('evolink.generateSound', { prompt: 'Rain loop for the harbour', soundLoop: true, soundTempo: 120, soundKey: 'Am' });
		await waitForTask(p.api, loopId, settled);
	});
	after(async () => {
		await config().update('assetFolders', undefined, vscode.ConfigurationTarget.Workspace);
		await config().update('export.presets', undefined, vscode.ConfigurationTarget.Workspace);
		for (const f of ['assets', 'project.godot', 'scripts', 'src']) { fs.rmSync(path.join(folder, f), { recursive: true, force: true }); }
		await p?.evolink.close();
		await p?.sounds.close();
	});

	it('a Suno Sounds loop saved as Ogg into assets/sfx: LOOPSTART/LOOPLENGTH comments, −16 LUFS ±1, and preload("res://…") in a Godot script', async () => {
		const uri = await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', loopId, 0, { format: 'ogg', normalize: 'lufs', lufs: -16 });
		const file = vscode.Uri.parse(uri).fsPath;
		assert.equal(file, path.join(folder, 'assets', 'sfx', 'rain-loop-harbour-loop-120bpm-Am-v1.ogg'));
		const t = tags(file);
		assert.equal(t.codec, 'vorbis');
		assert.equal(t.LOOPSTART, '0', JSON.stringify(t));
		assert.equal(Number(t.LOOPLENGTH), Number(t.durationTs), 'the whole loop loops');
		const lufs = ffmpegLufs(file);
		assert.ok(Math.abs(lufs - -16) <= 1, `ffmpeg measures ${lufs} LUFS`);
		const sidecar = JSON.parse(fs.readFileSync(`${file}.evolink.json`, 'utf8'));
		assert.equal(sidecar.export.format, 'ogg');
		assert.equal(sidecar.export.loop.writtenAs, 'vorbis-comments');
		assert.equal(sidecar.export.normalize.mode, 'lufs');
		assert.equal(sidecar.export.normalize.target, -16);
		assert.ok(!fs.readdirSync(path.dirname(file)).some((n) => n.endsWith('.partial')), 'no partial file left');

		fs.writeFileSync(path.join(folder, 'project.godot'), '[application]\nconfig/name="Harbour"\n');
		const script = path.join(folder, 'scripts', 'harbour.gd');
		fs.mkdirSync(path.dirname(script), { recursive: true });
		fs.writeFileSync(script, 'extends Node2D\n\nvar rain = \n');
		const editor = await vscode.window.showTextDocument(vscode.Uri.file(script));
		editor.selection = new vscode.Selection(2, 11, 2, 11);
		try {
			const text = await vscode.commands.executeCommand<string>('evolink.insertReference', loopId, 0);
			assert.equal(text, 'preload("res://assets/sfx/rain-loop-harbour-loop-120bpm-Am-v1.ogg")');
			assert.equal(editor.document.lineAt(2).text, `var rain = ${text}`);
		} finally {
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		}
	});

	it('a WAV at an exact path keeps its loop in the smpl chunk, cut at chosen points with a crossfade; the region-only export is exactly the loop', async () => {
		const uri = await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', loopId, 0, {
			path: 'assets/music/harbour-bed.wav',
			loopStart: 0.5,
			loopEnd: 2.5,
			crossfadeMs: 20,
			sampleRate: 48000,
		});
		const file = vscode.Uri.parse(uri).fsPath;
		assert.equal(file, path.join(folder, 'assets', 'music', 'harbour-bed.wav'));
		const bytes = fs.readFileSync(file);
		const smpl = bytes.lastIndexOf('smpl');
		assert.ok(smpl > 0, 'a smpl chunk');
		const start = bytes.readUInt32LE(smpl + 8 + 36 + 8);
		const endInclusive = bytes.readUInt32LE(smpl + 8 + 36 + 12);
		assert.ok(Math.abs(start - 24000) <= 240, `loop start ${start} near 0.5 s at 48 kHz (snapped to a zero crossing within 5 ms)`);
		assert.ok(Math.abs(endInclusive + 1 - 120000) <= 240, `loop end ${endInclusive + 1} near 2.5 s`);
		assert.equal(tags(file).sampleRate, '48000');
		await assert.rejects(
			Promise.resolve(vscode.commands.executeCommand('evolink.saveToWorkspace', loopId, 0, { path: 'assets/music/harbour-bed.wav' })),
			/already exists; nothing was overwritten/,
		);

		const region = vscode.Uri.parse(
			await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', loopId, 0, {
				path: 'assets/music/harbour-bed-unity.wav',
				loopStart: 0.5,
				loopEnd: 2.5,
				crossfadeMs: 20,
				sampleRate: 48000,
				loopRegionOnly: true,
			}),
		).fsPath;
		const samples = Number(tags(region).durationTs);
		assert.equal(samples, endInclusive + 1 - start, 'the file is exactly the loop region');
	});

	it('bad options are refused before anything is written, with what to change', async () => {
		const before = fs.readdirSync(path.join(folder, 'assets', 'sfx')).length;
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('evolink.saveToWorkspace', loopId, 0, { format: 'flac' })), /Export option "format" is not valid/);
		await assert.rejects(
			Promise.resolve(vscode.commands.executeCommand('evolink.saveToWorkspace', loopId, 0, { path: '../outside.wav' })),
			/leaves the workspace folder.*Nothing was written/,
		);
		await assert.rejects(
			Promise.resolve(vscode.commands.executeCommand('evolink.saveToWorkspace', loopId, 0, { path: 'assets/sfx/x.ogg', format: 'wav' })),
			/ends in \.ogg but the file will be WAV/,
		);
		await assert.rejects(
			Promise.resolve(vscode.commands.executeCommand('evolink.saveToWorkspace', loopId, 0, { format: 'original', normalize: 'peak' })),
			/choose "wav" or "ogg"/,
		);
		assert.equal(fs.readdirSync(path.join(folder, 'assets', 'sfx')).length, before);
		assert.equal(fs.existsSync(path.join(path.dirname(folder), 'outside.wav')), false);
	});

	it('a project preset applies to every save of its kind: effects become peak-normalised WAV at −1 dBFS', async () => {
		await config().update('export.presets', { sound: { format: 'wav', normalize: 'peak', trimSilence: true } }, vscode.ConfigurationTarget.Workspace);
		const id = await vscode.commands.executeCommand<string>('evolink.generateSound', { prompt: 'Door creak', soundLoop: false });
		await waitForTask(p.api, id, settled);
		const file = vscode.Uri.parse(await vscode.commands.executeCommand<string>('evolink.saveToWorkspace', id, 0)).fsPath;
		assert.equal(path.extname(file), '.wav');
		const r = spawnSync('ffmpeg', ['-hide_banner', '-i', file, '-af', 'volumedetect', '-f', 'null', '-'], { encoding: 'utf8' });
		const max = Number(/max_volume:\s*(-?[\d.]+) dB/.exec(r.stderr)?.[1]);
		assert.ok(Math.abs(max - -1) <= 0.1, `peak ${max} dBFS`);
		assert.equal(JSON.parse(fs.readFileSync(`${file}.evolink.json`, 'utf8')).export.normalize.mode, 'peak');
	});

	it('a string naming a missing sound offers "Generate this sound…", which saves the result at exactly that path', async () => {
		fs.writeFileSync(path.join(folder, 'project.godot'), '[application]\nconfig/name="Harbour"\n');
		const script = path.join(folder, 'scripts', 'door.gd');
		fs.mkdirSync(path.dirname(script), { recursive: true });
		fs.writeFileSync(script, 'var creak = preload("res://assets/sfx/door-creak-heavy.ogg")\nvar rain = preload("res://assets/sfx/rain-loop-harbour-loop-120bpm-Am-v1.ogg")\n');
		const uri = vscode.Uri.file(script);
		await vscode.workspace.openTextDocument(uri);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 30, 0, 30));
		const fix = actions.find((a) => a.title.startsWith('Generate this sound…'));
		assert.ok(fix?.command, `a quick fix among: ${actions.map((a) => a.title).join(', ')}`);
		assert.deepEqual(fix.command.arguments, [{ path: 'assets/sfx/door-creak-heavy.ogg' }]);
		const existing = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(1, 30, 1, 30));
		assert.ok(!existing.some((a) => a.title.startsWith('Generate this sound…')), 'no quick fix for a file that exists');

		const before = p.sounds.count('POST /api/v1/generate/sounds');
		const id = await vscode.commands.executeCommand<string>(fix.command.command, ...fix.command.arguments!, { soundLoop: false });
		assert.equal(p.sounds.count('POST /api/v1/generate/sounds'), before + 1);
		const sent = p.sounds.received.filter((r) => r.method === 'POST').at(-1)!.body as Record<string, unknown>;
		assert.equal(sent.prompt, 'door creak heavy', 'the prompt comes from the file name');
		const target = path.join(folder, 'assets', 'sfx', 'door-creak-heavy.ogg');
		const deadline = Date.now() + 60_000;
		while (!fs.existsSync(target) && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 200)); }
		assert.ok(fs.existsSync(target), 'saved at exactly that path');
		assert.equal(tags(target).codec, 'vorbis');
		const task = await waitForTask(p.api, id, (t) => t.results[0]?.savedPath === target && t.saveTo === undefined);
		assert.equal(task.results[0].savedPath, target);
	});
});

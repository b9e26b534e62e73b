import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { EvoLinkStudioApi } from '../../src/publicApi';
import type { TaskSnapshot } from '../../src/shared/domain';
import { startFakeEvolink, startFakeSounds, type FakeServer } from '../fakes';

export const EXTENSION_ID = 'evolink-studio.evolink-studio';

/** Both fake providers, started inside the extension host, and the extension pointed at them. */
export interface Providers {
	evolink: FakeServer;
	sounds: FakeServer;
	api: EvoLinkStudioApi;
}

/** Starts the fakes, points the user settings at them and stores their keys through our command. */
export async function setUpProviders(taskDurationMs = 1500): Promise<Providers> {
	const evolink = await startFakeEvolink({ taskDurationMs });
	const sounds = await startFakeSounds({ taskDurationMs });
	const config = vscode.workspace.getConfiguration('evolink');
	await config.update('apiBaseUrl', evolink.baseUrl, vscode.ConfigurationTarget.Global);
	await config.update('filesApiBaseUrl', evolink.baseUrl, vscode.ConfigurationTarget.Global);
	await config.update('sounds.apiBaseUrl', sounds.baseUrl, vscode.ConfigurationTarget.Global);
	await config.update('notifyOnFinish', false, vscode.ConfigurationTarget.Global);
	const ext = vscode.extensions.getExtension<EvoLinkStudioApi>(EXTENSION_ID)!;
	const api = await ext.activate();
	assert.equal(await vscode.commands.executeCommand('evolink.setApiKey', 'evolink', evolink.apiKey), true);
	assert.equal(await vscode.commands.executeCommand('evolink.setApiKey', 'sounds', sounds.apiKey), true);
	return { evolink, sounds, api };
}

/** Resolves with the task once `done(task)` holds; rejects after `timeoutMs`. */
export async function waitForTask(api: EvoLinkStudioApi, id: string, done: (t: TaskSnapshot) => boolean, timeoutMs = 30_000): Promise<TaskSnapshot> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const task = await api.getTask(id);
		if (task && done(task)) { return task; }
		if (Date.now() > deadline) { throw new Error(`task ${id} did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(task)}`); }
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Completed with every result downloaded (or failed to download). */
export const settled = (t: TaskSnapshot) => t.status === 'failed' || (t.status === 'completed' && t.results.length > 0 && t.results.every((r) => r.localPath || r.downloadError));

/** ffprobe's view of a file: codec of the first stream and the duration. */
export function probe(file: string): { codec: string; duration: number } {
	const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file], { encoding: 'utf8' }));
	return { codec: out.streams[0].codec_name, duration: Number(out.format.duration) };
}

/** The prompts of the speech POSTs the fake received after the first `since` of them, in order. */
export function speechPromptsSince(p: Providers, since: number): string[] {
	return p.evolink.received
		.filter((r) => r.method === 'POST' && r.path === '/v1/audios/generations')
		.slice(since)
		.map((r) => (r.body as { prompt: string }).prompt);
}

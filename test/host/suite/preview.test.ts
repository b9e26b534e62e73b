/**
 * The preview panel inside the real extension host: files made with ffmpeg, a hand-built task
 * snapshot and an in-memory task source. The panel is opened through `PreviewPanel.show`, not the
 * command, because the extension registers `evolink.openPreview` itself.
 * What the page does is observed through the messages it sends back (`ready`, timing logs).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PreviewPanel } from '../../../src/preview/previewPanel';
import { panelTitle } from '../../../src/preview/previewModel';
import type { TaskSource } from '../../../src/preview/taskSource';
import type { WebviewToHost } from '../../../src/shared/protocol';
import type { TaskSnapshot } from '../../../src/shared/domain';
import type { Log } from '../../../src/util/log';

const EXTENSION_ID = 'evolink-studio.evolink-studio';

/** A task source backed by a map; `put` fires the change event like the real store. */
class MemorySource implements TaskSource {
	private readonly tasks = new Map<string, TaskSnapshot>();
	private readonly emitter = new vscode.EventEmitter<TaskSnapshot>();
	get(id: string): TaskSnapshot | undefined {
		return this.tasks.get(id);
	}
	list(): TaskSnapshot[] {
		return [...this.tasks.values()].reverse();
	}
	onDidChange(listener: (task: TaskSnapshot) => void): vscode.Disposable {
		return this.emitter.event(listener);
	}
	put(task: TaskSnapshot): void {
		this.tasks.set(task.id, task);
		this.emitter.fire(task);
	}
}

/** Every line logged during the suite, for failure messages. */
const allLines: string[] = [];

/** A Log that keeps its lines. */
function recordingLog(lines: string[]): Log {
	const rec = (level: string) => (message: string | Error) => {
		lines.push(`${level} ${String(message)}`);
		allLines.push(`${level} ${String(message)}`);
	};
	return { trace: rec('trace'), debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

/** Resolves with the first message from the page that matches, or fails after `ms`. */
function nextMessage(panel: PreviewPanel, match: (m: WebviewToHost) => boolean, what: string, ms = 30_000): Promise<WebviewToHost> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error(`timed out waiting for ${what}; log so far:\n${allLines.join('\n')}`));
		}, ms);
		const sub = panel.onDidReceiveMessage((m) => {
			if (match(m)) {
				clearTimeout(timer);
				sub.dispose();
				resolve(m);
			}
		});
	});
}

const logMatching = (re: RegExp) => (m: WebviewToHost) => m.type === 'log' && re.test(m.message);

function ffmpeg(args: string[], out: string): string {
	execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, out]);
	return out;
}

function webviewTabs(): vscode.Tab[] {
	return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
}

describe('preview panel', () => {
	let dir = '';
	let extensionUri: vscode.Uri;
	const source = new MemorySource();
	const lines: string[] = [];
	const log = recordingLog(lines);
	let task: TaskSnapshot;

	before(async () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(ext, 'extension is loaded in development mode');
		extensionUri = ext.extensionUri;
		assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'webview.js')), 'dist/webview.js is built');
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolink-preview-host-'));
		const sine = (hz: number, sec: number) => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=44100:duration=${sec}`];
		const wav = ffmpeg([...sine(440, 2)], path.join(dir, 'a.wav'));
		const mp3 = ffmpeg([...sine(220, 2), '-c:a', 'libmp3lame', '-b:a', '64k'], path.join(dir, 'b.mp3'));
		const mp4 = ffmpeg([
			'-f',
			'lavfi',
			'-i',
			'testsrc=size=160x120:rate=15:duration=2',
			...sine(330, 2),
			'-c:v',
			'libx264',
			'-preset',
			'ultrafast',
			'-pix_fmt',
			'yuv420p',
			'-c:a',
			'aac',
			'-shortest',
			'-movflags',
			'+faststart',
		], path.join(dir, 'c.mp4'));
		const now = Date.now();
		task = {
			id: 'host-preview-task-1',
			provider: 'evolink',
			model: 'suno-v5-beta',
			status: 'completed',
			rawStatus: 'completed',
			progress: 100,
			prompt: '</script><img src=x onerror=alert(1)> ambient pad',
			params: { instrumental: true, style: 'ambient' },
			createdAt: now - 60_000,
			updatedAt: now,
			finishedAt: now,
			creditsReserved: 2,
			results: [
				{ index: 0, url: 'https://cdn.example/a.wav', localPath: wav, title: 'First' },
				{ index: 1, url: 'https://cdn.example/b.mp3', localPath: mp3, title: 'Second' },
				{ index: 2, url: 'https://cdn.example/c.mp4', localPath: mp4 },
			],
			resultData: {},
		};
		source.put(task);
	});

	after(() => {
		PreviewPanel.disposeAll();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	// One panel for the first tests: closing a page while its media is still loading stalls the
	// next webview for about 30 s in VS Code for the Web (see previewPage.ts), so it stays open.
	let marks: Promise<WebviewToHost[]> | undefined;

	it('opens a webview tab titled for the task, and the page says ready', async () => {
		const panel = PreviewPanel.show(extensionUri, source, log, task.id);
		// Listen before the page can send anything.
		marks = Promise.all([
			nextMessage(panel, logMatching(/^rendered 3 result\(s\) after \d+ ms$/), 'rendered'),
			nextMessage(panel, logMatching(/^result 0: loadedmetadata after \d+ ms/), 'loadedmetadata of the wav'),
			nextMessage(panel, logMatching(/^result 2: loadedmetadata after \d+ ms/), 'loadedmetadata of the mp4'),
			nextMessage(panel, logMatching(/^result 0: waveform drawn after \d+ ms/), 'waveform of the wav'),
			nextMessage(panel, logMatching(/^result 1: waveform drawn after \d+ ms/), 'waveform of the mp3'),
		]);
		await nextMessage(panel, (m) => m.type === 'ready', 'ready');
		const tab = webviewTabs().find((t) => t.label === panelTitle(task, task.id));
		assert.ok(tab, `a webview tab titled "${panelTitle(task, task.id)}"; tabs: ${webviewTabs().map((t) => t.label).join(', ')}`);
		assert.match((tab.input as vscode.TabInputWebview).viewType, /evolink\.preview$/);
		assert.equal(panel.panel.webview.options.enableScripts, true);
		assert.ok(!panel.panel.webview.options.enableCommandUris);
		const roots = (panel.panel.webview.options.localResourceRoots ?? []).map((u) => u.fsPath).sort();
		assert.deepEqual(roots, [vscode.Uri.joinPath(extensionUri, 'dist').fsPath, dir].sort());
	});

	it('renders every result, reaches loadedmetadata and draws waveforms', async () => {
		assert.ok(marks, 'the panel was opened');
		await marks;
		// The open→loadedmetadata and open→waveform times, for whoever reads the host output.
		console.log(`preview timing marks:\n${lines.filter((l) => /panel open \+/.test(l)).join('\n')}`);
		assert.ok(
			lines.some((l) => /^info \[preview host-preview-task-1\] result 0: waveform drawn after \d+ ms .*\(panel open \+\d+ ms\)$/.test(l)),
			'timing marks reach the log',
		);
		assert.ok(!lines.some((l) => /dropped|could not show/.test(l)), `nothing was dropped or failed:\n${lines.join('\n')}`);
	});

	it('reveals the open panel instead of opening a second one', () => {
		const first = PreviewPanel.find(task.id);
		const again = PreviewPanel.show(extensionUri, source, log, task.id, 1);
		assert.equal(again, first);
		assert.equal(webviewTabs().filter((t) => t.label === panelTitle(task, task.id)).length, 1);
	});

	it('updates live when a download finishes', async () => {
		const now = Date.now();
		const pending: TaskSnapshot = {
			...task,
			id: 'host-preview-task-2',
			prompt: 'rain on a tin roof',
			model: 'suno-sounds',
			provider: 'sounds',
			status: 'processing',
			progress: 40,
			finishedAt: undefined,
			results: [{ index: 0, url: 'https://cdn.example/r.wav' }],
			params: { soundLoop: true, soundTempo: 90 },
			createdAt: now,
			updatedAt: now,
		};
		source.put(pending);
		const panel = PreviewPanel.show(extensionUri, source, log, pending.id);
		await nextMessage(panel, logMatching(/^rendered 1 result\(s\)/), 'first render');
		const liveDir = fs.mkdtempSync(path.join(dir, 'later-'));
		const file = ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=500:sample_rate=44100:duration=1'], path.join(liveDir, 'r.wav'));
		const drawn = nextMessage(panel, logMatching(/^result 0: waveform drawn/), 'waveform after the download');
		source.put({ ...pending, status: 'completed', progress: 100, finishedAt: Date.now(), results: [{ ...pending.results[0], localPath: file }] });
		await drawn;
		const roots = (panel.panel.webview.options.localResourceRoots ?? []).map((u) => u.fsPath);
		assert.ok(roots.includes(liveDir), 'the new folder became readable');
		assert.ok(!roots.includes(dir), "only the folder holding this task's file");
	});

	it('restores a panel after a window reload from the state its page saved', async function() {
		// code-server serves every webview from one origin, so a new page waits for the shared service worker,
		// which holds a resource request of an earlier page for up to its 30 s timeout (seen once in four runs).
		this.timeout(120_000);
		const copy: TaskSnapshot = { ...task, id: 'host-preview-task-3', prompt: 'restored after reload' };
		source.put(copy);
		const raw = vscode.window.createWebviewPanel(PreviewPanel.viewType, 'restoring', vscode.ViewColumn.Beside);
		const revived = PreviewPanel.revive(raw, extensionUri, source, log, { taskId: copy.id, activeIndex: 1, players: { '1': { time: 0.5 } } });
		assert.ok(revived, 'a saved task id revives the panel');
		await nextMessage(revived, logMatching(/^rendered 3 result\(s\)/), 'the revived page rendering', 90_000);
		assert.equal(revived.panel.title, 'restored after reload');
		assert.equal(PreviewPanel.find(copy.id), revived);

		// A page that never got a task, and a duplicate of an open panel, are closed instead.
		const empty = vscode.window.createWebviewPanel(PreviewPanel.viewType, 'empty', vscode.ViewColumn.Beside);
		let closed = false;
		empty.onDidDispose(() => {
			closed = true;
		});
		assert.equal(PreviewPanel.revive(empty, extensionUri, source, log, { unrelated: true }), undefined);
		assert.equal(closed, true);
		const duplicate = vscode.window.createWebviewPanel(PreviewPanel.viewType, 'dup', vscode.ViewColumn.Beside);
		assert.equal(PreviewPanel.revive(duplicate, extensionUri, source, log, { taskId: copy.id }), undefined);
		assert.equal(PreviewPanel.find(copy.id), revived);
	});

	it('closes cleanly', async () => {
		const panel = PreviewPanel.find(task.id);
		assert.ok(panel);
		panel.dispose();
		assert.equal(PreviewPanel.find(task.id), undefined);
		const title = panelTitle(task, task.id);
		for (let i = 0; i < 50 && webviewTabs().some((t) => t.label === title); i++) {
			await new Promise((r) => setTimeout(r, 100));
		}
		assert.equal(webviewTabs().some((t) => t.label === title), false, `tabs: ${webviewTabs().map((t) => t.label).join(', ')}`);
	});
});

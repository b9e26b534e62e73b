import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { PreviewPanel } from '../../../src/preview/previewPanel';
import type { TaskSnapshot } from '../../../src/tasks/types';
const log = { trace() {}, debug() {}, info() {}, warn(m: string) { console.log('EXPERIMENT warn ' + m); }, error(m: unknown) { console.log('EXPERIMENT err ' + String(m)); } };
describe('experiment reopen', () => {
	it('preview panels reopen', async () => {
		const ext = vscode.extensions.getExtension('evolink-studio.evolink-studio')!;
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exp-'));
		execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=2', path.join(dir, 'a.wav')]);
		const em = new vscode.EventEmitter<TaskSnapshot>();
		for (const withMedia of [true]) {
			const task: TaskSnapshot = { id: 'exp-' + withMedia, provider: 'evolink', model: 'm', status: 'completed', rawStatus: '', progress: 100, prompt: 'p', params: {}, createdAt: 0, updatedAt: 0, results: withMedia ? [{ index: 0, url: 'u', localPath: path.join(dir, 'a.wav') }] : [], resultData: {} };
			const source = { get: () => task, onDidChange: (l: (t: TaskSnapshot) => void) => em.event(l) };
			for (let i = 0; i < 3; i++) {
				const t0 = Date.now();
				const p = PreviewPanel.show(ext.extensionUri, source, log, task.id);
				const ready = new Promise<void>((r) => p.onDidReceiveMessage((m) => { if (m.type === 'log' && /rendered/.test(m.message)) { r(); } }));
				await Promise.race([ready, new Promise((r) => setTimeout(r, 40000))]);
				console.log(`EXPERIMENT media=${withMedia} ${i}: ${Date.now() - t0} ms`);
				await new Promise((r) => setTimeout(r, withMedia ? 0 : 500));
				p.dispose();
			}
		}
	});
});

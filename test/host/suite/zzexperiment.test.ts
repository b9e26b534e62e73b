import * as vscode from 'vscode';
describe('experiment reopen', () => {
	it('plain webviews reopen quickly', async () => {
		for (let i = 0; i < 3; i++) {
			const t0 = Date.now();
			const p = vscode.window.createWebviewPanel('x.plain', 'plain ' + i, vscode.ViewColumn.Beside, { enableScripts: true });
			const ready = new Promise<void>((r) => p.webview.onDidReceiveMessage(() => r()));
			p.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"></head><body><script>acquireVsCodeApi().postMessage('hi')</script></body></html>`;
			await Promise.race([ready, new Promise((r) => setTimeout(r, 40000))]);
			console.log(`EXPERIMENT plain ${i}: ${Date.now() - t0} ms`);
			p.dispose();
		}
	});
});

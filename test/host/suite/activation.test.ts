import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'evolink-studio.evolink-studio';

describe('activation', () => {
	it('runs inside VS Code 1.100.3', () => {
		assert.equal(vscode.version, '1.100.3');
	});

	it('activates and registers its commands', async () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(ext, 'extension is loaded in development mode');
		await ext.activate();
		assert.equal(ext.isActive, true);
		const commands = await vscode.commands.getCommands(true);
		const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
		for (const id of contributed) {
			assert.ok(commands.includes(id), `${id} is registered`);
		}
	});

	it('shows its log when asked: the output channel opens with the activation line', async () => {
		await vscode.commands.executeCommand('evolink.showLog');
		const deadline = Date.now() + 10_000;
		let log: vscode.TextDocument | undefined;
		while (!log && Date.now() < deadline) {
			log = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /EvoLink/i.test(d.uri.path) && d.getText().includes('activated (VS Code 1.100.3)'));
			if (!log) { await new Promise((r) => setTimeout(r, 200)); }
		}
		assert.ok(log, `the EvoLink Studio log is open with its activation line; open documents: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`);
	});
});

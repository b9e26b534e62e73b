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

	it('shows its log when asked', async () => {
		await vscode.commands.executeCommand('evolink.showLog');
	});
});

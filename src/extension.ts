import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { App } from './app';
import { registerGenerationCommands } from './commands/generationCommands';
import { registerJobCommands } from './commands/jobCommands';
import { registerKeyCommands } from './commands/keyCommands';
import { registerRegenerate } from './commands/regenerate';
import { registerSaveTo } from './commands/saveTo';
import { registerTaskActions } from './commands/taskActions';
import { registerPreview } from './preview/registerPreview';
import { createPublicApi, type EvoLinkStudioApi } from './publicApi';
import { taskSourceOf, taskEventsOf } from './taskEvents';
import { ChannelLogger } from './util/channelLogger';
import { registerApiKeyContext } from './views/contextKeys';
import { registerGenerateSoundFix } from './views/generateSoundFix';
import { registerMediaHover } from './views/mediaHover';
import { registerNotifications } from './views/notifications';
import { registerStatusBar } from './views/statusBar';
import { registerTaskTree } from './views/taskTree';

/**
 * The table of contents: construct the app (logger, keys, lazily loaded services) and
 * register each feature. Nothing here touches the network or loads undici, zod, the codec
 * readers, the preview panel, the voice list or the audio libraries: those are in dist/core.js
 * (`loadCore()`), required when a command, hover or preview first needs them.
 */
export function activate(context: vscode.ExtensionContext): EvoLinkStudioApi {
	const channel = vscode.window.createOutputChannel('EvoLink Studio', { log: true });
	const log = new ChannelLogger(channel);
	const app = new App(context, log);
	current = app;
	const taskEvents = taskEventsOf(app);
	context.subscriptions.push(
		channel,
		app,
		taskEvents,
		vscode.commands.registerCommand('evolink.showLog', () => log.show()),
		registerKeyCommands(app),
		registerApiKeyContext(app),
		registerGenerationCommands(app),
		registerTaskActions(app),
		registerJobCommands(app),
		registerRegenerate(app),
		registerTaskTree(app),
		registerStatusBar(app),
		registerNotifications(app),
		registerMediaHover(),
		registerGenerateSoundFix(),
		registerSaveTo(app),
		registerPreview(context, taskSourceOf(app, taskEvents.event), log.child('preview')),
	);
	resumeUnfinishedWork(context, app);
	log.info(`activated (VS Code ${vscode.version})`);
	return createPublicApi(app, taskEvents.event);
}

/**
 * Tasks outlive windows: when this window's storage holds tasks, load the services soon
 * after start-up so unfinished tasks resume polling and finished ones get downloaded.
 */
function resumeUnfinishedWork(context: vscode.ExtensionContext, app: App): void {
	const journal = path.join(context.globalStorageUri.fsPath, 'tasks', 'tasks.jsonl');
	fs.stat(journal, (err) => {
		if (!err) { setTimeout(() => void app.services(), 500); }
	});
}

/** VS Code waits for this: the last journal write lands and the leases go back before the host stops. */
export function deactivate(): Promise<void> | undefined {
	return current?.shutdown();
}

let current: App | undefined;

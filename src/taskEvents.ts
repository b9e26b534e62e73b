import * as vscode from 'vscode';
import type { App } from './app';
import type { TaskSource } from './preview/taskSource';
import type { TaskSnapshot } from './shared/domain';

/** Per-task change events: the app's "something changed" (undefined) becomes one event per task. */
export function taskEventsOf(app: App): vscode.EventEmitter<TaskSnapshot> {
	const emitter = new vscode.EventEmitter<TaskSnapshot>();
	const sub = app.onDidChangeTask((task) => {
		if (task) {
			emitter.fire(task);
			return;
		}
		for (const t of app.servicesIfLoaded?.store.list() ?? []) { emitter.fire(t); }
	});
	const dispose = emitter.dispose.bind(emitter);
	emitter.dispose = () => {
		sub.dispose();
		dispose();
	};
	return emitter;
}

/** The preview's view of the store (loading it on demand). */
export function taskSourceOf(app: App, onChange: vscode.Event<TaskSnapshot>): TaskSource {
	return {
		get: (id) => {
			if (!app.servicesIfLoaded) { void app.services(); }
			return app.servicesIfLoaded?.store.get(id);
		},
		list: () => app.servicesIfLoaded?.store.list() ?? [],
		onDidChange: (listener) => onChange(listener),
	};
}

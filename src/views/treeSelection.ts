import * as vscode from 'vscode';
import type { Log } from '../util/log';

/** How long a selected row may stay unknown to the extension host (a refresh in flight). */
const SETTLE_MS = 3000;
const STEP_MS = 50;

/**
 * Opens what the user selects in a tree view, including a row clicked while the tree refreshes.
 *
 * The extension host resolves the workbench's selected handles to elements when the selection
 * changes, and drops handles it does not know at that moment. A refresh forgets the rows under
 * the refreshed node until the workbench asks for them again, so a click in that window (rows
 * moving from the Running group to the history) arrives as an empty selection, and the row's
 * command finds no selection either: the click was lost (issue 11). `TreeView.selection`
 * resolves the handles again each time it is read, so an empty selection is read again until
 * the refresh has landed; a real deselection stays empty and opens nothing.
 */
export function openOnSelection<T>(view: vscode.TreeView<T>, open: (node: T) => unknown, log: Log, rowCommand: string): vscode.Disposable {
	let generation = 0;
	let timer: NodeJS.Timeout | undefined;
	const settle = (mine: number, started: number): void => {
		timer = undefined;
		if (mine !== generation) { return; }
		if (view.selection.length === 1) {
			log.info(`a row selected during a tree refresh opened ${Date.now() - started} ms after the click`);
			void open(view.selection[0]);
			return;
		}
		if (Date.now() - started < SETTLE_MS) { timer = setTimeout(() => settle(mine, started), STEP_MS); }
	};
	const selected = (selection: readonly T[]): void => {
		const mine = ++generation;
		if (timer) {
			clearTimeout(timer);
			timer = undefined;
		}
		if (selection.length === 1) {
			void open(selection[0]);
			return;
		}
		if (selection.length === 0) { timer = setTimeout(() => settle(mine, Date.now()), STEP_MS); }
	};
	// Clicking the row that is already selected changes no selection: its command opens it.
	// VS Code sends the selection before it runs the command, so this is the clicked row.
	const clicked = (): void => {
		if (!timer) { selected(view.selection); }
	};
	return vscode.Disposable.from(
		// Arrow keys move the focus, not the selection: a new selection is a click, Enter or Space.
		// The workbench can drop the row's open event (a click right after a preview editor
		// closed, in code-server 4.100 every time), but never the selection, so the selection opens.
		view.onDidChangeSelection((e) => selected(e.selection)),
		vscode.commands.registerCommand(rowCommand, clicked),
		{
			dispose: () => {
				generation++;
				if (timer) { clearTimeout(timer); }
			},
		},
	);
}

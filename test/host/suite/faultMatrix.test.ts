/**
 * Runs the fault matrix (faultMatrix.ts): one test per row, so a missing row is a missing test.
 * For each row: (a) the user is told what happened and what to do, (b) no accepted task is lost,
 * (c) no POST is sent twice, (d) no partial file remains in the download folder, and (e) the API
 * keys appear in no notification, error, task state, task journal, log or preview page.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FaultSpec, FakeServer } from '../../fakes';
import { buildPreviewView } from '../../../src/preview/previewModel';
import type { TaskSnapshot } from '../../../src/shared/domain';
import { statusText, taskTooltip } from '../../../src/views/taskLabels';
import { journalText, leaks, logText, partialFiles, Recorder, setSetting, storageOf, taskFiles, waitForLog } from '../faultKit';
import { setUpProviders, waitForTask, type Providers } from '../fixture';
import { MATRIX, ROUTES, TASK_MS, type Row, type Setup } from './faultMatrix';
import { assertTold, commandFor, done, downloadsEnded, forTask, previewMessages, retryAfterHonoured, since, waitFor } from './faultMatrixChecks';

describe('fault matrix', function() {
	this.timeout(300_000);
	let p: Providers;
	let rec: Recorder;
	let storage = '';
	/** Tasks the user was told about on the task itself, by row id (for the preview check at the end). */
	const kept = new Map<string, { id: string; row: Row }>();
	const secrets = () => [p.evolink.apiKey, p.sounds.apiKey];

	before(async () => {
		p = await setUpProviders(TASK_MS);
		rec = new Recorder(p.api);
		// One clean task first: it shows where downloads go, and that the setup works.
		const id = await vscode.commands.executeCommand<string>('evolink.speakSelection', { prompt: 'Before the fault matrix.', format: 'mp3' });
		storage = storageOf((await waitForTask(p.api, id, done, 60_000)).results[0].localPath!);
	});
	afterEach(async () => {
		p.evolink.clearFaults();
		p.sounds.clearFaults();
		if (vscode.workspace.getConfiguration('evolink').inspect('apiBaseUrl')?.globalValue !== p.evolink.baseUrl) {
			await setSetting('apiBaseUrl', p.evolink.baseUrl);
		}
	});
	after(async () => {
		rec?.dispose();
		await p?.evolink.close();
		await p?.sounds.close();
	});

	for (const row of MATRIX) {
		it(`${row.id} (${row.phase}): ${row.title}`, async () => {
			const fake = row.provider === 'evolink' ? p.evolink : p.sounds;
			const mark = {
				posts: fake.count(ROUTES[row.provider].create),
				receipts: fake.received.length,
				shown: rec.shown.length,
				snapshots: rec.snapshots.length,
				tasks: (await p.api.getTasks()).map((t) => t.id),
			};
			const specs: FaultSpec[] = [];
			/** Arms the row's fault specs; a poll row's only once its task exists, for its polls alone. */
			const inject = (taskId?: string): void => {
				for (const f of typeof row.fault === 'function' ? [] : row.fault) {
					const spec = forTask(row, typeof f === 'function' ? f() : f, taskId);
					specs.push(spec);
					fake.inject(spec);
				}
			};
			let setup: Setup = {};
			try {
				if (typeof row.fault === 'function') {
					setup = await row.fault({ p, storage });
				} else if (row.phase !== 'poll') {
					inject();
				}
				const texts = row.phase === 'create' ? await createRow(row, mark) : await taskRow(row, fake, setup, mark, row.phase === 'poll' ? inject : undefined);

				// (c) Exactly the POSTs the row allows reached the provider, through recovery too.
				assert.equal(fake.count(ROUTES[row.provider].create) - mark.posts, row.expect.posts, 'POSTs that reached the provider');
				// Every injected fault struck (a row whose fault missed proves nothing): its requests, then
				// (for a task that recovers) the one that succeeded.
				for (const spec of specs) {
					const alike = specs.filter((s) => s.route === spec.route && s.query === spec.query);
					const faulted = alike.reduce((n, s) => n + (s.times ?? 1), 0);
					const recovered = row.phase !== 'create' && row.expect.recovery !== 'none' ? 1 : 0;
					const seen = since(fake, mark.receipts, spec);
					assert.ok(seen.length >= faulted + recovered, `${seen.length} requests on ${spec.route}, the fault alone takes ${faulted}`);
				}
				if (row.expect.retryAfterHonoured) { retryAfterHonoured(fake, mark.receipts, specs); }
				// (d) No temp file of a download anywhere in the download folder.
				assert.deepEqual(partialFiles(storage), [], 'partial downloads left behind');
				// (e) No key in anything the user or a later session can see.
				noSecrets({
					...texts,
					notifications: rec.shown.slice(mark.shown).map((s) => s.text).join('\n'),
					'task snapshots': JSON.stringify(rec.snapshots.slice(mark.snapshots)),
					'task list': JSON.stringify(await p.api.getTasks()),
					'task journal': journalText(storage),
					log: logText(storage),
				});
			} finally {
				await setup.undo?.();
			}
		});
	}

	it('after all rows: no API key in the whole log, the task journal or the preview pages of the kept tasks', async () => {
		// The log service writes with a delay: wait until the file stops growing.
		let before = '';
		for (let i = 0; i < 40; i++) {
			const now = logText(storage);
			if (now === before && i > 0) { break; }
			before = now;
			await new Promise((r) => setTimeout(r, 1000));
		}
		// Tasks that keep their failure, then one per surface: each page load takes seconds.
		const rows = [...kept.values()];
		const picked = rows.filter((k) => k.row.expect.recovery === 'none');
		for (const surface of ['task', 'status', 'result'] as const) {
			const first = rows.find((k) => k.row.expect.surface === surface && !picked.includes(k));
			if (first) { picked.push(first); }
		}
		assert.ok(picked.length > 0, 'the rows kept tasks to preview');
		const messages = await previewMessages(picked.map((k) => k.id));
		noSecrets({
			log: logText(storage),
			'task journal': journalText(storage),
			'task list': JSON.stringify(await p.api.getTasks()),
			'preview messages': JSON.stringify(messages),
		});
	});

	/** A create row: the command must reject, say why in a notification, and leave no task. */
	async function createRow(row: Row, mark: { shown: number; tasks: string[] }): Promise<Record<string, string>> {
		const [command, options] = commandFor(row);
		let rejection: (Error & { action?: string }) | undefined;
		let id: unknown;
		try {
			id = await vscode.commands.executeCommand(command, options);
		} catch (err) {
			rejection = err as Error & { action?: string };
		}
		assert.ok(rejection, `the command should have failed, but resolved with ${String(id)}`);
		// Scripts get the reason (and its advice) with the rejection…
		assertTold(row, `${rejection.message} ${rejection.action ?? ''}`, 'the rejection');
		// …and the user gets it in a notification.
		const told = await shownErrors(mark.shown);
		assertTold(row, told, 'the error notification');
		if (row.expect.button) {
			assert.ok(rec.errorsSince(mark.shown).some((s) => s.buttons.includes(row.expect.button!)), `the notification offers ${row.expect.button}`);
		}
		if (row.expect.maybeCreatedRemotely) {
			// The task may exist at the provider though we have no id for it: the user is sent to look.
			assert.ok(rec.errorsSince(mark.shown).some((s) => s.buttons.includes('Open Provider Dashboard')), "the notification offers the provider's dashboard");
		}
		// (b) Nothing was accepted, so nothing may appear in the task list.
		const added = (await p.api.getTasks()).filter((t) => !mark.tasks.includes(t.id));
		assert.deepEqual(added.map((t) => t.id), [], 'tasks added by a failed create');
		return { told, rejection: `${rejection.message} ${rejection.action ?? ''} ${rejection.stack ?? ''}` };
	}

	/** A poll or download row: the task is accepted, survives the fault and (unless it cannot) gets its file. */
	async function taskRow(
		row: Row,
		fake: FakeServer,
		setup: Setup,
		mark: { shown: number; snapshots: number },
		inject?: (taskId: string) => void,
	): Promise<Record<string, string>> {
		const [command, options] = commandFor(row);
		const id = await vscode.commands.executeCommand<string>(command, options);
		assert.equal(typeof id, 'string', 'the task was accepted');
		// The first poll comes two seconds after creation at the earliest.
		inject?.(id);
		await setup.afterCreate?.(id);

		// (a) What the user is told while the fault lasts.
		let told = '';
		let seen: TaskSnapshot | undefined;
		switch (row.expect.surface) {
			case 'task':
				seen = await waitForTask(p.api, id, (t) => t.error !== undefined, 90_000);
				told = taskTooltip(seen);
				break;
			case 'status':
				seen = await waitFor(() => rec.snapshots.slice(mark.snapshots).find((t) => t.id === id && t.status === 'unknown'), 'a snapshot with the unknown status');
				told = `${statusText(seen)}\n${taskTooltip(seen)}`;
				break;
			case 'result': {
				seen = await waitForTask(p.api, id, downloadsEnded, 150_000);
				assert.ok(seen.results.some((r) => r.downloadError), 'a download failed');
				const notified = await shownErrors(mark.shown);
				told = [...seen.results.map((r) => r.downloadError ?? ''), notified].join('\n');
				assert.match(notified, /downloading it failed/, 'the user was notified');
				// (d) The failed file is not there, whole or partial.
				const onDisk = taskFiles(storage, id);
				assert.equal(onDisk.length, seen.results.filter((r) => r.localPath).length, `files of ${id}: ${onDisk.join(', ')}`);
				break;
			}
			case 'log':
				// This task's line: an earlier row's task may have logged the same failure.
				told = await waitForLog(storage, (line) => row.expect.message!.test(line) && line.includes(id), 90_000);
				break;
			case 'none':
				seen = await waitForTask(p.api, id, done, 90_000);
				assert.deepEqual(rec.errorsSince(mark.shown), [], 'no error was shown');
				assert.equal(seen.error, undefined);
				break;
		}
		if (row.expect.surface !== 'none') { assertTold(row, told, row.expect.surface); }
		// (b) The task is still listed while the fault lasts.
		assert.ok((await p.api.getTasks()).some((t) => t.id === id), 'the task is still in the list');
		const preview = seen ? JSON.stringify(buildPreviewView(seen, new Map(), { srcFor: () => '' })) : '';

		// (b) …and comes out completed (with its file, unless the fault made that impossible). Faults
		// limited by `times` end on their own: a row that recovers by itself gets no help.
		const recovery = row.expect.recovery ?? 'self';
		if (recovery !== 'self') { fake.clearFaults(); }
		await setup.heal?.(id);
		let final: TaskSnapshot;
		switch (recovery) {
			case 'self':
				final = await waitForTask(p.api, id, done, 150_000);
				break;
			case 'refresh':
				await vscode.commands.executeCommand('evolink.refreshTasks');
				final = await waitForTask(p.api, id, done, 150_000);
				break;
			case 'none':
				final = await waitForTask(p.api, id, downloadsEnded, 30_000);
				assert.ok(final.results.every((r) => r.downloadError && !r.localPath), 'the result stays failed');
				break;
		}
		assert.equal(final.error, undefined, 'no error left on the task');
		assert.ok((await p.api.getTasks()).some((t) => t.id === id), 'the task is still in the list');
		if (row.expect.surface !== 'none' && row.expect.surface !== 'log') { kept.set(row.id, { id, row }); }
		return { told, preview, 'final preview': JSON.stringify(buildPreviewView(final, new Map(), { srcFor: () => '' })) };
	}

	/** The error notifications shown since `from`, waiting a little for ones announced asynchronously. */
	async function shownErrors(from: number): Promise<string> {
		await waitFor(() => rec.errorsSince(from).length > 0 || undefined, 'an error notification', 15_000);
		return rec.errorsSince(from).map((s) => s.text).join('\n');
	}

	function noSecrets(texts: Record<string, string>): void {
		assert.deepEqual(leaks(texts, secrets()), [], 'API keys found');
	}
});

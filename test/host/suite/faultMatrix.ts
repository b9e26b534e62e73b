/**
 * The fault matrix (issue 11): every failure the extension must survive, one row each, in the
 * order faultMatrix.test.ts runs them. Each row injects one fault at one phase of a task's life
 * and says what the user must be told and how the task must come out. The test checks every row
 * for (a) what the user is told, (b) no task lost, (c) no POST sent twice, (d) no partial file in
 * the download folder and (e) no API key in any log, error, task state or preview message.
 *
 * Covered elsewhere, not here (a host cannot kill itself and go on asserting):
 * - The extension host killed mid-poll: test/e2e/reload.test.ts (a reloaded window resumes the
 *   task, one POST) and test/e2e/twoWindows.test.ts (SIGKILL; the other window takes it over).
 * - The extension host killed mid-download: the resumed download writes a new temp file, and the
 *   killed host's `<file>.part-<hex>` is deleted by the next download to that place once it has
 *   been untouched for 10 minutes (test/unit/api/download.test.ts).
 * - A task the provider fails (content policy): test/host/suite/faults.test.ts.
 * - Random mixes of these faults over many tasks: test/host/suite/soak.test.ts.
 */
import * as vscode from 'vscode';
import { EVOLINK_TEST_KEY, type FaultSpec } from '../../fakes';
import { diskFullForDownloads, refusingUrl, setSetting, shiftExtensionClock } from '../faultKit';
import { EXTENSION_ID, waitForTask, type Providers } from '../fixture';

/** When in a task's life the fault strikes. */
export type Phase = 'create' | 'poll' | 'download';

/**
 * Where the user learns of the fault:
 * - `notification`: the error notification of the refused command (scripts get the same reason as the rejection);
 * - `task`: the task's error (tree tooltip "Error: … Next: …", preview page);
 * - `status`: the task's status text in the tree;
 * - `result`: the result's download error (tree, preview) and the "downloading it failed" notification;
 * - `log`: only the EvoLink log: a hiccup the extension gets over on its own;
 * - `none`: nowhere: retried within the request, the user sees only the finished task.
 */
export type Surface = 'notification' | 'task' | 'status' | 'result' | 'log' | 'none';

/** What a row's setup function gets. */
export interface RowEnv {
	p: Providers;
	/** The extension's global storage folder (results/, tasks/). */
	storage: string;
}

/** A fault the fakes cannot inject alone; every hook is optional. */
export interface Setup {
	/** Runs once the command returned the new task's id (poll and download rows). */
	afterCreate?(taskId: string): Promise<void>;
	/** Ends the fault so the task can recover (default: the fakes' faults are cleared). */
	heal?(taskId: string): Promise<void> | void;
	/** Always runs when the row ends, pass or fail. */
	undo?(): Promise<void> | void;
}

/**
 * Fault specs for the row's provider (a function is called at injection, e.g. for an HTTP-date), or
 * a setup. Create and download rows arm their specs before the command; poll rows once the task
 * exists, narrowed to that task's polls (the test does it).
 */
export type Injection = (FaultSpec | (() => FaultSpec))[] | ((env: RowEnv) => Promise<Setup> | Setup);

export interface Expect {
	surface: Surface;
	/** What happened, as the user reads it on `surface` (for `log`: the log line). */
	message?: RegExp;
	/** What to do next; omitted only where nothing is asked of the user. */
	action?: RegExp;
	/** A button the notification must offer (the next step, one click away). */
	button?: string;
	/** An accepted task stays in the store and ends completed (or stays pollable); false: no task was accepted. */
	taskKept: boolean;
	/** POSTs that reached the provider during the row: 1 at most, 0 when the connection was refused. */
	posts: number;
	/**
	 * How a kept task gets its file after the fault ends: `self` (polling goes on), `refresh` (the
	 * user's Refresh: the advice given), `none` (it cannot: the task stays completed with the error).
	 */
	recovery?: 'self' | 'refresh' | 'none';
	/** The request after the faulted one came no earlier than its `Retry-After` allowed. */
	retryAfterHonoured?: boolean;
	/**
	 * The provider may have created (and billed) a task the extension has no id for: the outcome is
	 * unknown, so the notification must send the user to check (its Open Provider Dashboard button: the task is not in the task list, its id never arrived).
	 */
	maybeCreatedRemotely?: boolean;
}

export interface Row {
	id: string;
	title: string;
	provider: 'evolink' | 'sounds';
	phase: Phase;
	fault: Injection;
	expect: Expect;
}

export const ROUTES = {
	evolink: { create: 'POST /v1/audios/generations', poll: 'GET /v1/tasks/*', media: 'GET /media/*' },
	sounds: { create: 'POST /api/v1/generate/sounds', poll: 'GET /api/v1/generate/record-info', media: 'GET /media/*' },
} as const;

/** How long the fakes' tasks take in the matrix. */
export const TASK_MS = 1500;
const DAY_MS = 24 * 3_600_000;
const E = ROUTES.evolink;
const S = ROUTES.sounds;

/** An IMF-fixdate `ms` from now, as a server would send in Retry-After. */
export function httpDate(ms: number): string {
	return new Date(Date.now() + ms).toUTCString();
}

const outcomeUnknown = /may or may not have been created/;
const checkBeforeRetrying = /Check the task list and your balance before retrying, so you are not charged twice/;
const later = /Try again in a few minutes/;
const useRefresh = /Use Refresh in the EvoLink view to download it again/;

export const MATRIX: Row[] = [
	// ── create: the POST fails; nothing is accepted, so the command says why ──────────────────────
	{
		id: 'refused-create',
		title: 'connection refused',
		provider: 'evolink',
		phase: 'create',
		fault: async ({ p }) => {
			await setSetting('apiBaseUrl', await refusingUrl());
			return { undo: () => setSetting('apiBaseUrl', p.evolink.baseUrl) };
		},
		// Refused connects prove nothing left, so the POST is retried, but it never reaches a server.
		expect: {
			surface: 'notification',
			message: /Could not reach 127\.0\.0\.1:\d+: connection refused/,
			action: /Check your internet connection and proxy settings/,
			taskKept: false,
			posts: 0,
		},
	},
	{
		id: 'reset-after-body-create',
		title: 'connection reset after the request body was sent',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'resetAfterBody', times: 1 }],
		expect: { surface: 'notification', message: outcomeUnknown, action: checkBeforeRetrying, taskKept: false, posts: 1, maybeCreatedRemotely: true },
	},
	{
		id: 'headers-never-sent-create',
		title: 'response headers never sent (30 s headers timeout)',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'stallHeaders', times: 1 }],
		expect: {
			surface: 'notification',
			message: /did not answer in time\), so the task may or may not have been created/,
			action: checkBeforeRetrying,
			taskKept: false,
			posts: 1,
			maybeCreatedRemotely: true,
		},
	},
	{
		id: '401-create',
		title: '401 invalid key',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 401, times: 1 }],
		expect: {
			surface: 'notification',
			message: /Invalid or expired token/,
			action: /Set a valid key with 'EvoLink: Set API Key'/,
			button: 'Set API Key',
			taskKept: false,
			posts: 1,
		},
	},
	{
		id: '401-create-key-echoed',
		title: '401 whose message echoes the API key back',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 401, message: `Incorrect API key provided: ${EVOLINK_TEST_KEY}`, times: 1 }],
		expect: { surface: 'notification', message: /Incorrect API key provided: \S*\*\*\*/, action: /Set a valid key/, button: 'Set API Key', taskKept: false, posts: 1 },
	},
	{
		id: '402-create',
		title: '402 insufficient quota (current envelope)',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 402, times: 1 }],
		expect: { surface: 'notification', message: /Insufficient quota/, action: /Top up your EvoLink balance/, taskKept: false, posts: 1 },
	},
	{
		id: '402-create-legacy',
		title: '402 insufficient quota (legacy envelope: integer code)',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 402, envelope: 'legacy', times: 1 }],
		expect: { surface: 'notification', message: /Insufficient quota/, action: /Top up your EvoLink balance/, taskKept: false, posts: 1 },
	},
	{
		id: '402-sounds-code-429',
		title: 'Suno Sounds body code 429: out of credits (not a rate limit)',
		provider: 'sounds',
		phase: 'create',
		fault: [{ route: S.create, kind: 'status', status: 429, times: 1 }],
		expect: { surface: 'notification', message: /Insufficient credits \(code 429\)/, action: /Top up your sunoapi\.org credits/, taskKept: false, posts: 1 },
	},
	{
		id: '403-create',
		title: '403 model not allowed for the key',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 403, times: 1 }],
		expect: { surface: 'notification', message: /does not have access to model: doubao-seed-audio-1-0/, action: /Allow this model for your key/, taskKept: false, posts: 1 },
	},
	{
		id: '413-create',
		title: '413 request too large (legacy envelope)',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 413, envelope: 'legacy', times: 1 }],
		expect: { surface: 'notification', message: /Request entity too large/, action: /Shorten the prompt or use a smaller file/, taskKept: false, posts: 1 },
	},
	{
		id: '413-sounds',
		title: 'Suno Sounds body code 413: prompt too long',
		provider: 'sounds',
		phase: 'create',
		fault: [{ route: S.create, kind: 'status', status: 413, times: 1 }],
		expect: { surface: 'notification', message: /prompt too long \(code 413\)/, action: /Shorten the prompt to 500 characters/, taskKept: false, posts: 1 },
	},
	{
		id: '429-create-seconds',
		title: '429 with Retry-After in seconds: not retried blindly',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 429, retryAfter: 1, times: 1 }],
		expect: { surface: 'notification', message: /Too many requests/, action: /Wait a few seconds and try again/, taskKept: false, posts: 1 },
	},
	{
		id: '429-create-date',
		title: '429 with Retry-After as an HTTP-date 10 min ahead: the wait is named',
		provider: 'evolink',
		phase: 'create',
		fault: [() => ({ route: E.create, kind: 'status', status: 429, retryAfter: httpDate(10 * 60_000), times: 1 })],
		expect: { surface: 'notification', message: /Too many requests/, action: /asks to wait (9|10) min \(until \d\d:\d\d UTC\)/, taskKept: false, posts: 1 },
	},
	{
		id: '430-sounds-create-seconds',
		title: 'Suno Sounds body code 430 with Retry-After: 90 (seconds)',
		provider: 'sounds',
		phase: 'create',
		fault: [{ route: S.create, kind: 'status', status: 430, retryAfter: 90, times: 1 }],
		expect: {
			surface: 'notification',
			message: /call frequency is too high.*\(code 430\)/,
			action: /Slow down and try again in a minute\. The provider asks to wait 2 min/,
			taskKept: false,
			posts: 1,
		},
	},
	{
		id: '430-sounds-create-date',
		title: 'Suno Sounds body code 430 with Retry-After as an HTTP-date 10 min ahead',
		provider: 'sounds',
		phase: 'create',
		fault: [() => ({ route: S.create, kind: 'status', status: 430, retryAfter: httpDate(10 * 60_000), times: 1 })],
		expect: { surface: 'notification', message: /call frequency is too high.*\(code 430\)/, action: /asks to wait (9|10) min/, taskKept: false, posts: 1 },
	},
	{
		id: '455-sounds-create',
		title: 'Suno Sounds body code 455: maintenance',
		provider: 'sounds',
		phase: 'create',
		fault: [{ route: S.create, kind: 'status', status: 455, times: 1 }],
		expect: { surface: 'notification', message: /System maintenance \(code 455\)/, action: /under maintenance; try again later/, taskKept: false, posts: 1 },
	},
	{
		id: '500-create',
		title: '500 internal error: the POST is not retried',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 500, times: 1 }],
		expect: { surface: 'notification', message: /Internal server error/, action: later, taskKept: false, posts: 1 },
	},
	{
		id: '502-create',
		title: '502 bad gateway: the POST is not retried',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 502, times: 1 }],
		expect: { surface: 'notification', message: /Bad gateway/, action: later, taskKept: false, posts: 1 },
	},
	{
		id: '503-create',
		title: '503 no channel: the POST is not retried',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'status', status: 503, times: 1 }],
		expect: { surface: 'notification', message: /No available channel/, action: /unavailable right now\. Try again in a few minutes/, taskKept: false, posts: 1 },
	},
	{
		id: 'malformed-json-create',
		title: 'malformed JSON after the task was created',
		provider: 'evolink',
		phase: 'create',
		fault: [{ route: E.create, kind: 'malformedJson', times: 1 }],
		expect: {
			surface: 'notification',
			message: /accepted the request but its answer could not be read/,
			action: /Check your EvoLink task list and balance before retrying/,
			taskKept: false,
			posts: 1,
			maybeCreatedRemotely: true,
		},
	},

	// ── poll: the task was accepted; it must survive every failed status check ───────────────────
	{
		id: 'refused-poll',
		title: 'connection refused while polling',
		provider: 'evolink',
		phase: 'poll',
		fault: ({ p }) => {
			const restore = () => setSetting('apiBaseUrl', p.evolink.baseUrl);
			return { afterCreate: async () => setSetting('apiBaseUrl', await refusingUrl()), heal: restore, undo: restore };
		},
		expect: { surface: 'log', message: /polling \S+ failed: Could not reach 127\.0\.0\.1:\d+: connection refused/, taskKept: true, posts: 1, recovery: 'self' },
	},
	{
		id: 'headers-never-sent-poll',
		title: 'status check whose headers never come (retried after 30 s)',
		provider: 'evolink',
		phase: 'poll',
		fault: [{ route: E.poll, kind: 'stallHeaders', times: 1 }],
		expect: { surface: 'log', message: /GET \S+\/v1\/tasks\/\S+ failed after \d+ ms: the server did not answer in time, retrying/, taskKept: true, posts: 1, recovery: 'self' },
	},
	{
		id: '401-poll',
		title: '401 while polling: polling stops and says why',
		provider: 'evolink',
		phase: 'poll',
		fault: [{ route: E.poll, kind: 'status', status: 401, times: 1 }],
		expect: { surface: 'task', message: /Invalid or expired token/, action: /Set a valid key with 'EvoLink: Set API Key'/, taskKept: true, posts: 1, recovery: 'refresh' },
	},
	{
		id: '403-poll',
		title: '403 task of another key while polling',
		provider: 'evolink',
		phase: 'poll',
		fault: [{ route: E.poll, kind: 'status', status: 403, times: 1 }],
		expect: { surface: 'task', message: /don't have permission to access this task/, action: /use the key that created it/, taskKept: true, posts: 1, recovery: 'refresh' },
	},
	{
		id: '429-poll-seconds',
		title: '429 with Retry-After: 2 on a status check',
		provider: 'evolink',
		phase: 'poll',
		fault: [{ route: E.poll, kind: 'status', status: 429, retryAfter: 2, times: 1 }],
		expect: { surface: 'none', taskKept: true, posts: 1, recovery: 'self', retryAfterHonoured: true },
	},
	{
		id: '429-poll-date',
		title: '429 with Retry-After as an HTTP-date on a status check',
		provider: 'evolink',
		phase: 'poll',
		fault: [() => ({ route: E.poll, kind: 'status', status: 429, retryAfter: httpDate(5_000), times: 1 })],
		expect: { surface: 'none', taskKept: true, posts: 1, recovery: 'self', retryAfterHonoured: true },
	},
	{
		id: '430-sounds-poll-seconds',
		title: 'Suno Sounds body code 430 with Retry-After: 2 on a status check',
		provider: 'sounds',
		phase: 'poll',
		fault: [{ route: S.poll, kind: 'status', status: 430, retryAfter: 2, times: 1 }],
		expect: { surface: 'log', message: /polling \S+ failed: Suno Sounds: .*\(code 430\)/, taskKept: true, posts: 1, recovery: 'self', retryAfterHonoured: true },
	},
	{
		id: '430-sounds-poll-date',
		title: 'Suno Sounds body code 430 with Retry-After as an HTTP-date on a status check',
		provider: 'sounds',
		phase: 'poll',
		fault: [() => ({ route: S.poll, kind: 'status', status: 430, retryAfter: httpDate(5_000), times: 1 })],
		expect: { surface: 'log', message: /polling \S+ failed: Suno Sounds: .*\(code 430\)/, taskKept: true, posts: 1, recovery: 'self', retryAfterHonoured: true },
	},
	{
		id: '455-sounds-poll',
		title: 'Suno Sounds body code 455 (maintenance) on a status check',
		provider: 'sounds',
		phase: 'poll',
		fault: [{ route: S.poll, kind: 'status', status: 455, times: 1 }],
		expect: { surface: 'log', message: /polling \S+ failed: Suno Sounds: System maintenance \(code 455\)/, taskKept: true, posts: 1, recovery: 'self' },
	},
	{
		id: '5xx-poll',
		title: '500, 502 and 503 in a row on a status check',
		provider: 'evolink',
		phase: 'poll',
		fault: [
			{ route: E.poll, kind: 'status', status: 500, times: 1 },
			{ route: E.poll, kind: 'status', status: 502, times: 1 },
			{ route: E.poll, kind: 'status', status: 503, times: 1 },
		],
		expect: { surface: 'none', taskKept: true, posts: 1, recovery: 'self' },
	},
	{
		id: 'malformed-json-poll',
		title: 'malformed JSON from a status check',
		provider: 'evolink',
		phase: 'poll',
		fault: [{ route: E.poll, kind: 'malformedJson', times: 1 }],
		expect: { surface: 'log', message: /polling \S+ failed: EvoLink sent an answer we could not read/, taskKept: true, posts: 1, recovery: 'self' },
	},
	{
		id: 'unknown-status-poll',
		title: 'a status value we do not know',
		provider: 'evolink',
		phase: 'poll',
		fault: [{ route: E.poll, kind: 'statusWord', word: 'under_review', times: 2 }],
		expect: { surface: 'status', message: /status "under_review"/, taskKept: true, posts: 1, recovery: 'self' },
	},
	{
		id: 'pending-past-deadline',
		title: 'a task still pending after the 30-minute polling cap',
		provider: 'evolink',
		phase: 'poll',
		fault: ({ p }) => {
			// Ten hours: queued whatever the clock says (the fake keeps real time anyway).
			p.evolink.setTaskDuration(10 * 3_600_000);
			const restore = () => p.evolink.setTaskDuration(TASK_MS);
			return {
				afterCreate: async (id) => {
					restore();
					// The first poll of a ten-hour task comes a minute after it was created: by the
					// extension's clock, 31 minutes without news. (Refresh cannot bring that poll forward:
					// it polls at the earlier of "now" and the due time, and "now" is half an hour on.)
					const undoClock = shiftExtensionClock(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 31 * 60_000);
					try {
						await waitForTask(p.api, id, (t) => t.error !== undefined, 120_000);
					} finally {
						undoClock();
					}
				},
				heal: (id) => p.evolink.finishTask(id, 'completed'),
				undo: restore,
			};
		},
		expect: {
			surface: 'task',
			message: /No news from the provider for 30 minutes, so polling paused/,
			action: /Use Refresh in the EvoLink view to check again/,
			taskKept: true,
			posts: 1,
			recovery: 'refresh',
		},
	},

	// ── download: the task completed; its file must arrive whole or not at all ───────────────────
	{
		id: 'body-stalled-download',
		title: 'download body stalls halfway (60 s body timeout)',
		provider: 'evolink',
		phase: 'download',
		fault: [{ route: E.media, kind: 'stallBody', times: 1 }],
		expect: {
			surface: 'result',
			message: /The download from 127\.0\.0\.1:\d+ was cut short \(got \d+ of \d+ bytes\)/,
			action: useRefresh,
			taskKept: true,
			posts: 1,
			recovery: 'refresh',
		},
	},
	{
		id: 'truncated-download',
		title: 'download connection closed before Content-Length bytes',
		provider: 'evolink',
		phase: 'download',
		fault: [{ route: E.media, kind: 'truncate', times: 1 }],
		expect: {
			surface: 'result',
			message: /The download from 127\.0\.0\.1:\d+ was cut short \(got \d+ of \d+ bytes\)/,
			action: useRefresh,
			taskKept: true,
			posts: 1,
			recovery: 'refresh',
		},
	},
	{
		id: 'expired-link',
		title: 'result link expired before the download',
		provider: 'evolink',
		phase: 'download',
		fault: ({ p }) => {
			p.evolink.setLinkTtl(0);
			return { undo: () => p.evolink.setLinkTtl(DAY_MS) };
		},
		expect: {
			surface: 'result',
			message: /The result link has expired or is gone \(HTTP 403/,
			action: /Generate it again|Regenerate it/,
			taskKept: true,
			posts: 1,
			recovery: 'none',
		},
	},
	{
		id: 'disk-full-download',
		title: 'disk full (ENOSPC) halfway through the download',
		provider: 'evolink',
		phase: 'download',
		fault: ({ storage }) => {
			const undo = diskFullForDownloads(storage);
			return { heal: undo, undo };
		},
		expect: {
			surface: 'result',
			message: /The result could not be saved to disk \(ENOSPC\)/,
			action: /Free disk space.*Refresh in the EvoLink view to download it again/,
			taskKept: true,
			posts: 1,
			recovery: 'refresh',
		},
	},
];

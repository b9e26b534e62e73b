import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPreviewView } from '../../../src/preview/previewModel';
import { describeInvalid, HostToWebviewSchema, parseHostToWebview, parsePersistedState, parseWebviewToHost, PREVIEW_ACTIONS, PREVIEW_STRINGS } from '../../../src/shared/protocol';
import { HOSTILE_PROMPT, makeTask, MP4_AAC_INFO, WAV_INFO } from './fixtures';

describe('webview → host messages', () => {
	test('accepts ready, every action and log', () => {
		assert.deepEqual(parseWebviewToHost({ type: 'ready' }), { type: 'ready' });
		for (const action of PREVIEW_ACTIONS) {
			assert.deepEqual(parseWebviewToHost({ type: 'action', action, resultIndex: 2 }), { type: 'action', action, resultIndex: 2 });
		}
		assert.deepEqual(parseWebviewToHost({ type: 'log', level: 'warn', message: 'x' }), { type: 'log', level: 'warn', message: 'x' });
	});

	test('lists exactly the eight actions the brief names', () => {
		assert.deepEqual([...PREVIEW_ACTIONS].sort(), [
			'createPersona',
			'insertReference',
			'keepVariant',
			'openExternal',
			'openWithVsCode',
			'regenerate',
			'revealFile',
			'saveToWorkspace',
		]);
	});

	test('rejects unknown types, unknown actions and malformed fields', () => {
		const bad: unknown[] = [
			null,
			'ready',
			42,
			[],
			{},
			{ type: 'hello' },
			{ type: 'show' },
			{ type: 'action', action: 'deleteEverything', resultIndex: 0 },
			{ type: 'action', action: 'revealFile' },
			{ type: 'action', action: 'revealFile', resultIndex: -1 },
			{ type: 'action', action: 'revealFile', resultIndex: 1.5 },
			{ type: 'action', action: 'revealFile', resultIndex: '0' },
			{ type: 'log', level: 'fatal', message: 'x' },
			{ type: 'log', level: 'info', message: 7 },
			{ type: 'log', level: 'info', message: 'x'.repeat(2001) },
		];
		for (const msg of bad) {
			assert.equal(parseWebviewToHost(msg), undefined, JSON.stringify(msg));
		}
	});

	test("an export carries the loop workshop's options, and bad options are refused", () => {
		const options = { format: 'ogg', normalize: 'lufs', crossfadeMs: 60, loopStart: 0, loopEnd: 1.3, trimSilence: false, loopRegionOnly: false };
		assert.deepEqual(parseWebviewToHost({ type: 'export', resultIndex: 0, options }), { type: 'export', resultIndex: 0, options });
		assert.equal(parseWebviewToHost({ type: 'export', resultIndex: 0, options: { format: 'mp3' } }), undefined);
		assert.equal(parseWebviewToHost({ type: 'export', resultIndex: 0, options: { crossfadeMs: -1 } }), undefined);
		assert.equal(parseWebviewToHost({ type: 'export', resultIndex: 0, options: { sampleRate: 1 } }), undefined);
	});

	test('drops extra keys instead of passing them through', () => {
		const parsed = parseWebviewToHost({ type: 'action', action: 'revealFile', resultIndex: 0, command: 'rm -rf /' });
		assert.deepEqual(parsed, { type: 'action', action: 'revealFile', resultIndex: 0 });
	});

	test('describes invalid messages without echoing their content', () => {
		assert.equal(describeInvalid(null), 'non-object message (null)');
		assert.equal(describeInvalid('x'), 'non-object message (string)');
		assert.equal(describeInvalid({}), 'message without a type');
		assert.equal(describeInvalid({ type: 'evil', payload: HOSTILE_PROMPT }), 'invalid "evil" message');
	});
});

describe('host → webview messages', () => {
	const view = buildPreviewView(
		makeTask({ results: [{ index: 0, url: 'u', localPath: '/s/a.wav' }, { index: 1, url: 'u', localPath: '/s/b.mp4', savedPath: '/ws/b.mp4' }] }),
		new Map([[0, { index: 0, path: '/s/a.wav', sizeBytes: 1, mtimeMs: 1, info: WAV_INFO }], [1, { index: 1, path: '/s/b.mp4', sizeBytes: 1, mtimeMs: 1, info: MP4_AAC_INFO }]]),
		{ srcFor: (f) => `https://file+.vscode-resource.vscode-cdn.net${f.path}?v=1` },
	);

	test('a view built from a task validates as `show`', () => {
		const msg = { type: 'show', view, strings: { ...PREVIEW_STRINGS }, focusIndex: 1 };
		assert.deepEqual(parseHostToWebview(msg), msg);
	});

	test('accepts state, focus, actionDone and missing', () => {
		for (const msg of [
			{ type: 'state', status: 'processing', statusLabel: 'Processing (40%)', progress: 40 },
			{ type: 'focus', resultIndex: 3 },
			{ type: 'actionDone', action: 'saveToWorkspace', resultIndex: 0, ok: false, message: 'no folder' },
			{ type: 'missing', taskId: 't', strings: {} },
		]) {
			assert.deepEqual(parseHostToWebview(msg), msg);
		}
	});

	test('rejects a show whose results are malformed', () => {
		const broken = structuredClone(view) as unknown as { results: { kind: string }[] };
		broken.results[0].kind = 'image';
		assert.equal(parseHostToWebview({ type: 'show', view: broken, strings: {} }), undefined);
		assert.equal(HostToWebviewSchema.safeParse({ type: 'show', strings: {} }).success, false);
		assert.equal(parseHostToWebview({ type: 'state', status: 'x', statusLabel: 'x', progress: -1 }), undefined);
		assert.equal(parseHostToWebview({ type: 'actionDone', action: 'nuke', resultIndex: 0, ok: true }), undefined);
	});
});

describe('persisted page state', () => {
	test('keeps a valid state and empties a foreign one', () => {
		const state = { taskId: 't1', activeIndex: 1, players: { '1': { time: 12.5, rate: 1.5, volume: 0.4, loop: true } } };
		assert.deepEqual(parsePersistedState(state), state);
		assert.deepEqual(parsePersistedState(undefined), {});
		assert.deepEqual(parsePersistedState({ taskId: 5 }), {});
		assert.deepEqual(parsePersistedState({ players: { '0': { time: -3 } } }), {});
	});
});

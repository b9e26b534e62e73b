import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatBytes, formatChannels, formatCodecs, formatCredits, formatDuration, formatParams, formatParamValue, formatSampleRate, mimeFor } from '../../../src/preview/format';
import {
	buildPreviewView,
	buildResultView,
	buildTaskView,
	defaultModelLabel,
	loopInfo,
	panelTitle,
	statusLabel,
	viewKey,
	type ResolvedFile,
} from '../../../src/preview/previewModel';
import { makeTask, MP4_AAC_INFO, OPUS_INFO, WAV_INFO } from './fixtures';

const srcFor = (f: ResolvedFile) => `webview:${f.path}?v=${f.mtimeMs}`;
const file = (index: number, p: string, info = WAV_INFO, extra: Partial<ResolvedFile> = {}): ResolvedFile => ({
	index,
	path: p,
	sizeBytes: info.sizeBytes,
	mtimeMs: 7,
	info,
	...extra,
});

describe('formatting', () => {
	test('durations: tenths under ten seconds, clock above', () => {
		assert.equal(formatDuration(0), '0:00.0');
		assert.equal(formatDuration(3.04), '0:03.0');
		assert.equal(formatDuration(9.96), '0:10.0');
		assert.equal(formatDuration(65.4), '1:05');
		assert.equal(formatDuration(600), '10:00');
		assert.equal(formatDuration(3723), '1:02:03');
		assert.equal(formatDuration(Number.NaN), '');
		assert.equal(formatDuration(-1), '');
	});

	test('sample rates, channels, sizes, credits', () => {
		assert.equal(formatSampleRate(44100), '44.1 kHz');
		assert.equal(formatSampleRate(48000), '48 kHz');
		assert.equal(formatSampleRate(22050), '22.05 kHz');
		assert.equal(formatChannels(1), 'mono');
		assert.equal(formatChannels(2), 'stereo');
		assert.equal(formatChannels(6), '6 channels');
		assert.equal(formatBytes(512), '512 B');
		assert.equal(formatBytes(12_345), '12.3 KB');
		assert.equal(formatBytes(4_500_000), '4.5 MB');
		assert.equal(formatBytes(2_000_000_000), '2 GB');
		assert.equal(formatCredits(0.1 + 0.2), '0.3');
		assert.equal(formatCredits(12), '12');
	});

	test('codecs list video first; MIME follows container and kind', () => {
		assert.equal(formatCodecs(MP4_AAC_INFO.tracks), 'H.264 + AAC');
		assert.equal(formatCodecs([{ kind: 'audio', codec: 'xyz9' }]), 'xyz9');
		assert.equal(mimeFor('mp3', 'audio'), 'audio/mpeg');
		assert.equal(mimeFor('mp4', 'video'), 'video/mp4');
		assert.equal(mimeFor('mp4', 'audio'), 'audio/mp4');
		assert.equal(mimeFor('unknown', 'audio'), undefined);
	});

	test('parameters become key/value strings; prompt, model and empties are left out', () => {
		const params = formatParams({
			prompt: 'p',
			model: 'm',
			callBackUrl: 'https://cb',
			voice: 'zh_female',
			speed: 1.2,
			instrumental: false,
			tags: ['lofi', 'chill'],
			extra: { a: 1 },
			none: null,
			blank: '',
			lyrics: 'la '.repeat(200),
		});
		assert.deepEqual(params.map((p) => p.key), ['voice', 'speed', 'instrumental', 'tags', 'extra', 'lyrics']);
		const value = (k: string) => params.find((p) => p.key === k)?.value;
		assert.equal(value('speed'), '1.2');
		assert.equal(value('instrumental'), 'false');
		assert.equal(value('tags'), 'lofi, chill');
		assert.equal(value('extra'), '{"a":1}');
		assert.equal(value('lyrics')?.length, 300);
		assert.ok(value('lyrics')?.endsWith('…'));
		assert.equal(formatParamValue('two\n\nlines'), 'two lines');
		assert.equal(formatParamValue(undefined), undefined);
	});
});

describe('task view', () => {
	test('labels, ISO times, credits and error text', () => {
		const v = buildTaskView(makeTask({ error: { message: 'Quota exceeded.', retryable: false, action: 'Top up credits.' } }));
		assert.equal(v.modelLabel, 'Seed-Audio speech');
		assert.equal(v.createdAt, '2026-01-02T03:04:05.000Z');
		assert.equal(v.finishedAt, '2026-01-02T03:05:00.000Z');
		assert.equal(v.credits, '0.3');
		assert.equal(v.error, 'Quota exceeded. Top up credits.');
		assert.deepEqual(v.params.map((p) => p.key), ['voice', 'speed']);
		const unfinished = buildTaskView(makeTask({ finishedAt: undefined, creditsReserved: undefined }));
		assert.equal(unfinished.finishedAt, undefined);
		assert.equal(unfinished.credits, undefined);
	});

	test('status labels, including words we do not know', () => {
		assert.equal(statusLabel({ status: 'processing', rawStatus: 'x', progress: 44.6 }), 'Processing (45%)');
		assert.equal(statusLabel({ status: 'processing', rawStatus: 'x', progress: 0 }), 'Processing');
		assert.equal(statusLabel({ status: 'unknown', rawStatus: 'TEXT_SUCCESS', progress: 0 }), 'Unknown status "TEXT_SUCCESS"');
		assert.equal(statusLabel({ status: 'completed', rawStatus: '', progress: 100 }, (m) => `[${m}]`), '[Completed]');
	});

	test('model labels and tab titles', () => {
		assert.equal(defaultModelLabel('suno-v5-beta'), 'Suno V5');
		assert.equal(defaultModelLabel('suno-v5.5-beta'), 'Suno V5.5');
		assert.equal(defaultModelLabel('new-model-x'), 'new-model-x');
		assert.equal(panelTitle(makeTask({ prompt: '  Hello\n there  ' }), 'id'), 'Hello there');
		assert.equal(panelTitle(makeTask({ prompt: 'x'.repeat(80) }), 'id').length, 40);
		assert.equal(panelTitle(makeTask({ prompt: '' }), 'id'), 'Seed-Audio speech 23456789');
		assert.equal(panelTitle(undefined, 'task-0000-abcdefgh'), 'Preview abcdefgh');
	});
});

describe('result views', () => {
	test('a playable WAV: src, facts, no reasons', () => {
		const task = makeTask();
		const r = buildResultView(task, task.results[0], file(0, '/store/task-abc/a.wav'), { srcFor });
		assert.equal(r.availability, 'ready');
		assert.equal(r.kind, 'audio');
		assert.equal(r.src, 'webview:/store/task-abc/a.wav?v=7');
		assert.equal(r.mime, 'audio/wav');
		assert.equal(r.playable, true);
		assert.equal(r.silent, false);
		assert.deepEqual(r.reasons, []);
		assert.deepEqual(Object.fromEntries(r.facts.map((f) => [f.key, f.value])), {
			file: 'a.wav',
			format: 'WAV',
			duration: '0:03.0',
			codecs: 'PCM',
			sampleRate: '44.1 kHz',
			channels: 'stereo',
			size: '536 KB',
		});
	});

	test('H.264 + AAC video plays silently, with the reason', () => {
		const task = makeTask({ model: 'doubao-seedance-1.0-pro-fast', results: [{ index: 0, url: 'u', localPath: '/s/v.mp4' }] });
		const r = buildResultView(task, task.results[0], file(0, '/s/v.mp4', MP4_AAC_INFO), { srcFor });
		assert.equal(r.kind, 'video');
		assert.equal(r.playable, true);
		assert.equal(r.silent, true);
		assert.match(r.reasons[0], /without sound: its AAC audio/);
		assert.equal(r.facts.find((f) => f.key === 'resolution')?.value, '1280×720');
		assert.equal(r.facts.find((f) => f.key === 'codecs')?.value, 'H.264 + AAC');
	});

	test('Opus does not play, and says to use the system player', () => {
		const task = makeTask();
		const r = buildResultView(task, task.results[0], file(0, '/s/a.ogg', OPUS_INFO), { srcFor });
		assert.equal(r.playable, false);
		assert.match(r.reasons.join(' '), /Opus does not play.*system player/);
	});

	test('an unreadable file still gets a src, with a reason', () => {
		const task = makeTask();
		const r = buildResultView(task, task.results[0], { index: 0, path: '/s/a.wav', sizeBytes: 10, mtimeMs: 1, infoError: 'EACCES' }, { srcFor });
		assert.equal(r.availability, 'ready');
		assert.equal(r.playable, false);
		assert.match(r.reasons[0], /could not be read \(EACCES\)/);
	});

	test('availability without a file: pending, downloading, missing, failed', () => {
		const pending = makeTask({ status: 'processing', results: [{ index: 0, url: 'u' }] });
		assert.equal(buildResultView(pending, pending.results[0], undefined, { srcFor }).availability, 'pending');
		const downloading = makeTask({ results: [{ index: 0, url: 'u' }] });
		assert.equal(buildResultView(downloading, downloading.results[0], undefined, { srcFor }).availability, 'downloading');
		const missing = makeTask({ results: [{ index: 0, url: 'u', localPath: '/gone.wav' }] });
		assert.equal(buildResultView(missing, missing.results[0], undefined, { srcFor }).availability, 'missing');
		const failed = makeTask({ results: [{ index: 0, url: 'u', downloadError: 'HTTP 403: link expired' }] });
		const f = buildResultView(failed, failed.results[0], undefined, { srcFor });
		assert.equal(f.availability, 'failed');
		assert.equal(f.error, 'HTTP 403: link expired');
		assert.equal(f.src, undefined);
		assert.deepEqual(f.facts, []);
	});

	test('kind falls back to the file name, then the model', () => {
		const task = makeTask({ results: [{ index: 0, url: 'https://x/clip.webm?sig=1' }] });
		assert.equal(buildResultView(task, task.results[0], undefined, { srcFor }).kind, 'video');
		const seedance = makeTask({ model: 'doubao-seedance-1.0-pro-fast', results: [{ index: 0, url: 'https://x/out' }] });
		assert.equal(buildResultView(seedance, seedance.results[0], undefined, { srcFor }).kind, 'video');
	});

	test('saved files are named through the host', () => {
		const task = makeTask({ results: [{ index: 0, url: 'u', localPath: '/s/a.wav', savedPath: '/ws/audio/a.wav' }] });
		const r = buildResultView(task, task.results[0], file(0, '/s/a.wav'), { srcFor, describeSaved: (p) => p.replace('/ws/', '') });
		assert.equal(r.saved, true);
		assert.equal(r.savedName, 'audio/a.wav');
	});
});

describe('whole view', () => {
	test('Suno music: variants, persona, titles', () => {
		const task = makeTask({
			model: 'suno-v5-beta',
			results: [
				{ index: 1, url: 'u', localPath: '/s/b.mp3', title: 'Second' },
				{ index: 0, url: 'u', localPath: '/s/a.mp3', title: 'First' },
			],
		});
		const mp3 = { ...WAV_INFO, container: 'mp3' as const, tracks: [{ kind: 'audio' as const, codec: 'mp3', sampleRate: 44100, channels: 2 }] };
		const v = buildPreviewView(task, new Map([[0, file(0, '/s/a.mp3', mp3)], [1, file(1, '/s/b.mp3', mp3)]]), { srcFor });
		assert.equal(v.isVariants, true);
		assert.equal(v.canCreatePersona, true);
		assert.equal(v.isLoop, false);
		assert.deepEqual(v.results.map((r) => [r.index, r.title]), [[0, 'First'], [1, 'Second']]);
		assert.equal(v.results[0].loop, undefined);
	});

	test('Suno Sounds loop: BPM and key, "Any" is no key', () => {
		const task = makeTask({ model: 'suno-sounds', provider: 'sounds', params: { prompt: 'x', soundLoop: true, soundTempo: 120, soundKey: 'Am' } });
		const v = buildPreviewView(task, new Map([[0, file(0, '/s/a.wav')]]), { srcFor });
		assert.equal(v.isLoop, true);
		assert.equal(v.isVariants, false);
		assert.equal(v.canCreatePersona, false);
		assert.deepEqual(v.results[0].loop, { bpm: 120, key: 'Am' });
		assert.deepEqual(loopInfo(makeTask({ model: 'suno-sounds', params: { soundKey: 'Any' } })), { isLoop: false });
		assert.deepEqual(loopInfo(makeTask({ model: 'doubao-seed-audio-1-0', params: { soundLoop: true } })), { isLoop: false });
	});

	test('localises labels through the host function', () => {
		const v = buildPreviewView(makeTask(), new Map([[0, file(0, '/s/a.wav')]]), { srcFor, t: (m) => `«${m}»` });
		assert.equal(v.results[0].facts[0].label, '«File»');
		assert.equal(v.task.statusLabel, '«Completed»');
	});
});

describe('view key', () => {
	test('progress ticks keep it; a finished download, a save or completion change it', () => {
		const running = makeTask({ status: 'processing', progress: 10, finishedAt: undefined, results: [{ index: 0, url: 'u' }] });
		const key = viewKey(running);
		assert.equal(viewKey({ ...running, progress: 60, updatedAt: running.updatedAt + 5000, rawStatus: 'RUNNING' }), key);
		assert.equal(viewKey({ ...running, status: 'pending' }), key);
		assert.notEqual(viewKey({ ...running, status: 'completed' }), key);
		assert.notEqual(viewKey({ ...running, results: [{ index: 0, url: 'u', localPath: '/s/a.wav' }] }), key);
		assert.notEqual(viewKey({ ...running, results: [{ index: 0, url: 'u', savedPath: '/ws/a.wav' }] }), key);
		assert.notEqual(viewKey({ ...running, error: { message: 'boom', retryable: true } }), key);
	});
});

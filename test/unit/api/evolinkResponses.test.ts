import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFilesFailure, parseCredits, parseErrorBody, parseUpload } from '../../../src/api/evolink/envelopes';
import { mapEvolinkStatus, parseTask } from '../../../src/api/evolink/responses';
import type { RemoteTaskState } from '../../../src/shared/domain';

function task(json: unknown): RemoteTaskState {
	const r = parseTask(json);
	assert.ok(r.ok, r.ok ? '' : r.problem);
	return r.value;
}

const base = { id: 'task-unified-1774170584-su75smg7', object: 'audio.generation.task', created: 1774170584, model: 'suno-v5-beta', type: 'audio' };

describe('parseTask: creation response', () => {
	it('reads id, status, estimate, reserved credits and can_cancel', () => {
		const t = task({
			...base,
			progress: 0,
			status: 'pending',
			task_info: { can_cancel: false, estimated_time: 15 },
			usage: { billing_rule: 'per_call', credits_reserved: 1, user_group: 'default' },
		});
		assert.deepEqual(t, {
			id: base.id,
			status: 'pending',
			rawStatus: 'pending',
			progress: 0,
			results: [],
			resultData: {},
			estimatedTimeSec: 15,
			canCancel: false,
			creditsReserved: 1,
		});
	});
	it('ignores unknown fields and tolerates wrong-typed optional ones', () => {
		const t = task({ ...base, status: 'processing', progress: '42', brand_new_field: { a: 1 }, task_info: 'weird', usage: { credits_reserved: 'lots' } });
		assert.equal(t.progress, 42);
		assert.equal(t.creditsReserved, undefined);
		assert.equal(t.estimatedTimeSec, undefined);
	});
	it('refuses answers without id or status', () => {
		assert.equal(parseTask({ status: 'pending' }).ok, false);
		assert.equal(parseTask({ id: 'x' }).ok, false);
		assert.equal(parseTask('<html>').ok, false);
		assert.equal(parseTask(undefined).ok, false);
	});
});

describe('parseTask: statuses', () => {
	it('maps every documented status, cancelled as final, and unknown words to unknown', () => {
		assert.equal(mapEvolinkStatus('pending'), 'pending');
		assert.equal(mapEvolinkStatus('processing'), 'processing');
		assert.equal(mapEvolinkStatus('completed'), 'completed');
		assert.equal(mapEvolinkStatus('failed'), 'failed');
		assert.equal(mapEvolinkStatus('cancelled'), 'cancelled');
		assert.equal(mapEvolinkStatus('CANCELED'), 'cancelled');
		const t = task({ ...base, status: 'queued_upstream', progress: 10 });
		assert.equal(t.status, 'unknown');
		assert.equal(t.rawStatus, 'queued_upstream');
	});
	it('clamps progress and sets 100 on completion', () => {
		assert.equal(task({ ...base, status: 'processing', progress: 150 }).progress, 100);
		assert.equal(task({ ...base, status: 'processing', progress: -3 }).progress, 0);
		assert.equal(task({ ...base, status: 'completed', results: [] }).progress, 100);
	});
	it('turns a failed task error into advice, with string or integer codes', () => {
		const t = task({
			...base,
			status: 'failed',
			error: { code: 'content_policy_violation', message: 'Content policy violation.\nYour request was blocked', type: 'task_error' },
		});
		assert.deepEqual(t.error, { code: 'content_policy_violation', message: 'Content policy violation.\nYour request was blocked', retryable: false, action: t.error?.action });
		assert.match(t.error?.action ?? '', /Change the content/);
		const legacy = task({ ...base, status: 'failed', error: { code: 500, message: 'boom' } });
		assert.equal(legacy.error?.code, '500');
		const bare = task({ ...base, status: 'failed' });
		assert.match(bare.error?.message ?? '', /without a reason/);
		assert.equal(task({ ...base, status: 'completed', error: null }).error, undefined);
	});
});

describe('parseTask: results and result_data shapes', () => {
	it('takes plain results[] URLs', () => {
		const t = task({ ...base, status: 'completed', results: ['https://media.evolink.ai/a.wav'] });
		assert.deepEqual(t.results, [{ index: 0, url: 'https://media.evolink.ai/a.wav' }]);
	});
	it('reads result_data as an array of Suno items merged with results[]', () => {
		const t = task({
			...base,
			status: 'completed',
			results: ['https://media.evolink.ai/1.mp3', 'https://media.evolink.ai/2.mp3'],
			result_data: [
				{
					result_id: 'r1',
					title: 'Song',
					tags: 'rock',
					duration: 120.5,
					image_url: 'https://media.evolink.ai/1.jpg',
					audio_url: 'https://media.evolink.ai/1.mp3',
					stream_audio_url: 'https://x/s',
				},
				{ result_id: 'r2', title: 'Song', duration: 118 },
			],
		});
		assert.deepEqual(t.results, [
			{ index: 0, url: 'https://media.evolink.ai/1.mp3', resultId: 'r1', title: 'Song', tags: 'rock', durationSec: 120.5, imageUrl: 'https://media.evolink.ai/1.jpg' },
			{ index: 1, url: 'https://media.evolink.ai/2.mp3', resultId: 'r2', title: 'Song', durationSec: 118 },
		]);
	});
	it('reads result_data as {songs: [...]}', () => {
		const t = task({
			...base,
			status: 'completed',
			result_data: { songs: [{ id: 's1', audio_url: 'https://m.example/1.mp3' }, { id: 's2', audio_url: 'https://m.example/2.mp3' }] },
		});
		assert.deepEqual(t.results.map((r) => [r.index, r.resultId, r.url]), [[0, 's1', 'https://m.example/1.mp3'], [1, 's2', 'https://m.example/2.mp3']]);
	});
	it('reads a single object with a designed voice, pairing the preview in results[0]', () => {
		const t = task({
			...base,
			model: 'qwen-voice-design',
			status: 'completed',
			results: ['https://m.example/preview.wav'],
			result_data: { voice: 'qwen-tts-vd-announcer-voice-20260402-a1b2' },
		});
		assert.deepEqual(t.resultData, { voice: 'qwen-tts-vd-announcer-voice-20260402-a1b2' });
		assert.deepEqual(t.results, [{ index: 0, url: 'https://m.example/preview.wav' }]);
	});
	it('reads voice_id and persona_id', () => {
		assert.deepEqual(task({ ...base, status: 'completed', result_data: { voice_id: 'qwen-tts-vd-x' } }).resultData, { voice: 'qwen-tts-vd-x' });
		const p = task({ ...base, model: 'suno-persona', status: 'completed', result_data: { persona_id: '5c57d49ef834110496fae5aa14fec441' } });
		assert.deepEqual(p.resultData, { personaId: '5c57d49ef834110496fae5aa14fec441' });
		assert.deepEqual(p.results, []);
		const nested = task({ ...base, status: 'completed', result_data: { persona_id: 'pp', songs: [{ result_id: 'a', audio_url: 'https://m.example/a.mp3' }] } });
		assert.equal(nested.resultData.personaId, 'pp');
		assert.equal(nested.results.length, 1);
	});
	it('takes video_url items and deduplicates URLs named twice', () => {
		const t = task({ ...base, type: 'video', status: 'completed', results: ['https://m.example/v.mp4'], result_data: [{ video_url: 'https://m.example/v.mp4', id: 'v1' }] });
		assert.deepEqual(t.results, [{ index: 0, url: 'https://m.example/v.mp4', resultId: 'v1' }]);
	});
	it('appends extra results[] URLs that no item claims', () => {
		const t = task({
			...base,
			status: 'completed',
			results: ['https://m.example/a.mp3', 'https://m.example/b.mp3'],
			result_data: [{ id: 'x', audio_url: 'https://m.example/a.mp3' }],
		});
		assert.deepEqual(t.results.map((r) => r.url), ['https://m.example/a.mp3', 'https://m.example/b.mp3']);
		assert.equal(t.results[1].resultId, undefined);
	});
	it('drops URLs that break the https rule and ignores junk entries', () => {
		const t = task({
			...base,
			status: 'completed',
			results: ['http://evil.example/a.mp3', 'file:///etc/passwd', 42, null, 'https://ok.example/b.mp3'],
			result_data: 'not-an-object',
		});
		assert.deepEqual(t.results, [{ index: 0, url: 'https://ok.example/b.mp3' }]);
	});
	it('keeps loopback http links (local fakes)', () => {
		const t = task({ ...base, status: 'completed', results: ['http://127.0.0.1:4000/media/a.wav'] });
		assert.equal(t.results[0].url, 'http://127.0.0.1:4000/media/a.wav');
	});
});

describe('EvoLink error envelopes', () => {
	it('reads the current string-code envelope', () => {
		assert.deepEqual(parseErrorBody({ error: { code: 'insufficient_quota', message: 'Insufficient quota. Please top up your account.', type: 'insufficient_quota' } }), {
			code: 'insufficient_quota',
			message: 'Insufficient quota. Please top up your account.',
			type: 'insufficient_quota',
		});
	});
	it('reads the legacy integer-code envelope with param and fallback_suggestion', () => {
		assert.deepEqual(
			parseErrorBody({ error: { code: 429, message: 'Rate limit exceeded', type: 'rate_limit_error', param: 'model', fallback_suggestion: 'retry after 60 seconds' } }),
			{ code: '429', message: 'Rate limit exceeded', type: 'rate_limit_error', param: 'model', fallbackSuggestion: 'retry after 60 seconds' },
		);
	});
	it('reads the files API envelope and a bare error string', () => {
		assert.deepEqual(parseErrorBody({ success: false, code: 400, msg: 'Unsupported file type' }), { code: '400', message: 'Unsupported file type' });
		assert.deepEqual(parseErrorBody({ error: 'bad gateway' }), { message: 'bad gateway' });
	});
	it('returns undefined for non-envelopes', () => {
		assert.equal(parseErrorBody(undefined), undefined);
		assert.equal(parseErrorBody({ hello: 'world' }), undefined);
		assert.equal(parseErrorBody([1, 2]), undefined);
	});
});

describe('EvoLink credits and uploads', () => {
	it('reads the documented credits answer', () => {
		const r = parseCredits({
			data: { token: { remaining_credits: 99416.4429, unlimited_credits: false, used_credits: 583.5571 }, user: { remaining_credits: 1095.3996, used_credits: 135.9048 } },
			message: '',
			success: true,
		});
		assert.deepEqual(r, { ok: true, value: { credits: 1095.3996, keyRemaining: 99416.4429, keyUnlimited: false } });
	});
	it('refuses a credits answer without the user balance', () => {
		assert.equal(parseCredits({ data: {}, success: true }).ok, false);
		assert.equal(parseCredits({ success: false, data: { user: { remaining_credits: 1 } } }).ok, false);
	});
	it('reads the upload envelope and detects failures in it', () => {
		const ok = {
			success: true,
			code: 200,
			msg: 'File uploaded successfully',
			data: {
				file_id: 'file_abc123',
				file_name: 'photo.png',
				file_url: 'https://files.evolink.ai/photos/photo.png',
				download_url: 'https://files.evolink.ai/api/v1/files/download/file_abc123',
				mime_type: 'image/png',
				expires_at: '2025-10-12T00:00:00+08:00',
			},
		};
		assert.deepEqual(parseUpload(ok), {
			ok: true,
			value: {
				fileId: 'file_abc123',
				fileUrl: 'https://files.evolink.ai/photos/photo.png',
				downloadUrl: 'https://files.evolink.ai/api/v1/files/download/file_abc123',
				mimeType: 'image/png',
				expiresAt: '2025-10-12T00:00:00+08:00',
			},
		});
		assert.equal(isFilesFailure(ok), false);
		assert.equal(isFilesFailure({ success: false, code: 400, msg: 'Only images' }), true);
		assert.equal(isFilesFailure({ success: true, code: 413, msg: 'too big' }), true);
		assert.equal(parseUpload({ success: true, code: 200, data: {} }).ok, false);
	});
});

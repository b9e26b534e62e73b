import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateSoundsRequest } from '../../../src/api/sounds/requests';
import { mapSoundsStatus, parseCreation, parseEnvelope, parseRecordInfo, parseSoundsCredits } from '../../../src/api/sounds/responses';

function fails(input: unknown, field: string, pattern?: RegExp, model = 'suno-sounds'): void {
	const r = validateSoundsRequest(model, input);
	assert.equal(r.ok, false);
	if (r.ok) {
		return;
	}
	const issue = r.issues.find((i) => i.field === field);
	assert.ok(issue, `no issue for ${field}: ${JSON.stringify(r.issues)}`);
	assert.ok(issue.message.includes(field));
	if (pattern) {
		assert.match(issue.message, pattern);
	}
}

describe('Suno Sounds requests', () => {
	it('accepts a prompt and applies defaults (camelCase wire names)', () => {
		assert.deepEqual(validateSoundsRequest('suno-sounds', { prompt: 'rain on a tin roof' }), {
			ok: true,
			value: { prompt: 'rain on a tin roof', model: 'V5', soundLoop: false, soundKey: 'Any', grabLyrics: false },
		});
	});
	it('accepts every option and a wire model passed as the model', () => {
		const r = validateSoundsRequest('V5_5', { prompt: 'drum loop', soundLoop: true, soundTempo: 120, soundKey: 'F#m', grabLyrics: true });
		assert.ok(r.ok);
		assert.equal(r.ok && r.value.model, 'V5_5');
	});
	it('names each invalid field', () => {
		fails({}, 'prompt', /required/);
		fails({ prompt: 'x'.repeat(501) }, 'prompt', /at most 500/);
		fails({ prompt: 'x', model: 'V4' }, 'model', /V5, V5_5/);
		fails({ prompt: 'x', soundTempo: 0 }, 'soundTempo', /at least 1/);
		fails({ prompt: 'x', soundTempo: 301 }, 'soundTempo', /at most 300/);
		fails({ prompt: 'x', soundTempo: 90.5 }, 'soundTempo', /whole number/);
		fails({ prompt: 'x', soundKey: 'H' }, 'soundKey', /one of/);
		fails({ prompt: 'x', soundLoop: 'yes' }, 'soundLoop', /true or false/);
		fails({ prompt: 'x', grabLyrics: 1 }, 'grabLyrics', /true or false/);
		fails({ prompt: 'x', callBackUrl: 'https://x' }, 'callBackUrl', /not a supported field/);
		fails({ prompt: 'x' }, 'model', /not a Suno Sounds model/, 'suno-v5-beta');
	});
});

describe('Suno Sounds responses', () => {
	it('parses the {code, msg, data} envelope', () => {
		assert.deepEqual(parseEnvelope({ code: 200, msg: 'success', data: { taskId: 'a1b2c3d4' } }), { code: 200, msg: 'success', data: { taskId: 'a1b2c3d4' } });
		assert.deepEqual(parseEnvelope({ code: '429', msg: 'Insufficient credits' }), { code: 429, msg: 'Insufficient credits', data: undefined });
		assert.equal(parseEnvelope({ error: 'x' }), undefined);
		assert.deepEqual(parseCreation({ taskId: 't1' }), { ok: true, value: 't1' });
		assert.equal(parseCreation({}).ok, false);
	});
	it('maps every documented status', () => {
		for (const s of ['PENDING', 'TEXT_SUCCESS', 'FIRST_SUCCESS']) {
			assert.equal(mapSoundsStatus(s), 'processing');
		}
		assert.equal(mapSoundsStatus('SUCCESS'), 'completed');
		for (const s of ['CREATE_TASK_FAILED', 'GENERATE_AUDIO_FAILED', 'CALLBACK_EXCEPTION', 'SENSITIVE_WORD_ERROR', 'SOMETHING_NEW_FAILED']) {
			assert.equal(mapSoundsStatus(s), 'failed', s);
		}
		assert.equal(mapSoundsStatus('DANCING'), 'unknown');
	});
	it('reads results from response.sunoData[]', () => {
		const r = parseRecordInfo('t1', {
			taskId: 't1',
			status: 'SUCCESS',
			type: 'GENERATE',
			errorCode: null,
			errorMessage: null,
			response: {
				taskId: 't1',
				sunoData: [
					{
						id: 'e231',
						audioUrl: 'https://cdn.example/1.mp3',
						streamAudioUrl: 'https://cdn.example/s1',
						imageUrl: 'https://cdn.example/1.jpeg',
						title: 'Rain',
						tags: 'ambient',
						duration: 30.5,
						modelName: 'chirp',
					},
					{ id: 'e232', audioUrl: '', streamAudioUrl: 'https://cdn.example/s2' },
					'junk',
				],
			},
		});
		assert.ok(r.ok);
		const v = r.ok ? r.value : undefined;
		assert.equal(v?.status, 'completed');
		assert.equal(v?.progress, 100);
		assert.deepEqual(v?.results, [
			{ index: 0, url: 'https://cdn.example/1.mp3', resultId: 'e231', title: 'Rain', tags: 'ambient', durationSec: 30.5, imageUrl: 'https://cdn.example/1.jpeg' },
			{ index: 1, url: 'https://cdn.example/s2', resultId: 'e232' },
		]);
	});
	it('does not offer stream URLs while processing', () => {
		const r = parseRecordInfo('t1', { status: 'FIRST_SUCCESS', response: { sunoData: [{ id: 'a', streamAudioUrl: 'https://cdn.example/s' }] } });
		assert.ok(r.ok && r.value.status === 'processing' && r.value.results.length === 0 && r.value.progress > 0);
	});
	it('reports failures with the provider message and keeps unknown statuses', () => {
		const failed = parseRecordInfo('t1', { status: 'SENSITIVE_WORD_ERROR', errorCode: 400, errorMessage: 'Contains banned words' });
		assert.ok(failed.ok);
		assert.deepEqual(failed.ok && failed.value.error, { message: 'Contains banned words', retryable: false, action: failed.ok ? failed.value.error?.action : '', code: '400' });
		const unknown = parseRecordInfo('t1', { status: 'WAITING_FOR_GODOT' });
		assert.ok(unknown.ok && unknown.value.status === 'unknown' && unknown.value.rawStatus === 'WAITING_FOR_GODOT');
		assert.equal(parseRecordInfo('t1', { nothing: true }).ok, false);
	});
	it('reads the credit number', () => {
		assert.deepEqual(parseSoundsCredits(100), { ok: true, value: 100 });
		assert.deepEqual(parseSoundsCredits('12.5'), { ok: true, value: 12.5 });
		assert.equal(parseSoundsCredits({ credits: 1 }).ok, false);
	});
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { partKey } from '../../../src/text/partKey';

const base = {
	model: 'doubao-seed-audio-1-0',
	voice: 'zh_female_vv_uranus_bigtts',
	params: { format: 'wav', sample_rate: 24_000, speech_rate: 1.2, extra: { pitch: 0, tags: ['calm', 'slow'] } },
	text: 'Hello there.',
};

describe('partKey', () => {
	it('is a hex SHA-256 and stable for equal input', () => {
		const key = partKey(base);
		assert.match(key, /^[0-9a-f]{64}$/);
		assert.equal(partKey(structuredClone(base)), key);
	});

	it('does not depend on key order, at any depth', () => {
		const reordered = {
			text: 'Hello there.',
			params: { extra: { tags: ['calm', 'slow'], pitch: 0 }, speech_rate: 1.2, sample_rate: 24_000, format: 'wav' },
			voice: 'zh_female_vv_uranus_bigtts',
			model: 'doubao-seed-audio-1-0',
		};
		assert.equal(partKey(reordered), partKey(base));
	});

	it('changes when the model, the voice, any parameter or the text changes', () => {
		const key = partKey(base);
		const variants = [
			{ ...base, model: 'qwen3-tts-vd' },
			{ ...base, voice: 'zh_female_other' },
			{ ...base, voice: undefined },
			{ ...base, params: { ...base.params, format: 'mp3' } },
			{ ...base, params: { ...base.params, sample_rate: 16_000 } },
			{ ...base, params: { ...base.params, speech_rate: '1.2' } },
			{ ...base, params: { ...base.params, extra: { pitch: 1, tags: ['calm', 'slow'] } } },
			{ ...base, params: { ...base.params, extra: { pitch: 0, tags: ['slow', 'calm'] } } },
			{ ...base, params: { ...base.params, seed: 7 } },
			{ ...base, params: { format: 'wav', sample_rate: 24_000, speech_rate: 1.2 } },
			{ ...base, text: 'Hello there!' },
			{ ...base, text: 'Hello there. ' },
		];
		const keys = variants.map(partKey);
		for (const [i, k] of keys.entries()) {
			assert.notEqual(k, key, `variant ${i} changes the key`);
		}
		assert.equal(new Set(keys).size, keys.length, 'every variant has its own key');
	});

	it('drops undefined values, so an absent and an undefined field are the same', () => {
		const { voice: _voice, ...noVoice } = base;
		assert.equal(partKey({ ...base, voice: undefined }), partKey(noVoice));
		assert.equal(partKey({ ...base, params: { ...base.params, style: undefined } }), partKey(base));
		assert.equal(partKey({ ...base, params: { ...base.params, extra: { ...base.params.extra, mood: undefined } } }), partKey(base));
		assert.notEqual(partKey({ ...base, params: { ...base.params, style: null } }), partKey(base), 'null is a value');
	});

	it('does not let a field move between the voice and the parameters unnoticed', () => {
		const { voice, ...rest } = base;
		assert.notEqual(partKey({ ...rest, params: { ...base.params, voice } }), partKey(base));
	});

	it('hashes the canonical JSON with SHA-256', () => {
		const input = { model: 'm', params: { b: 2, a: 1 }, text: 't' };
		const expected = createHash('sha256').update('{"model":"m","params":{"a":1,"b":2},"text":"t","v":1}').digest('hex');
		assert.equal(partKey(input), expected);
	});
});

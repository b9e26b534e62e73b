import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingFromCast, parseCast, parseScript, speakersOf, voiceOf } from '../../../src/text/script';

describe('parseScript', () => {
	it('reads NAME: line dialogue in order', () => {
		const lines = parseScript('MARA: Is the lamp lit?\nTOBIAS: Since dusk.\n\nMARA: Good. Then we wait.');
		assert.deepEqual(lines, [
			{ speaker: 'MARA', text: 'Is the lamp lit?' },
			{ speaker: 'TOBIAS', text: 'Since dusk.' },
			{ speaker: 'MARA', text: 'Good. Then we wait.' },
		]);
	});

	it('reads bold names and a heading per speaker', () => {
		assert.deepEqual(parseScript('**Mara:** Look.\n**Old Tom**: At what?'), [{ speaker: 'Mara', text: 'Look.' }, { speaker: 'Old Tom', text: 'At what?' }]);
		assert.deepEqual(parseScript('## Mara\nThe sea is calm.\nToo calm.\n\n## Tobias\nIt always is, before.'), [
			{ speaker: 'Mara', text: 'The sea is calm.' },
			{ speaker: 'Mara', text: 'Too calm.' },
			{ speaker: 'Tobias', text: 'It always is, before.' },
		]);
	});

	it('leaves prose alone: one speaker, a stray "Note:" line, a URL', () => {
		assert.equal(parseScript('The keeper climbed.\nNote: the stairs were wet.\nShe reached the top. It was late.\nThe lamp was cold.'), undefined);
		assert.equal(parseScript('MARA: Hello.\nMARA: Again.'), undefined);
		assert.equal(parseScript('See https://example.com for more.\nAnd then some prose.'), undefined);
	});

	it('lists speakers in order of appearance', () => {
		assert.deepEqual(speakersOf(parseScript('B: one\nA: two\nB: three')!), ['B', 'A']);
	});
});

describe('parseCast', () => {
	it('reads preset ids, designed voices, reference clips and objects', () => {
		assert.deepEqual(
			parseCast({
				MARA: 'ICL_uranus_en_female_charlie_tob',
				TOBIAS: 'qwen-tts-vd-tobias-01',
				NARRATOR: 'voices/narrator.wav',
				ECHO: { referenceAudio: 'https://example.com/echo.mp3' },
				OLD: { model: 'qwen3-tts-vd', voice: 'custom-old' },
			}),
			{
				MARA: { model: 'doubao-seed-audio-1-0', voice: 'ICL_uranus_en_female_charlie_tob' },
				TOBIAS: { model: 'qwen3-tts-vd', voice: 'qwen-tts-vd-tobias-01' },
				NARRATOR: { model: 'doubao-seed-audio-1-0', referenceAudio: 'voices/narrator.wav' },
				ECHO: { model: 'doubao-seed-audio-1-0', referenceAudio: 'https://example.com/echo.mp3' },
				OLD: { model: 'qwen3-tts-vd', voice: 'custom-old' },
			},
		);
	});

	it('refuses what it cannot use, naming the speaker', () => {
		assert.throws(() => parseCast([]), /must be an object/);
		assert.throws(() => parseCast({ MARA: '' }), /"MARA" has no voice/);
		assert.throws(() => parseCast({ MARA: 3 }), /"MARA"/);
	});

	it('finds voices case-insensitively and names the speakers without one', () => {
		const cast = parseCast({ mara: 'ICL_a' });
		assert.deepEqual(voiceOf(cast, 'MARA'), { model: 'doubao-seed-audio-1-0', voice: 'ICL_a' });
		assert.deepEqual(missingFromCast(parseScript('MARA: a\nTOBIAS: b\nELLA: c')!, cast), ['TOBIAS', 'ELLA']);
	});
});

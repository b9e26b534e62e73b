import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { soundRequestFromName } from '../../../src/assets/mediaStrings';

describe("soundRequestFromName: what a missing file's name asks for", () => {
	it('drops numbering, extensions and folder names', () => {
		assert.deepEqual(soundRequestFromName('assets/sfx/footstep-gravel-03.wav'), { prompt: 'footstep gravel', soundLoop: false });
		assert.deepEqual(soundRequestFromName('res://sfx/door_creak_heavy.ogg'), { prompt: 'door creak heavy', soundLoop: false });
		assert.deepEqual(soundRequestFromName('sfx_LaserShot_v2.mp3'), { prompt: 'laser shot', soundLoop: false });
	});
	it('reads loop, tempo and key, turning flats into the sharps Suno Sounds names', () => {
		assert.deepEqual(soundRequestFromName('rain-loop-120bpm-Am.ogg'), { prompt: 'rain', soundLoop: true, soundTempo: 120, soundKey: 'Am' });
		assert.deepEqual(soundRequestFromName('market-ambience-looping-Bbm.wav'), { prompt: 'market ambience', soundLoop: true, soundKey: 'A#m' });
	});
	it('keeps the stem when nothing else is left', () => {
		assert.deepEqual(soundRequestFromName('01.wav'), { prompt: '01', soundLoop: false });
	});
});

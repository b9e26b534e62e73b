/**
 * desktopPlayability's verdicts, from hand-written MediaInfo: which codecs play in desktop
 * VS Code's webviews, and the sentences shown when they do not.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { desktopPlayability } from '../../../src/preview/codecs';
import type { Container, MediaInfo, TrackInfo } from '../../../src/preview/codecs';

const a = (codec: string): TrackInfo => ({ kind: 'audio', codec, sampleRate: 48000, channels: 2 });
const v = (codec: string): TrackInfo => ({ kind: 'video', codec, width: 64, height: 48 });
const media = (container: Container, ...tracks: TrackInfo[]): MediaInfo => ({ container, tracks, durationSec: 1, sizeBytes: 1000 });

describe('desktopPlayability', () => {
	test('the audio codecs VS Code ships play', () => {
		for (const [container, codec] of [['wav', 'pcm'], ['mp3', 'mp3'], ['ogg', 'vorbis'], ['flac', 'flac'], ['ogg', 'flac']] as const) {
			assert.deepEqual(desktopPlayability(media(container, a(codec))), { playable: true, reasons: [] }, codec);
		}
	});

	test('H.264 and VP8 video play, with or without a playable audio track', () => {
		assert.deepEqual(desktopPlayability(media('mp4', v('h264'))), { playable: true, reasons: [] });
		assert.deepEqual(desktopPlayability(media('mp4', v('h264'), a('mp3'))), { playable: true, reasons: [] });
		assert.deepEqual(desktopPlayability(media('webm', v('vp8'), a('vorbis'))), { playable: true, reasons: [] });
	});

	test('H.264 with AAC plays silently', () => {
		const verdict = desktopPlayability(media('mp4', v('h264'), a('aac')));
		assert.equal(verdict.playable, true);
		assert.equal(verdict.silent, true);
		assert.deepEqual(verdict.reasons, ["The video will play without sound: its AAC audio will not play in VS Code's desktop webviews."]);
	});

	test('VP8 with Opus plays silently too', () => {
		const verdict = desktopPlayability(media('webm', v('vp8'), a('opus')));
		assert.deepEqual([verdict.playable, verdict.silent], [true, true]);
		assert.match(verdict.reasons[0], /its Opus audio will not play/);
	});

	test('Opus and AAC audio alone do not play', () => {
		assert.deepEqual(desktopPlayability(media('ogg', a('opus'))), {
			playable: false,
			reasons: ['Opus does not play in desktop VS Code webviews; open it in the system player.'],
		});
		assert.deepEqual(desktopPlayability(media('mp4', a('aac'))), {
			playable: false,
			reasons: ['AAC does not play in desktop VS Code webviews; open it in the system player.'],
		});
	});

	test('VP9, AV1 and HEVC video do not play, and unsupported audio alongside is mentioned', () => {
		assert.deepEqual(desktopPlayability(media('webm', v('vp9'), a('opus'))).reasons, [
			'VP9 video does not play in desktop VS Code webviews; open it in the system player.',
			'Its Opus audio would not play there either.',
		]);
		assert.deepEqual(desktopPlayability(media('mp4', v('av1'), a('mp3'))), {
			playable: false,
			reasons: ['AV1 video does not play in desktop VS Code webviews; open it in the system player.'],
		});
		assert.match(desktopPlayability(media('mp4', v('hevc'))).reasons[0], /^HEVC \(H\.265\) video does not play/);
	});

	test('codecs it has no name for are quoted', () => {
		assert.deepEqual(desktopPlayability(media('mp4', v('mp4v'))).reasons, [
			'Video in the "mp4v" format does not play in desktop VS Code webviews; open it in the system player.',
		]);
		assert.deepEqual(desktopPlayability(media('wav', a('0x0011'))).reasons, [
			'Audio in the "0x0011" format does not play in desktop VS Code webviews; open it in the system player.',
		]);
		assert.match(desktopPlayability(media('mp4', v('h264'), a('sowt'))).reasons[0], /its "sowt" audio will not play/);
	});

	test('the first audio track decides, as in the browser', () => {
		assert.equal(desktopPlayability(media('webm', a('vorbis'), a('opus'))).playable, true);
		assert.equal(desktopPlayability(media('webm', a('opus'), a('vorbis'))).playable, false);
	});

	test('no tracks: unknown format versus a damaged known one', () => {
		assert.deepEqual(desktopPlayability(media('unknown')), {
			playable: false,
			reasons: ["This file's format was not recognised, so it may not play in VS Code; open it in the system player."],
		});
		assert.deepEqual(desktopPlayability(media('webm')), {
			playable: false,
			reasons: ['No audio or video track could be read from this WebM file; it may be incomplete or damaged.'],
		});
	});
});

/**
 * Task snapshots and media infos the preview tests build by hand, plus a tiny PCM WAV writer
 * so file tests need no ffmpeg.
 */
import type { MediaInfo } from '../../../src/preview/codecs';
import type { TaskSnapshot } from '../../../src/shared/domain';

/** A prompt that would run script if it were ever parsed as HTML. */
export const HOSTILE_PROMPT = '</script><img src=x onerror=alert(1)>';

/** A completed task with `results` (default: one downloaded wav). */
export function makeTask(over: Partial<TaskSnapshot> = {}): TaskSnapshot {
	return {
		id: 'task-abc-123456789',
		provider: 'evolink',
		model: 'doubao-seed-audio-1-0',
		status: 'completed',
		rawStatus: 'completed',
		progress: 100,
		prompt: 'Hello there',
		params: { prompt: 'Hello there', model: 'doubao-seed-audio-1-0', voice: 'zh_female', speed: 1.2 },
		createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
		updatedAt: Date.UTC(2026, 0, 2, 3, 5, 0),
		finishedAt: Date.UTC(2026, 0, 2, 3, 5, 0),
		creditsReserved: 0.3,
		results: [{ index: 0, url: 'https://cdn.example/a.wav', localPath: '/store/task-abc/a.wav' }],
		resultData: {},
		...over,
	};
}

/** A WAV's media info. */
export const WAV_INFO: MediaInfo = {
	container: 'wav',
	tracks: [{ kind: 'audio', codec: 'pcm', sampleRate: 44100, channels: 2 }],
	durationSec: 3.04,
	sizeBytes: 536_000,
};

/** An MP4 with H.264 video and AAC audio (plays silently in desktop VS Code). */
export const MP4_AAC_INFO: MediaInfo = {
	container: 'mp4',
	tracks: [{ kind: 'video', codec: 'h264', width: 1280, height: 720 }, { kind: 'audio', codec: 'aac', sampleRate: 48000, channels: 2 }],
	durationSec: 5,
	sizeBytes: 2_400_000,
};

/** An Ogg Opus file (does not play in desktop VS Code). */
export const OPUS_INFO: MediaInfo = {
	container: 'ogg',
	tracks: [{ kind: 'audio', codec: 'opus', sampleRate: 48000, channels: 1 }],
	durationSec: 1,
	sizeBytes: 9000,
};

/** A mono 16-bit PCM WAV of `seconds` of a 440 Hz tone. */
export function wavBytes(seconds: number, sampleRate = 8000): Buffer {
	const n = Math.round(seconds * sampleRate);
	const buf = Buffer.alloc(44 + n * 2);
	buf.write('RIFF', 0, 'latin1');
	buf.writeUInt32LE(36 + n * 2, 4);
	buf.write('WAVEfmt ', 8, 'latin1');
	buf.writeUInt32LE(16, 16);
	buf.writeUInt16LE(1, 20);
	buf.writeUInt16LE(1, 22);
	buf.writeUInt32LE(sampleRate, 24);
	buf.writeUInt32LE(sampleRate * 2, 28);
	buf.writeUInt16LE(2, 32);
	buf.writeUInt16LE(16, 34);
	buf.write('data', 36, 'latin1');
	buf.writeUInt32LE(n * 2, 40);
	for (let i = 0; i < n; i++) {
		buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 16000), 44 + i * 2);
	}
	return buf;
}

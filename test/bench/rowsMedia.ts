import { benchEngineExport } from './engineExport';
import { benchJoin } from './join';
import { benchPreview } from './previewTiming';
import { row } from './results';
import { MiB, sec, type BenchSection } from './section';
import { benchStore } from './store';

/** Audio: the preview in the workbench, the engine export, and the earlier figures (store, join). */
export const mediaSections: BenchSection[] = [
	{
		id: 'preview',
		title: 'preview in the workbench: 10-minute WAV vs short',
		unit: 'ms',
		target: 'waveform < 1 s',
		run: async () => {
			const { short, long, sharedWorker } = await benchPreview();
			const notes = `${long.durationSec.toFixed(0)} s, ${(long.bytes / MiB).toFixed(0)} MB WAV vs ${short.durationSec.toFixed(1)} s, ${
				(short.bytes / 1024).toFixed(0)
			} KB; from the click on the task row${long.log ? `; the preview's log: ${long.log}` : ''}`;
			return [
				row({
					id: 'preview.duration',
					title: 'open → duration shown, 10-minute WAV',
					figure: long.durationShownMs,
					unit: 'ms',
					baseline: short.durationShownMs,
					baselineLabel: 'short WAV',
					target: '< 1000 ms',
					met: long.durationShownMs < 1000,
					notes: 'the player shows the length the host read from the file, before the element has loaded it',
				}),
				row({
					id: 'preview.metadata',
					title: 'open → loadedmetadata, 10-minute WAV',
					figure: long.metaMs,
					unit: 'ms',
					baseline: short.metaMs,
					baselineLabel: 'short WAV',
					notes,
				}),
				row({
					id: 'preview.waveform',
					title: 'open → waveform drawn, 10-minute WAV',
					figure: long.waveMs,
					unit: 'ms',
					baseline: short.waveMs,
					baselineLabel: 'short WAV',
					target: '< 1000 ms',
					met: long.waveMs < 1000,
					notes,
				}),
				row({
					id: 'preview.sharedWorker',
					title: "open → waveform drawn, short WAV, code-server's shared webview worker",
					figure: sharedWorker.waveMs,
					unit: 'ms',
					baseline: short.waveMs,
					baselineLabel: 'fresh worker',
					notes:
						'code-server serves every webview from one origin and replaces the service worker for each new one; desktop VS Code gives each webview its own origin, so the rows above clear the last worker first; reported, no target',
				}),
			];
		},
	},
	{
		id: 'export',
		title: 'engine export: 3-minute MP3 → Ogg at −16 LUFS',
		unit: 'ms',
		target: '< 50 ms',
		run: async () => {
			const e = await benchEngineExport();
			return [
				row({
					id: 'export.time',
					title: 'exportAudio (in-process), median of 3',
					figure: e.exportMs,
					unit: 'ms',
					baseline: e.ffmpegMs,
					baselineLabel: 'ffmpeg',
					notes: `input ${(e.inputBytes / MiB).toFixed(1)} MB; output ${(e.outputBytes / MiB).toFixed(1)} MB at ${e.lufsAfter ?? '?'} LUFS vs ffmpeg's ${
						(e.ffmpegOutputBytes / MiB).toFixed(1)
					} MB; ffmpeg -af loudnorm=I=-16 -ar 44100 -c:a libvorbis -q:a 6`,
				}),
				row({
					id: 'export.event-loop',
					title: 'host event loop while exportInWorker runs',
					figure: e.workerEventLoopMaxMs,
					unit: 'ms',
					baseline: e.idleEventLoopMaxMs,
					baselineLabel: 'idle',
					target: '< 50 ms',
					met: e.workerEventLoopMaxMs < 50,
					notes: `worker run ${sec(e.workerMs)}; monitorEventLoopDelay at 1 ms resolution`,
				}),
			];
		},
	},
	{
		id: 'extra',
		title: "earlier figures (store of 2,000 tasks, writer's chapter)",
		unit: 'ms',
		target: null,
		run: async () => {
			const st = await benchStore();
			const j = benchJoin();
			return [
				row({ id: 'extra.store-open', title: 'TaskStore.open, 2,000 tasks', figure: st.openMs, unit: 'ms', baseline: st.parseMs, baselineLabel: 'JSON.parse' }),
				row({
					id: 'extra.store-updates',
					title: '500 progress updates of one task',
					figure: st.updateMs,
					unit: 'ms',
					baseline: st.appendMs,
					baselineLabel: '500 appends+fsync',
				}),
				row({
					id: 'extra.join',
					title: `join of a ${j.chars}-character chapter (${j.parts} parts, ${j.audioSec.toFixed(0)} s)`,
					figure: j.joinMs,
					unit: 'ms',
					baseline: j.copyMs,
					baselineLabel: 'Buffer.concat',
					notes: `clean + split ${j.cleanSplitMs.toFixed(1)} ms`,
				}),
			];
		},
	},
];

/**
 * How a result is turned into an engine-ready file: format, sample rate, level, silence trim
 * and loop points. One schema for the three places options come from: a script's third
 * argument to `evolink.saveToWorkspace` / `evolink.keepVariant`, the preview's loop workshop,
 * and the per-kind presets in the settings (`evolink.export.presets`).
 *
 * `zod/mini` (the webview bundles this file). The activation bundle imports only types from
 * here: the host parses through dist/core.js (`loadCore()`), and `changesAudio` is in a module
 * of its own for that reason. Pure: no `vscode` and no DOM.
 */
import * as z from 'zod/mini';

/** The file formats an export can write; `original` copies the downloaded file unchanged. */
export const EXPORT_FORMATS = ['original', 'wav', 'ogg'] as const;
/** Level normalisation: none, by sample peak, or by integrated loudness (ITU-R BS.1770). */
export const NORMALIZE_MODES = ['none', 'peak', 'lufs'] as const;
/** Sample rates offered in the preview; scripts may ask for any rate from 8,000 to 96,000 Hz. */
export const EXPORT_SAMPLE_RATES = [22050, 32000, 44100, 48000] as const;

/** Defaults the issue and the engines agree on: short effects to −1 dBFS peak, music and ambience to −16 LUFS. */
export const DEFAULT_PEAK_DB = -1;
export const DEFAULT_LUFS = -16;

const seconds = z.number().check(z.minimum(0), z.maximum(24 * 3600));

export const ExportOptionsSchema = z.object({
	format: z.optional(z.enum(EXPORT_FORMATS)),
	/** Output sample rate in Hz (default: the source's). */
	sampleRate: z.optional(z.int().check(z.minimum(8000), z.maximum(96000))),
	normalize: z.optional(z.enum(NORMALIZE_MODES)),
	/** Target sample peak for `peak`, dBFS (default −1). */
	peakDb: z.optional(z.number().check(z.minimum(-60), z.maximum(0))),
	/** Target integrated loudness for `lufs`, LUFS (default −16). */
	lufs: z.optional(z.number().check(z.minimum(-60), z.maximum(-5))),
	/** Remove leading and trailing silence (below −60 dBFS). */
	trimSilence: z.optional(z.boolean()),
	/** Equal-power crossfade across the loop seam, in milliseconds (0–2000). */
	crossfadeMs: z.optional(z.number().check(z.minimum(0), z.maximum(2000))),
	/** Loop start and end in seconds of the (trimmed) source; snapped to zero crossings. Default: a loop's whole length. */
	loopStart: z.optional(seconds),
	loopEnd: z.optional(seconds),
	/** Write exactly the loop region (seam crossfaded in), for engines that read no loop metadata (Unity). */
	loopRegionOnly: z.optional(z.boolean()),
	/** Where to write: a path relative to the first workspace folder (or absolute inside it). Never overwrites. */
	path: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
});

/** Options for one export; every field optional. */
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

/** Parses options from a script or the webview; throws an Error naming the first bad field. */
export function parseExportOptions(value: unknown): ExportOptions {
	if (value === undefined || value === null) { return {}; }
	const r = ExportOptionsSchema.safeParse(value);
	if (r.success) { return r.data; }
	const issue = r.error.issues[0];
	const field = issue?.path.join('.') || 'options';
	throw new Error(
		`Export option "${field}" is not valid: ${issue?.message ?? 'unknown problem'}. Formats: ${EXPORT_FORMATS.join(', ')}; normalize: ${
			NORMALIZE_MODES.join(', ')
		}; sample rates: 8000–96000 Hz.`,
	);
}

/** What an export did, recorded in the sidecar. */
export interface ExportRecord {
	format: 'wav' | 'ogg';
	sampleRate: number;
	channels: number;
	durationSec: number;
	source: { format: string; sampleRate: number; durationSec: number };
	trimmed?: { startSec: number; endSec: number };
	resampledFrom?: number;
	normalize?: { mode: 'peak' | 'lufs'; target: number; gainDb: number; before: number; after: number; limitedBy?: 'ceiling' };
	loop?: {
		/** Sample frames in the written file; end exclusive. */
		start: number;
		end: number;
		crossfadeMs: number;
		/** Where the loop points were written: WAV `smpl` chunk, Ogg LOOPSTART/LOOPLENGTH comments, or the file is the loop. */
		writtenAs: 'smpl' | 'vorbis-comments' | 'region';
	};
}

/**
 * Whether export options ask for any change to the audio. Apart from `exportOptions.ts` (the
 * schema, with zod) so that saving a result can decide this without zod in the activation bundle.
 * Pure: no `vscode` and no DOM.
 */
import type { ExportOptions } from './exportOptions';

/** True when the options ask for any change to the audio (else the file can be copied as it is). */
export function changesAudio(o: ExportOptions): boolean {
	return (o.format !== undefined && o.format !== 'original') || o.sampleRate !== undefined || (o.normalize !== undefined && o.normalize !== 'none')
		|| o.trimSilence === true || (o.crossfadeMs ?? 0) > 0 || o.loopStart !== undefined || o.loopEnd !== undefined || o.loopRegionOnly === true;
}

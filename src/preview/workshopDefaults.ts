/**
 * Where the preview's loop workshop starts: loops and music get it, with the kind's export
 * preset from the settings over Ogg at −16 LUFS.
 */
import { presetKindOf } from '../catalog';
import { exportPreset } from '../config';
import type { TaskSnapshot } from '../shared/domain';
import { DEFAULT_LUFS, type ExportOptions } from '../shared/exportOptions';

/** The workshop's starting options for `task`, or undefined when it gets no workshop. */
export function workshopDefaults(task: TaskSnapshot): ExportOptions | undefined {
	const kind = presetKindOf(task.model, task.params);
	if (kind !== 'loop' && kind !== 'music') { return undefined; }
	return { format: 'ogg', normalize: 'lufs', lufs: DEFAULT_LUFS, crossfadeMs: 0, ...exportPreset(kind) };
}

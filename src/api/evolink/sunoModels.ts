/**
 * The Suno music model ids EvoLink accepts, as plain data: the catalog reads them at activation,
 * which must not load zod (see `limits.ts`), and `sunoSchemas.ts` validates against them. This is
 * the one place they are named. Pure: no `vscode` import, no zod.
 */

export const SUNO_MUSIC_MODELS = [
	'suno-v5.5-beta',
	'suno-v5-beta',
	'suno-v4.5plus-beta',
	'suno-v4.5all-beta',
	'suno-v4.5-beta',
	'suno-v4-beta',
] as const;
export type SunoMusicModel = typeof SUNO_MUSIC_MODELS[number];

/** Old names the gateway still maps to the `-beta` names. */
export const SUNO_MODEL_ALIASES: Readonly<Record<string, SunoMusicModel>> = {
	'suno-v5.5': 'suno-v5.5-beta',
	'suno-v5': 'suno-v5-beta',
	'suno-v4.5plus': 'suno-v4.5plus-beta',
	'suno-v4.5all': 'suno-v4.5all-beta',
	'suno-v4.5': 'suno-v4.5-beta',
	'suno-v4': 'suno-v4-beta',
};

/** Personas only work with the V5 family. */
export const SUNO_V5_FAMILY: readonly SunoMusicModel[] = ['suno-v5.5-beta', 'suno-v5-beta'];

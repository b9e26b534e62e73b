/**
 * The documented text limits of the speech models, as plain numbers: the catalog reads them at
 * activation, which must not load zod (the schemas in `audioSchemas.ts` use them too).
 * Pure: no `vscode` import.
 */

/** doubao-seed-audio-1-0: characters per request. */
export const SEED_AUDIO_MAX_PROMPT = 1500;
/** qwen3-tts-vd: characters per request. */
export const QWEN_TTS_MAX_PROMPT = 600;

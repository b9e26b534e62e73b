/**
 * Seed-Audio's 288 preset voices, shipped with the extension (seedAudioVoices.json, about 36 KB).
 * Reached through dist/core.js (`loadCore()`), so the list loads when the voice picker opens,
 * not at activation. Pure: no `vscode`.
 */
import voices from './seedAudioVoices.json';

/** One preset voice: its id (what the request sends) and what the picker shows and searches. */
export interface PresetVoice {
	id: string;
	name: string;
	language: string;
	gender: string;
	scenario: string;
	description?: string;
}

/** Every preset voice, in the order the picker lists them. */
export const SEED_AUDIO_VOICES: readonly PresetVoice[] = voices;

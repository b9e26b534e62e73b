/**
 * Cache keys for generated speech parts: equal requests get equal keys whatever the order of their
 * parameters, and any change to the model, voice, a parameter or the text gives a new key.
 * Pure: no `vscode` import.
 */

import { createHash } from 'node:crypto';

/** Bumped when the canonical form changes, so old cache entries stop matching. */
const KEY_VERSION = 1;

/**
 * Hex SHA-256 of a canonical JSON of `input`: object keys sorted at every depth and `undefined`
 * values dropped (inside arrays they become `null`, as in JSON, so positions are kept).
 */
export function partKey(input: { model: string; voice?: string; params: Record<string, unknown>; text: string }): string {
	const json = canonicalJson({ v: KEY_VERSION, model: input.model, voice: input.voice, params: input.params, text: input.text });
	return createHash('sha256').update(json, 'utf8').digest('hex');
}

/** JSON.stringify with the keys of every plain object sorted. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v === null || typeof v !== 'object' || Array.isArray(v)) {
			return v;
		}
		const sorted: Record<string, unknown> = {};
		for (const k of Object.keys(v).sort()) {
			sorted[k] = (v as Record<string, unknown>)[k];
		}
		return sorted;
	});
}

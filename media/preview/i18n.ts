import { PREVIEW_STRINGS, type PreviewStringKey } from '../../src/shared/protocol';

/** The host's translations; English until the first `show` arrives. */
let strings: Record<string, string> = {};

/** Installs the strings the host sent. */
export function setStrings(next: Record<string, string>): void {
	strings = next;
}

/** A UI string with `{0}`-style arguments filled in. */
export function t(key: PreviewStringKey, ...args: (string | number)[]): string {
	const template = strings[key] ?? PREVIEW_STRINGS[key];
	return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

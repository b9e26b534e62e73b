/**
 * The one place secrets are masked. Every error message and log line the provider clients
 * produce goes through `redact`, so an API key echoed back by a server (or pasted into a prompt)
 * never reaches the log, a notification or the task store.
 * Pure: no `vscode` import.
 */
import type { Log } from '../util/log';

const MASK = '***';

/** Secrets shorter than this are not masked literally: masking "a" would shred every message. */
const MIN_SECRET_LENGTH = 6;

/** `Authorization: Bearer xxx`, `bearer xxx` in any casing. */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Key-looking tokens: `sk-…` (EvoLink uses `sk-evo-…`); at least 8 characters after the prefix. */
const SK_TOKEN = /\bsk-[A-Za-z0-9_-]{8,}/g;
/** `"api_key": "…"`, `x-api-key=…`, `authorization: …` written as key/value text. */
const KEY_VALUE = /\b((?:x-)?api[-_]?key|authorization|access[-_]?token|secret)(["']?\s*[:=]\s*["']?)(?!Bearer\b)[^\s"',;&}]+/gi;
/** Query parameters that commonly carry credentials or signatures in result links. */
const QUERY_SECRET = /([?&](?:[^=&\s]*?(?:token|signature|sig|key|credential|auth)[^=&\s]*)=)[^&\s"'#]+/gi;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret can take in text: itself, URL-encoded, base64 (e.g. inside a Basic header). */
function secretForms(secret: string): string[] {
	const forms = new Set<string>([secret, encodeURIComponent(secret)]);
	const b64 = Buffer.from(secret, 'utf8').toString('base64');
	forms.add(b64);
	forms.add(b64.replace(/=+$/, ''));
	return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** Masks the given secrets (and their encodings), bearer tokens, `sk-…` keys and credential query parameters. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	// Literal secrets first and longest first, so a key that contains another key is masked whole.
	const forms = secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
		.flatMap(secretForms)
		.sort((a, b) => b.length - a.length);
	for (const form of forms) {
		out = out.replace(new RegExp(escapeRegExp(form), 'g'), MASK);
	}
	return out
		.replace(BEARER, `$1 ${MASK}`)
		.replace(SK_TOKEN, `sk-${MASK}`)
		.replace(KEY_VALUE, `$1$2${MASK}`)
		.replace(QUERY_SECRET, `$1${MASK}`);
}

/** Redacts any value that is about to be logged: strings, errors (message and stack) and JSON-able objects. */
function redactValue(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') {
		return redact(value, secrets);
	}
	if (value instanceof Error) {
		const copy = new Error(redact(value.message, secrets));
		copy.name = value.name;
		copy.stack = value.stack === undefined ? undefined : redact(value.stack, secrets);
		return copy;
	}
	if (value === null || typeof value !== 'object') {
		return value;
	}
	try {
		return redact(JSON.stringify(value), secrets);
	} catch {
		return '[unserialisable value]';
	}
}

/** Wraps a Log so every line and argument is redacted with the secrets known at the time of the call. */
export function redactingLog(log: Log, getSecrets: () => readonly string[]): Log {
	const args = (rest: unknown[]): unknown[] => rest.map((a) => redactValue(a, getSecrets()));
	return {
		trace: (message, ...rest) => log.trace(redact(message, getSecrets()), ...args(rest)),
		debug: (message, ...rest) => log.debug(redact(message, getSecrets()), ...args(rest)),
		info: (message, ...rest) => log.info(redact(message, getSecrets()), ...args(rest)),
		warn: (message, ...rest) => log.warn(redact(message, getSecrets()), ...args(rest)),
		error: (message, ...rest) =>
			log.error(
				typeof message === 'string' ? redact(message, getSecrets()) : (redactValue(message, getSecrets()) as Error),
				...args(rest),
			),
	};
}

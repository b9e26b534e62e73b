/**
 * Turns zod issues into field-named, user-readable problems, and shared field builders for the
 * request schemas. Every message names the field ("prompt must be at most 1500 characters (got
 * 1720)"), because the UI shows it next to the form and in notifications.
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import type { FieldIssue } from './errors';
import { urlProblem } from './urls';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** The result of reading a provider answer: the value, or why it could not be read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let cur: unknown = input;
	for (const key of path) {
		if (cur === null || typeof cur !== 'object') {
			return undefined;
		}
		cur = (cur as Record<PropertyKey, unknown>)[key];
	}
	return cur;
}

function describeType(expected: string): string {
	switch (expected) {
		case 'int':
			return 'a whole number';
		case 'number':
			return 'a number';
		case 'string':
			return 'text';
		case 'boolean':
			return 'true or false';
		case 'array':
			return 'a list';
		case 'object':
			return 'an object';
		default:
			return expected;
	}
}

function fieldName(path: readonly PropertyKey[]): string {
	return path.map(String).join('.');
}

/** Maps one zod issue to field issues (unrecognised keys give one issue per key). */
function mapIssue(issue: z.core.$ZodIssue, input: unknown): FieldIssue[] {
	const field = fieldName(issue.path);
	const name = field === '' ? 'request' : field;
	switch (issue.code) {
		case 'unrecognized_keys':
			return issue.keys.map((key) => {
				const f = field === '' ? key : `${field}.${key}`;
				return { field: f, message: `${f} is not a supported field` };
			});
		case 'invalid_type': {
			const value = valueAt(input, issue.path);
			return [{ field, message: value === undefined ? `${name} is required` : `${name} must be ${describeType(issue.expected)}` }];
		}
		case 'too_big':
		case 'too_small': {
			const value = valueAt(input, issue.path);
			const word = issue.code === 'too_big' ? 'at most' : 'at least';
			const limit = issue.code === 'too_big' ? issue.maximum : issue.minimum;
			if (issue.origin === 'string') {
				if (issue.code === 'too_small' && Number(limit) <= 1) {
					return [{ field, message: `${name} must not be empty` }];
				}
				const got = typeof value === 'string' ? ` (got ${value.length})` : '';
				return [{ field, message: `${name} must be ${word} ${limit} characters${got}` }];
			}
			if (issue.origin === 'array') {
				const got = Array.isArray(value) ? ` (got ${value.length})` : '';
				return [{ field, message: `${name} must have ${word} ${limit} item${Number(limit) === 1 ? '' : 's'}${got}` }];
			}
			return [{ field, message: `${name} must be ${word} ${limit}${typeof value === 'number' ? ` (got ${value})` : ''}` }];
		}
		case 'invalid_value':
			return [{ field, message: `${name} must be one of: ${issue.values.map(String).join(', ')}` }];
		default:
			// Custom and format issues carry messages written in the schemas, either as a predicate
			// ("must be …", completed with the field name here) or as a sentence that names the field.
			if (/^(must|cannot|needs|is) /.test(issue.message)) {
				return [{ field, message: `${name} ${issue.message}` }];
			}
			const leaf = String(issue.path.at(-1) ?? '');
			const named = issue.message.includes(name) || (leaf !== '' && !/^\d+$/.test(leaf) && issue.message.includes(leaf));
			return [{ field, message: named ? issue.message : `${name}: ${issue.message}` }];
	}
}

/** Runs `schema.safeParse` and returns field-named issues on failure. */
export function runSchema<T>(schema: z.ZodType<T>, input: unknown): ValidationResult<T> {
	const parsed = schema.safeParse(input);
	if (parsed.success) {
		return { ok: true, value: parsed.data };
	}
	return { ok: false, issues: parsed.error.issues.flatMap((i) => mapIssue(i, input)) };
}

/** One line for notifications: "prompt must …; duration must …". */
export function formatIssues(issues: readonly FieldIssue[]): string {
	return issues.map((i) => i.message).join('; ');
}

/** Required text: not blank, at most `max` characters. */
export function requiredText(max: number): z.ZodString {
	return z.string().min(1).max(max).refine((s) => s.trim().length > 0, { message: 'must not be blank' });
}

/** An http(s) URL that a provider fetches itself (reference audio, images). */
export function fetchableUrl(): z.ZodString {
	return z.string().max(2048).refine((s) => {
		try {
			const u = new URL(s);
			return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
		} catch {
			return false;
		}
	}, { message: 'must be a public http(s) URL' });
}

/** The providers POST results to `callback_url`: HTTPS, no private or loopback host, ≤ 2048 (api-reference §8). */
export function callbackUrl(): z.ZodString {
	return z.string().max(2048).refine((s) => {
		try {
			const u = new URL(s);
			return u.protocol === 'https:' && urlProblem(s) === undefined && !/^(localhost|127\.|\[::1\])/.test(u.hostname);
		} catch {
			return false;
		}
	}, { message: 'must be a public https:// URL (no private or loopback hosts)' });
}

/** A number in [min, max] that moves in steps of 0.01, as the docs specify for rates and weights. */
export function hundredths(min: number, max: number): z.ZodNumber {
	return z.number().min(min).max(max).refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
		message: 'must have at most two decimals',
	});
}

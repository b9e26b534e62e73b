/**
 * The single error type the provider clients throw. Everything above the clients (task store,
 * scheduler, notifications) reads `kind`, `retryable` and `action` instead of parsing messages.
 * Pure: no `vscode` import.
 */
import type { ProviderId, TaskErrorInfo } from '../shared/domain';
import { redact } from './redact';
import { describeWait } from './httpRetry';

/** A `Retry-After` longer than this is named in the error's advice. */
const LONG_WAIT_MS = 60_000;

/**
 * - `http`: the provider answered with an error status or error envelope.
 * - `network`: the request could not be made (refused, DNS, TLS, reset while reading a GET).
 * - `timeout`: connect/headers/body timeout.
 * - `cancelled`: the caller aborted before anything could have been charged.
 * - `outcome-unknown`: a task-creating POST may have reached the server; do not blindly retry.
 * - `invalid-response`: the provider's answer did not have the documented shape.
 * - `validation`: we refused locally (bad parameters, missing key, disallowed URL); nothing was sent.
 */
type ProviderErrorKind =
	| 'http'
	| 'network'
	| 'timeout'
	| 'cancelled'
	| 'outcome-unknown'
	| 'invalid-response'
	| 'validation';

/** A field-level problem found by local validation. */
export interface FieldIssue {
	/** Dotted path of the field, e.g. `model_params.vocal_end`; empty for the whole request. */
	field: string;
	message: string;
}

interface ProviderErrorInit {
	provider: ProviderId;
	kind: ProviderErrorKind;
	message: string;
	retryable: boolean;
	action: string;
	httpStatus?: number;
	/** Business code; legacy integer codes are turned into strings. */
	code?: string | number;
	retryAfterMs?: number;
	issues?: readonly FieldIssue[];
	cause?: unknown;
}

/** A typed, user-presentable failure from a provider client; `message` is always redacted. */
export class ProviderError extends Error {
	readonly provider: ProviderId;
	readonly kind: ProviderErrorKind;
	readonly httpStatus?: number;
	readonly code?: string;
	readonly retryable: boolean;
	readonly action: string;
	readonly retryAfterMs?: number;
	readonly issues?: readonly FieldIssue[];

	constructor(init: ProviderErrorInit) {
		// Pattern-based redaction always runs here as a last line of defence; callers also pass
		// the literal key through `redact` before building the message.
		super(redact(init.message, []), init.cause === undefined ? undefined : { cause: init.cause });
		this.name = 'ProviderError';
		this.provider = init.provider;
		this.kind = init.kind;
		this.httpStatus = init.httpStatus;
		this.code = init.code === undefined ? undefined : String(init.code);
		this.retryable = init.retryable;
		const wait = init.retryAfterMs !== undefined && init.retryAfterMs > LONG_WAIT_MS
			? ` The provider asks to wait ${describeWait(init.retryAfterMs)} (until ${
				new Date(Date.now() + init.retryAfterMs).toISOString().slice(11, 16)
			} UTC) before the next try.`
			: '';
		this.action = redact(init.action, []) + wait;
		this.retryAfterMs = init.retryAfterMs;
		this.issues = init.issues;
	}

	/** The plain, serialisable form the task store keeps. */
	toInfo(): TaskErrorInfo {
		const info: TaskErrorInfo = { message: this.message, retryable: this.retryable, action: this.action };
		if (this.code !== undefined) {
			info.code = this.code;
		}
		if (this.httpStatus !== undefined) {
			info.httpStatus = this.httpStatus;
		}
		return info;
	}
}

/** Type guard that also works across bundles (checks the name, not only the prototype). */
export function isProviderError(value: unknown): value is ProviderError {
	return value instanceof ProviderError
		|| (value instanceof Error && value.name === 'ProviderError' && 'kind' in value && 'provider' in value);
}

/** Builds a `cancelled` error for an abort that happened before anything was sent or charged. */
export function cancelledError(provider: ProviderId, what: string): ProviderError {
	return new ProviderError({
		provider,
		kind: 'cancelled',
		message: `${what} was cancelled.`,
		retryable: true,
		action: 'Start it again when you are ready.',
	});
}

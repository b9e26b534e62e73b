/**
 * What each provider failure means for the user: can trying again help, and what to do next.
 * EvoLink: HTTP statuses and business codes (api-reference §3.6, §5.1–§5.3) and task failure
 * codes (§5.4). Suno Sounds: body `code` values (§7), where 429 means "no credits", not "slow down".
 * Pure: no `vscode` import.
 */

/** Command titles the actions point at; the extension registers commands with these titles. */
export const EVOLINK_SET_KEY_COMMAND = 'EvoLink: Set API Key';
export const SOUNDS_SET_KEY_COMMAND = "EvoLink: Set API Key' and pick 'Suno Sounds";

const EVOLINK_TOP_UP = 'Top up your EvoLink balance at https://evolink.ai/dashboard, then try again.';
const EVOLINK_BAD_KEY = `Set a valid key with '${EVOLINK_SET_KEY_COMMAND}' (keys: https://evolink.ai/dashboard/keys).`;
const EVOLINK_KEY_LIMIT = "Raise this key's credit limit at https://evolink.ai/dashboard/keys, or set another key.";
const EVOLINK_MODEL_ACCESS = 'Allow this model for your key at https://evolink.ai/dashboard/keys, or set a key that has it.';
const FIX_PARAMS = 'Check the parameters named in the message and try again.';
const SLOW_DOWN = 'Wait a few seconds and try again; if it keeps happening, contact support@evolink.ai.';
const LATER = 'Try again in a few minutes.';

/** Whether a retry could help, and the next step in one sentence. */
export interface ErrorAdvice {
	retryable: boolean;
	action: string;
}

const EVOLINK_CODES: Record<string, ErrorAdvice> = {
	// Key and balance rejections (the CLI notes these always come as HTTP 402).
	insufficient_quota: { retryable: false, action: EVOLINK_TOP_UP },
	insufficient_user_quota: { retryable: false, action: EVOLINK_TOP_UP },
	quota_not_enough: { retryable: false, action: EVOLINK_TOP_UP },
	account_balance_insufficient: { retryable: false, action: EVOLINK_TOP_UP },
	insufficient_token_quota: { retryable: false, action: EVOLINK_KEY_LIMIT },
	key_quota_exhausted: { retryable: false, action: EVOLINK_KEY_LIMIT },
	token_daily_quota_exceeded: { retryable: false, action: "This key's daily limit is used up; try again tomorrow or raise it at https://evolink.ai/dashboard/keys." },
	key_daily_quota_exhausted: { retryable: false, action: "This key's daily limit is used up; try again tomorrow or raise it at https://evolink.ai/dashboard/keys." },
	key_disabled: { retryable: false, action: EVOLINK_BAD_KEY },
	key_expired: { retryable: false, action: EVOLINK_BAD_KEY },
	unauthorized: { retryable: false, action: EVOLINK_BAD_KEY },
	key_model_not_allowed: { retryable: false, action: EVOLINK_MODEL_ACCESS },
	model_access_denied: { retryable: false, action: EVOLINK_MODEL_ACCESS },
	permission_denied: { retryable: false, action: 'This task belongs to another account or key; use the key that created it.' },
	invalid_request: { retryable: false, action: FIX_PARAMS },
	invalid_parameter: { retryable: false, action: FIX_PARAMS },
	missing_text: { retryable: false, action: 'Enter the text to generate and try again.' },
	invalid_task_id: { retryable: false, action: "Check the task id; EvoLink ids start with 'task-unified-'." },
	task_not_found: { retryable: false, action: 'The task is unknown or has expired; remove it from the list or generate again.' },
	rate_limit_exceeded: { retryable: true, action: SLOW_DOWN },
	idempotency_conflict: { retryable: false, action: 'A request with the same key is still running; wait for it to finish.' },
	no_available_channel: { retryable: true, action: `The model has no capacity right now. ${LATER}` },
	model_unavailable: { retryable: true, action: `The model is unavailable right now. ${LATER}` },
	service_unavailable: { retryable: true, action: `EvoLink is unavailable right now. ${LATER}` },
	internal_error: { retryable: true, action: LATER },
};

/** Advice for an EvoLink error response: the business code wins, then the HTTP status. */
export function evolinkHttpAdvice(status: number, code?: string): ErrorAdvice {
	if (code !== undefined && EVOLINK_CODES[code]) {
		return EVOLINK_CODES[code];
	}
	switch (status) {
		case 400:
		case 422:
			return { retryable: false, action: FIX_PARAMS };
		case 401:
			return { retryable: false, action: EVOLINK_BAD_KEY };
		case 402:
			return { retryable: false, action: EVOLINK_TOP_UP };
		case 403:
			return { retryable: false, action: EVOLINK_MODEL_ACCESS };
		case 404:
			return { retryable: false, action: 'Check the EvoLink API base URL setting, or the task id.' };
		case 408:
			return { retryable: true, action: LATER };
		case 413:
			return { retryable: false, action: 'Shorten the prompt or use a smaller file.' };
		case 429:
			return { retryable: true, action: SLOW_DOWN };
	}
	if (status >= 500) {
		return { retryable: true, action: LATER };
	}
	return { retryable: false, action: 'Check the EvoLink log (EvoLink: Show Log) for details.' };
}

const EVOLINK_TASK_CODES: Record<string, ErrorAdvice> = {
	content_policy_violation: { retryable: false, action: 'Change the content: avoid real people, celebrities, brands, NSFW, violence and minors.' },
	invalid_parameters: { retryable: false, action: 'Fix the parameters (prompt length, size, format or duration) and try again.' },
	image_processing_error: { retryable: false, action: 'Use a different image: a directly reachable JPEG, PNG or WebP.' },
	image_dimension_mismatch: { retryable: false, action: 'Resize the image to match the chosen aspect ratio, or pick another ratio.' },
	request_cancelled: { retryable: true, action: 'The task was cancelled or interrupted; submit it again.' },
	generation_failed_no_content: { retryable: true, action: 'The model produced nothing; change the prompt and try again.' },
	service_error: { retryable: true, action: 'Try again in 30–60 seconds.' },
	generation_timeout: { retryable: true, action: 'Try again later, or simplify the request.' },
	resource_exhausted: { retryable: true, action: 'The model is at capacity; wait 1–5 minutes and try again.' },
	quota_exceeded: { retryable: true, action: 'Slow down (1–2 s between requests), or top up at https://evolink.ai/dashboard.' },
	service_unavailable: { retryable: true, action: LATER },
	model_unavailable: { retryable: true, action: LATER },
	upstream_error: { retryable: true, action: LATER },
	resource_not_found: { retryable: false, action: 'The task id is invalid or has expired; generate again.' },
	unknown_error: { retryable: false, action: 'Contact support@evolink.ai with the task id.' },
};

/** Advice for a failed EvoLink task, from `error.code` (§5.4); unknown codes count as retryable. */
export function evolinkTaskAdvice(code: string | undefined): ErrorAdvice {
	if (code !== undefined && EVOLINK_TASK_CODES[code]) {
		return EVOLINK_TASK_CODES[code];
	}
	if (code !== undefined && code.startsWith('channel_')) {
		// Upstream account problems surface as channel_* codes (CLI notes); they are transient.
		return { retryable: true, action: LATER };
	}
	return { retryable: true, action: 'Try again; if it fails again, contact support@evolink.ai with the task id.' };
}

/** What a Suno Sounds body code means (§7), with a readable summary for codes that carry no message. */
interface SoundsAdvice extends ErrorAdvice {
	summary: string;
}

const SOUNDS_BAD_KEY = `Set a valid sunoapi.org key with '${SOUNDS_SET_KEY_COMMAND}'.`;

const SOUNDS_CODES: Record<number, SoundsAdvice> = {
	400: { summary: 'Invalid parameters', retryable: false, action: FIX_PARAMS },
	401: { summary: 'Unauthorized', retryable: false, action: SOUNDS_BAD_KEY },
	404: { summary: 'Invalid method or path', retryable: false, action: 'Check the Suno Sounds API base URL setting.' },
	405: { summary: 'Rate limit exceeded', retryable: true, action: 'Slow down and try again in a minute.' },
	413: { summary: 'Prompt too long', retryable: false, action: 'Shorten the prompt to 500 characters or fewer.' },
	// 429 is NOT rate limiting on sunoapi.org: it means the account has no credits left.
	429: { summary: 'Insufficient credits', retryable: false, action: 'Top up your sunoapi.org credits at https://sunoapi.org, then try again.' },
	430: { summary: 'Call frequency too high', retryable: true, action: 'Slow down and try again in a minute.' },
	455: { summary: 'System maintenance', retryable: true, action: 'sunoapi.org is under maintenance; try again later.' },
	500: { summary: 'Server error', retryable: true, action: LATER },
};

/** Advice for a Suno Sounds body code (or HTTP status when the body has none). */
export function soundsCodeAdvice(code: number): SoundsAdvice {
	const known = SOUNDS_CODES[code];
	if (known) {
		return known;
	}
	if (code >= 500) {
		return { summary: `Server error ${code}`, retryable: true, action: LATER };
	}
	return { summary: `Error ${code}`, retryable: false, action: 'Check the EvoLink log (EvoLink: Show Log) for details.' };
}

/** Advice for a failed Suno Sounds task, from its record-info status word. */
export function soundsTaskAdvice(rawStatus: string): ErrorAdvice {
	switch (rawStatus) {
		case 'SENSITIVE_WORD_ERROR':
			return { retryable: false, action: 'The prompt was filtered for sensitive words; change it and try again.' };
		case 'CREATE_TASK_FAILED':
		case 'GENERATE_AUDIO_FAILED':
		case 'CALLBACK_EXCEPTION':
		default:
			return { retryable: true, action: 'Try again; if it keeps failing, change the prompt.' };
	}
}

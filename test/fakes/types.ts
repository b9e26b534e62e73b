/**
 * Public types of the provider fakes. Re-exported by `index.ts`; other test suites code against these.
 */

/** One injected fault. `route` is 'METHOD /path' (no query), '*' for every route, or a prefix ending in '*'. */
export interface FaultSpec {
	route: string;
	/** Only requests whose raw query string contains this (e.g. `taskId=<id>`: one task's polls). */
	query?: string;
	/** How many matching requests the fault hits; omitted means every matching request until `clearFaults()`. */
	times?: number;
	kind: 'delay' | 'stallHeaders' | 'stallBody' | 'reset' | 'resetAfterBody' | 'status' | 'malformedJson' | 'truncate' | 'statusWord';
	/** `delay`: how long to wait before answering normally. */
	ms?: number;
	/** `status`: the HTTP status (EvoLink, files API, media) or the body `code` (Suno Sounds). */
	status?: number;
	/** `status`: adds a `Retry-After` header: seconds, or a string sent as is (an HTTP-date). */
	retryAfter?: number | string;
	/** `status` on EvoLink: `legacy` sends integer `code` plus `param`/`fallback_suggestion` (§5.2). */
	envelope?: 'current' | 'legacy';
	/** `status`: replaces the documented error message (e.g. one that echoes the caller's key back). */
	message?: string;
	/** `statusWord`: the task status word answered instead of the real one (default 'under_review'). */
	word?: string;
}

/** A request as the fake saw it, recorded before any fault is applied. */
export interface Receipt {
	method: string;
	path: string;
	/** Raw query string without the leading '?'. */
	query: string;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, text, a multipart summary, or undefined when no body was read. */
	body: unknown;
	/** ms since epoch. */
	at: number;
}

/** Options shared by both fakes. */
export interface FakeOptions {
	apiKey?: string;
	/** Time a task takes from creation to its final state (default 1500 ms). */
	taskDurationMs?: number;
	/** Lifetime of result links after task completion (EvoLink 24 h, Sounds 72 h). */
	linkTtlMs?: number;
	/** Prompts matching this fail with a content-policy error (default /\[\[fail\]\]/i). */
	failPrompts?: RegExp;
	/** Port to bind on 127.0.0.1 (default 0: any free port). */
	port?: number;
	/** EvoLink Suno music `result_data` shape (default 'songs'). */
	sunoResultShape?: 'songs' | 'array' | 'object';
	/** Files API accepts audio uploads as EvoLink's own tools claim (default true). */
	acceptAudioUploads?: boolean;
}

/** A running fake provider. */
export interface FakeServer {
	readonly baseUrl: string;
	readonly apiKey: string;
	readonly received: Receipt[];
	/** Number of receipts for 'METHOD /path' (or a prefix ending in '*'). */
	count(route: string): number;
	inject(fault: FaultSpec): void;
	clearFaults(): void;
	/** Applies to tasks created afterwards. */
	setTaskDuration(ms: number): void;
	/** Applies at once, also to links already handed out. */
	setLinkTtl(ms: number): void;
	finishTask(id: string, outcome: 'completed' | 'failed' | 'cancelled'): void;
	close(): Promise<void>;
}

/**
 * The interface both provider clients implement, so the task store and scheduler never care
 * whether a task lives on EvoLink or on Suno Sounds.
 * Pure: no `vscode` import.
 */
import type { ProviderId, RemoteTaskState } from '../shared/domain';

/** Per-call options: every call can be cancelled. */
export interface CallOptions {
	signal?: AbortSignal;
}

/** A provider's spendable balance. */
export interface Balance {
	credits: number;
	/** Extra context, e.g. a key's own spending limit. */
	detail?: string;
}

/** Create a task, read a task, read the balance: all a provider has to offer the layers above. */
export interface ProviderClient {
	readonly provider: ProviderId;
	/** Validates locally, then POSTs once. Throws `ProviderError` (`validation`, `http`, `outcome-unknown`, …). */
	createTask(model: string, input: unknown, opts?: CallOptions): Promise<RemoteTaskState>;
	getTask(id: string, opts?: CallOptions): Promise<RemoteTaskState>;
	getBalance(opts?: CallOptions): Promise<Balance>;
}

/**
 * What a model is, as data: its provider, what it makes, the questions the UI asks and in
 * which order, how options become the provider's request, what file it produces and how
 * long its links live. Commands, quick-generate, validation, tree labels and the preview's
 * details all read this. Pure: no `vscode` import.
 */
import type { ProviderId } from '../shared/domain';

export type ModelKind = 'speech' | 'sound' | 'music' | 'video' | 'voice' | 'persona';

export interface PickItem {
	value: string | number | boolean;
	label: string;
	description?: string;
}

interface QuestionBase {
	/** The option field the answer is stored in. */
	field: string;
	title: string;
	/** Asked only when this returns true for the answers so far. */
	when?: (answers: Record<string, unknown>) => boolean;
	/** Asked only when the user chose "Adjust options…"; otherwise its default is used. */
	advanced?: boolean;
	/** A value left empty is not sent. */
	optional?: boolean;
	/** Setting (under `evolink.`) that supplies the default. */
	setting?: string;
}

/** A question the UI asks before a generation. */
export type Question =
	| QuestionBase & { kind: 'text'; placeholder?: string; default?: string; pattern?: RegExp; patternHint?: string }
	| QuestionBase & { kind: 'pick'; items: PickItem[]; default?: string | number | boolean }
	| QuestionBase & { kind: 'number'; min: number; max: number; integer?: boolean; default?: number }
	/** A Seed-Audio preset voice (from the shipped list), or reference audio for cloning. */
	| QuestionBase & { kind: 'voice' }
	/** A voice made by `qwen-voice-design` (from finished tasks). */
	| QuestionBase & { kind: 'designedVoice' }
	/** A local file (uploaded) or an https URL. */
	| QuestionBase & { kind: 'file'; filters: Record<string, string[]> };

/** One model of the catalog. */
export interface ModelSpec {
	/** Catalog id; also the provider model id except where `apiModel` says otherwise. */
	id: string;
	provider: ProviderId;
	kind: ModelKind;
	label: string;
	detail: string;
	/** What a saved file's name says about the result beyond its prompt (a loop, its tempo and key). */
	assetTags?(params: Record<string, unknown>): { loop?: boolean; bpm?: number; key?: string };
	/** The palette flow asks how many variations to make (1–8, one task each; scripts pass `count`). */
	variations?: boolean;
	/** Option field holding the main text (shown in the tree, checked against the limit). */
	promptField: string;
	/** Speech models: the most characters one request may carry; longer text becomes a job of parts. */
	maxPromptChars?: number;
	/** Questions, in the order the UI asks them (the prompt itself is asked by the command). */
	questions: Question[];
	/** The provider model id for given options (Suno music picks its version). */
	apiModel(options: Record<string, unknown>): string;
	/** Options (prompt + fields, after uploads) → the request body (without `model`). */
	toRequest(options: Record<string, unknown>): Record<string, unknown>;
	/** File extension of result `index` for the request that was sent. */
	fileExtension(request: Record<string, unknown>): string;
	/** Raw PCM needs a WAV header: the sample rate to use, when the output is PCM. */
	pcmSampleRate?(request: Record<string, unknown>): number | undefined;
	/** How long the provider keeps result links (ms). */
	linkTtlMs: number;
	/** Option fields naming local files to upload before submitting. */
	uploads?: { field: string; target: 'audio_references' | 'image_urls' }[];
	/** Provider versions the user may pick; `getModel` finds this spec by any of them. */
	versions?: ModelVersions;
	/** How its tasks are polled, beyond the scheduler's defaults (slow models wait longer between polls). */
	poll?: { capMs?: number };
	/** What a finished task of this model can lead to. */
	follows?: {
		/** One result can become a reusable persona, made by this catalog model (e.g. `suno-persona`). */
		persona?: string;
		/** The task makes a voice (`resultData.voice`) for the speech models that ask a `designedVoice` question. */
		voice?: boolean;
	};
	/** Generations can sing with a persona the user made (listed from tasks of `follows.persona`). */
	singsWithPersona?: {
		/** Whether to offer the user's personas for these options (e.g. custom mode on a version that takes them, none chosen yet). */
		offer(options: Record<string, unknown>): boolean;
		/** The option fields that make a generation sing with `personaId`. */
		fields(personaId: string): Record<string, unknown>;
	};
}

/** A model's versions: the option field that names one, the list, the default and display names. */
export interface ModelVersions {
	field: string;
	ids: readonly string[];
	/** Older names the provider still accepts for these versions. */
	aliases?: readonly string[];
	default: string;
	/** The display name of one version (or alias), e.g. `Suno V5` for `suno-v5-beta`. */
	label(id: string): string;
}

export const HOUR = 3_600_000;

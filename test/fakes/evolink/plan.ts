/**
 * What a validated creation request turns into: everything the fake needs to answer the creation
 * call and later task queries (media to render, ids to report, billing figures).
 */
import type { MediaSpec } from '../media/render';
import type { Phase } from '../tasks';
import type { Body } from './check';

/** One Suno variant. */
export interface SongPlan {
	resultId: string;
	title: string;
	tags: string;
	/** Real length of the rendered audio, seconds. */
	duration: number;
	cover: MediaSpec;
}

/** A creation request after validation. */
export interface Plan {
	/** Canonical model name (legacy Suno names are mapped to the `-beta` names). */
	model: string;
	family: 'seed-audio' | 'voice-design' | 'qwen-tts' | 'suno' | 'persona' | 'seedance';
	type: 'audio' | 'video';
	/** The user text failPrompts is matched against. */
	policyText: string;
	credits: number;
	billingRule: 'per_call' | 'per_second' | 'per_token';
	canCancel: boolean;
	/** Model-specific creation `task_info` fields (`audio_type`, `video_duration`). */
	taskInfo: Record<string, unknown>;
	/** Result files in `results[]` order. */
	outputs: MediaSpec[];
	songs?: SongPlan[];
	voice?: string;
	personaId?: string;
	persona?: { sourceTaskId: string; resultId: string };
}

/** Read access to server state that some validations need (persona sources, designed voices). */
export interface Lookup {
	task(id: string): { plan: Plan; phase: Phase } | undefined;
	personaTaken(resultId: string): boolean;
	voiceReady(voice: string): boolean;
}

/** A model's validator: throws ApiError or returns the plan. */
export type ModelHandler = (body: Body, model: string, lookup: Lookup) => Plan;

/** Credits rounded the way the API prints them. */
export function credits(n: number): number {
	return Math.round(n * 100) / 100;
}

import type { BundleSizes } from './bundles';
import type { BenchRow } from './results';

/** One group of rows in `npm run bench`: run.ts runs these in order (see rowsActivation.ts, rowsEngine.ts, rowsMedia.ts). */
export interface BenchSection {
	id: string;
	title: string;
	unit: string;
	target: string | null;
	slow?: boolean;
	run: Section;
}

export type Section = (tmp: string, shared: Shared) => Promise<BenchRow[]>;

/** What the sections of one run share (our .vsix, built once). */
export interface Shared {
	bundles?: BundleSizes & { vsix: string };
}

export const KB = 1024;
export const MiB = 1024 * 1024;
export const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

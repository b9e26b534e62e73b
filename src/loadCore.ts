import * as path from 'node:path';
import type * as CoreModule from './core';

/**
 * dist/core.js, a bundle of its own (undici, zod, clients, store, codecs, the preview panel, the
 * voice list), required on first use. Its own module so that any adapter, and `config.ts`, can
 * reach it without an import cycle through `app.ts`. The path is computed so esbuild leaves this
 * require alone; when running from tsc's output (tests) the sibling is core.js too.
 */
export function loadCore(): typeof CoreModule {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(__dirname, 'core.js')) as typeof CoreModule;
}

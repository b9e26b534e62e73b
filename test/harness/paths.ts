import * as path from 'node:path';

/** The repository root (this file compiles to out/test/harness/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Git-ignored cache for code-server and other downloads. */
export const cacheDir = path.join(repoRoot, '.cache');
/** Where end-to-end tests save the screenshots the README shows. */
export const screenshotDir = path.join(repoRoot, 'media', 'screenshots');

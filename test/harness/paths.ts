import * as path from 'node:path';

/** The repository root (this file compiles to out/test/harness/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Git-ignored cache for code-server and other downloads. */
export const cacheDir = path.join(repoRoot, '.cache');
/**
 * Where end-to-end tests save their screenshots: `test-results/screenshots` (git-ignored), so a
 * test run leaves tracked files as they were. `npm run screenshots` (EVOLINK_UPDATE_SCREENSHOTS=1)
 * writes the README's copies in `media/screenshots` instead.
 */
export const screenshotDir = process.env.EVOLINK_UPDATE_SCREENSHOTS === '1'
	? path.join(repoRoot, 'media', 'screenshots')
	: path.join(repoRoot, 'test-results', 'screenshots');

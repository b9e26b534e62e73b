/**
 * The heavy half of the extension, bundled on its own as dist/core.js and loaded on first
 * use: the HTTP stack (undici), the schemas (zod), the provider clients, the task store and
 * engine. `src/extension.ts` never imports it statically, so activation stays cheap.
 */
export { Services } from './services';
/** Text tools with heavy dependencies (markdown-it). */
export { cleanForSpeech, speechParagraphs } from './text/clean';

/**
 * The entry point of dist/core.js, the bundle required on first use (`loadCore()` in app.ts):
 * the window's `Services` (see services.ts: HTTP, schemas, clients, store, engine) and the text
 * tools with heavy dependencies. `src/extension.ts` never imports it statically, so activation
 * does not load it.
 */
export { Services } from './services';
/** Text tools with heavy dependencies (markdown-it). */
export { cleanForSpeech, speechParagraphs } from './text/clean';

/**
 * The entry point of dist/core.js, the bundle required on first use (`loadCore()` in loadCore.ts):
 * the window's `Services` (see services.ts: HTTP, schemas, clients, store, engine), and what
 * activation does not need: the text tools with heavy dependencies, the parsers built on zod,
 * the codec readers, the preview panel and the voice list. `src/extension.ts` never imports it
 * statically, so activation does not load it.
 */
export { Services } from './services';
/** Text tools with heavy dependencies (markdown-it). */
export { cleanForSpeech, speechParagraphs } from './text/clean';
/** Parsers of command arguments and export options (zod): task actions, `evolink.openPreview`, presets. */
export { parseTaskTarget } from './shared/taskTarget';
export { parseOpenArgs } from './preview/previewActions';
export { parseExportOptions } from './shared/exportOptions';
/** The codec readers, for the media hover. */
export { readMediaInfo } from './preview/codecs';
/** The preview panel (with the protocol's schemas and the codec readers), opened by `registerPreview`. */
export { PreviewPanel } from './preview/previewPanel';
/** Seed-Audio's preset voices (36 KB), for the voice picker. */
export { SEED_AUDIO_VOICES } from './catalog/presetVoices';

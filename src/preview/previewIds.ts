/**
 * The ids the preview is registered under: its webview type (also the serializer's) and its
 * open command. Nothing imported, so activation registers them without loading the panel,
 * which lives in dist/core.js.
 */

/** The preview's webview view type. */
export const PREVIEW_VIEW_TYPE = 'evolink.preview';

/** The command id of `evolink.openPreview`. */
export const OPEN_PREVIEW_COMMAND = 'evolink.openPreview';

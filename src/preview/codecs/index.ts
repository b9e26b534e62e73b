/**
 * The codec reader: what is inside a downloaded media file, and whether desktop VS Code's
 * webviews can play it. Pure Node; no `vscode` import.
 */
export { parseMedia, readMediaInfo } from './read';
export { desktopPlayability } from './playability';
export type { Playability } from './playability';
export { bufferSource } from './source';
export type { ByteSource } from './source';
export type { Container, MediaInfo, TrackInfo } from './types';

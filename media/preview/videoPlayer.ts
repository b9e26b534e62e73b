/**
 * The video player: a <video> with the shared transport bar and a seek bar. Only metadata is
 * preloaded; seeking to 0.1 s then fetches just enough to paint a poster frame, since Seedance
 * files come without a separate thumbnail.
 */
import type { ResultView } from '../../src/shared/protocol';
import { h } from './dom';
import { PlayerBase, type PlayerContext } from './playerBase';

/** Where the poster frame is taken from: early, but past a possibly black first frame. */
const POSTER_TIME = 0.1;

/** One video result's player. */
export class VideoPlayer extends PlayerBase {
	readonly root: HTMLDivElement;
	private restoredTime = false;

	constructor(result: ResultView, ctx: PlayerContext) {
		const width = result.media?.tracks.find((tr) => tr.kind === 'video')?.width;
		const height = result.media?.tracks.find((tr) => tr.kind === 'video')?.height;
		const video = h('video', {
			class: 'media',
			attrs: { preload: 'metadata', playsinline: '', ...(width && height ? { width: String(width), height: String(height) } : {}) },
		});
		super(video, ctx, true);
		video.addEventListener('loadedmetadata', () => {
			if (!this.restoredTime && video.currentTime === 0) {
				video.currentTime = Math.min(POSTER_TIME, video.duration / 2 || POSTER_TIME);
			}
		});
		video.addEventListener('seeked', () => {
			ctx.card.dataset.poster = 'ready';
		}, { once: true });
		// A click on the picture plays or pauses, as in every video player.
		video.addEventListener('click', () => this.toggle());
		video.src = result.src ?? '';
		this.root = h('div', { class: 'player video-player' }, video, this.controls.root);
	}

	override seek(time: number): void {
		this.restoredTime = true;
		super.seek(time);
	}
}

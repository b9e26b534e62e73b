/**
 * The waveform of a whole file on a <canvas>, with a playhead, the played part shaded, a BPM
 * grid when the tempo is known, and loop-point markers. Click or drag to seek.
 * The canvas is redrawn only on resize, theme change or new peaks; the playhead is a separate
 * element moved through the CSSOM, so playback costs no canvas work.
 */
import { h } from './dom';
import { t } from './i18n';
import { beatGrid, columnPeaks, type Peaks } from './peaks';

/** `pending` until drawn; `failed` when the audio could not be decoded. */
export type WaveformStatus = 'pending' | 'drawn' | 'failed';

/** One waveform strip. */
export class Waveform {
	readonly root: HTMLDivElement;
	readonly canvas: HTMLCanvasElement;
	private readonly played: HTMLDivElement;
	private readonly playhead: HTMLDivElement;
	private readonly status: HTMLDivElement;
	private peaks?: Peaks;
	private duration = NaN;
	private bpm?: number;
	private readonly observers: { disconnect(): void }[] = [];
	/** Called once, the first time the peaks are actually painted. */
	onDrawn?: () => void;

	private readonly loopStartMarker = h('div', { class: 'loop-marker loop-start', title: t('loopPoint'), attrs: { 'aria-hidden': 'true' } });
	private readonly loopEndMarker = h('div', { class: 'loop-marker loop-end', title: t('loopPoint'), attrs: { 'aria-hidden': 'true' } });

	constructor(onSeek: (fraction: number) => void) {
		this.canvas = h('canvas', { class: 'waveform-canvas', attrs: { 'data-waveform': 'pending', 'aria-hidden': 'true' } });
		this.played = h('div', { class: 'waveform-played' });
		this.playhead = h('div', { class: 'playhead' });
		this.status = h('div', { class: 'waveform-status', text: t('waveformPending') });
		this.root = h(
			'div',
			{
				class: 'waveform',
				title: t('waveform'),
				attrs: { role: 'slider', tabindex: '0', 'aria-label': t('seek'), 'aria-valuemin': '0', 'aria-valuenow': '0' },
			},
			this.canvas,
			this.played,
			this.loopStartMarker,
			this.loopEndMarker,
			this.playhead,
			this.status,
		);

		let dragging = false;
		const seekAt = (ev: PointerEvent) => {
			const rect = this.root.getBoundingClientRect();
			if (rect.width > 0) {
				onSeek(Math.min(1, Math.max(0, (ev.clientX - rect.left) / rect.width)));
			}
		};
		this.root.addEventListener('pointerdown', (ev) => {
			dragging = true;
			this.root.setPointerCapture(ev.pointerId);
			seekAt(ev);
		});
		this.root.addEventListener('pointermove', (ev) => {
			if (dragging) { seekAt(ev); }
		});
		this.root.addEventListener('pointerup', () => {
			dragging = false;
		});
		this.root.addEventListener('pointercancel', () => {
			dragging = false;
		});

		const resize = new ResizeObserver(() => this.draw());
		resize.observe(this.root);
		// VS Code swaps the theme by changing the body's class; the canvas must pick up new colours.
		const theme = new MutationObserver(() => this.draw());
		theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
		this.observers.push(resize, theme);
	}

	/** Shows the peaks; the canvas says `data-waveform="drawn"` once they are painted. */
	setPeaks(peaks: Peaks): void {
		this.peaks = peaks;
		this.draw();
	}

	/** Marks the state; `failed` shows `message` in place of the waveform. */
	setStatus(status: WaveformStatus, message?: string): void {
		this.canvas.dataset.waveform = status;
		this.status.textContent = status === 'drawn' ? '' : message ?? t(status === 'failed' ? 'waveformFailed' : 'waveformPending');
		this.status.hidden = status === 'drawn';
	}

	/** The file's length, for the playhead, the BPM grid and the slider's range. */
	setDuration(duration: number): void {
		if (duration === this.duration || !Number.isFinite(duration)) {
			return;
		}
		this.duration = duration;
		this.root.setAttribute('aria-valuemax', duration.toFixed(1));
		this.draw();
	}

	/** Draws beat and bar lines when the tempo is known. */
	setBpm(bpm: number | undefined): void {
		this.bpm = bpm;
		this.draw();
	}

	/** Moves the playhead to `time`. */
	setProgress(time: number): void {
		const fraction = this.duration > 0 ? Math.min(1, Math.max(0, time / this.duration)) : 0;
		const pct = `${(fraction * 100).toFixed(3)}%`;
		this.playhead.style.left = pct;
		this.played.style.width = pct;
		this.root.setAttribute('aria-valuenow', time.toFixed(1));
	}

	/** Shows the loop-point markers while looping. */
	setLoop(on: boolean): void {
		this.root.classList.toggle('looping', on);
	}

	/** Moves the loop-point markers to the loop workshop's points (fractions of the file). */
	setLoopRegion(start: number, end: number): void {
		this.loopStartMarker.style.left = `${(Math.max(0, Math.min(1, start)) * 100).toFixed(3)}%`;
		this.loopEndMarker.style.right = `${((1 - Math.max(0, Math.min(1, end))) * 100).toFixed(3)}%`;
	}

	/** Stops observing size and theme. */
	dispose(): void {
		for (const o of this.observers) {
			o.disconnect();
		}
	}

	private draw(): void {
		const { canvas } = this;
		const cssWidth = this.root.clientWidth;
		const cssHeight = this.root.clientHeight;
		if (cssWidth === 0 || cssHeight === 0) {
			return;
		}
		const dpr = window.devicePixelRatio || 1;
		canvas.width = Math.round(cssWidth * dpr);
		canvas.height = Math.round(cssHeight * dpr);
		const g = canvas.getContext('2d');
		if (!g) {
			return;
		}
		const style = getComputedStyle(this.root);
		g.clearRect(0, 0, canvas.width, canvas.height);
		if (this.bpm && this.duration > 0) {
			for (const beat of beatGrid(this.bpm, this.duration)) {
				const x = Math.round((beat.time / this.duration) * canvas.width);
				g.fillStyle = style.getPropertyValue(beat.bar ? '--bar-color' : '--beat-color') || 'gray';
				g.fillRect(x, 0, Math.max(1, Math.round(dpr)), canvas.height);
			}
		}
		if (!this.peaks) {
			return;
		}
		const cols = columnPeaks(this.peaks, canvas.width);
		const mid = canvas.height / 2;
		g.fillStyle = style.getPropertyValue('--wave-color') || 'gray';
		for (let x = 0; x < cols.min.length; x++) {
			const top = mid - cols.max[x] * mid;
			const bottom = mid - cols.min[x] * mid;
			g.fillRect(x, top, 1, Math.max(1, bottom - top));
		}
		if (this.canvas.dataset.waveform !== 'drawn') {
			this.setStatus('drawn');
			this.onDrawn?.();
		}
	}
}

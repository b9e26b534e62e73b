/**
 * The loop workshop, under a loop's or a song's player: set the loop start and end (snapped to
 * zero crossings), crossfade the seam, see the waveform around the loop point, hear the seam
 * (the loop's last seconds running into its first, over and over), and save the file for the
 * engine with those settings. The seam shown and heard is computed by the same code the export
 * runs (src/shared/loop.ts), so what you hear is what the engine gets.
 * Test hooks on `.workshop`: data-loop-start / data-loop-end (seconds, snapped),
 * data-crossfade-ms, data-seam-smooth, data-seam-jump, data-seam-wraps, data-seam-playing.
 */
import type { ExportOptions } from '../../src/shared/exportOptions';
import { loopRegion, seamJump, seamWindow, snapToZeroCrossing } from '../../src/shared/loop';
import type { AudioPlayer } from './audioPlayer';
import { button, h } from './dom';
import { t } from './i18n';
import { LoopPlayer, sharedAudioContext } from './loopPlayer';

/** Zero crossings are looked for this close to where a point was typed. */
const SNAP_SEC = 0.005;
/** The seam is heard as this much of the loop's end, then this much of its start. */
const HEAR_SEC = 1.5;
/** The seam picture shows this much on each side of the loop point. */
const VIEW_SEC = 0.05;

/** One workshop for one audio result. */
export class LoopWorkshop {
	readonly root: HTMLElement;
	private buffer?: AudioBuffer;
	private channels: Float32Array[] = [];
	private start = 0;
	private end = 0;
	private seamPlayer?: LoopPlayer;
	private raf = 0;
	private readonly startInput = numberInput('loop-start', 0.001);
	private readonly endInput = numberInput('loop-end', 0.001);
	private readonly fadeInput = h('input', { class: 'crossfade', attrs: { type: 'range', min: '0', max: '500', step: '5', value: '0' } });
	private readonly fadeOut = h('output', { class: 'crossfade-value', text: '0' });
	private readonly trim = h('input', { class: 'trim', attrs: { type: 'checkbox' } });
	private readonly canvas = h('canvas', { class: 'seam', attrs: { width: '640', height: '96', role: 'img' } });
	private readonly verdict = h('p', { class: 'seam-verdict', attrs: { 'aria-live': 'polite' } });
	private readonly hear: HTMLButtonElement;
	private readonly format = select('format', [['wav', t('formatWav')], ['ogg', t('formatOgg')]]);
	private readonly normalize = select('normalize', [['none', t('normalizeNone')], ['peak', t('normalizePeak')], ['lufs', t('normalizeLufs')]]);
	private readonly rate = select('rate', [['', t('sampleRateSource')], ['22050', '22,050 Hz'], ['32000', '32,000 Hz'], ['44100', '44,100 Hz'], ['48000', '48,000 Hz']]);
	private readonly regionOnly = h('input', { class: 'region-only', attrs: { type: 'checkbox' } });
	private readonly save: HTMLButtonElement;

	constructor(private readonly player: AudioPlayer, defaults: ExportOptions, private readonly onSave: (options: ExportOptions) => void, open = true) {
		this.canvas.setAttribute('aria-label', t('seamCanvas'));
		this.hear = button(t('hearSeam'), 'hear-seam secondary', () => void this.toggleSeam());
		this.save = button(t('saveForEngine'), 'save-engine primary', () => this.onSave(this.options()));
		this.fadeInput.value = String(defaults.crossfadeMs ?? 0);
		this.fadeOut.textContent = this.fadeInput.value;
		this.trim.checked = defaults.trimSilence === true;
		this.format.value = defaults.format === 'wav' ? 'wav' : 'ogg';
		this.normalize.value = defaults.normalize ?? 'none';
		this.rate.value = defaults.sampleRate ? String(defaults.sampleRate) : '';
		this.regionOnly.checked = defaults.loopRegionOnly === true;
		// A <details>: open for a single result; folded where variations sit side by side, so they can be compared at a glance.
		this.root = h(
			'details',
			{ class: 'workshop', attrs: { 'aria-label': t('workshop'), ...(open ? { open: '' } : {}) } },
			h('summary', { text: t('workshop') }),
			h(
				'div',
				{ class: 'workshop-grid' },
				label(t('loopStart'), this.startInput),
				label(t('loopEnd'), this.endInput),
				label(t('crossfade'), this.fadeInput, this.fadeOut),
				label(t('trimSilence'), this.trim, true),
			),
			this.canvas,
			h('div', { class: 'seam-row' }, this.verdict, this.hear),
			h(
				'div',
				{ class: 'workshop-grid export' },
				label(t('format'), this.format),
				label(t('normalize'), this.normalize),
				label(t('sampleRate'), this.rate),
				label(t('regionOnly'), this.regionOnly, true),
			),
			h('div', { class: 'actions' }, this.save),
		);
		this.root.dataset.ready = 'false';
		this.setDisabled(true);
		this.startInput.addEventListener('change', () => this.setPoints(Number(this.startInput.value), this.end / this.rateOf(), 'start'));
		this.endInput.addEventListener('change', () => this.setPoints(this.start / this.rateOf(), Number(this.endInput.value), 'end'));
		this.fadeInput.addEventListener('input', () => {
			this.fadeOut.textContent = this.fadeInput.value;
			this.refresh();
		});
		player.onDecoded((buffer) => this.adopt(buffer, defaults));
	}

	/** The settings as export options (seconds of the file as generated). */
	options(): ExportOptions {
		const sr = this.rateOf();
		const whole = this.start === 0 && this.end === this.channels[0]?.length;
		return {
			format: this.format.value === 'wav' ? 'wav' : 'ogg',
			normalize: this.normalize.value as ExportOptions['normalize'],
			...(this.rate.value ? { sampleRate: Number(this.rate.value) } : {}),
			trimSilence: this.trim.checked,
			crossfadeMs: Number(this.fadeInput.value),
			...(whole ? {} : { loopStart: round6(this.start / sr), loopEnd: round6(this.end / sr) }),
			loopRegionOnly: this.regionOnly.checked,
		};
	}

	/** The result of the save: re-enables the button. */
	saved(): void {
		this.save.disabled = false;
		this.save.removeAttribute('aria-busy');
	}

	dispose(): void {
		cancelAnimationFrame(this.raf);
		this.seamPlayer?.dispose();
		this.root.remove();
	}

	private adopt(buffer: AudioBuffer, defaults: ExportOptions): void {
		this.buffer = buffer;
		this.channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
		this.startInput.max = this.endInput.max = buffer.duration.toFixed(3);
		this.setDisabled(false);
		this.root.dataset.ready = 'true';
		this.setPoints(defaults.loopStart ?? 0, defaults.loopEnd ?? buffer.duration);
	}

	/** Moves the loop points (seconds) and loops the player there; the point the user `moved` snaps to a zero crossing going the same way as the other. */
	private setPoints(startSec: number, endSec: number, moved?: 'start' | 'end'): void {
		const sr = this.rateOf();
		const frames = this.channels[0]?.length ?? 0;
		const radius = Math.round(SNAP_SEC * sr);
		let start = clamp(Math.round(startSec * sr), 0, Math.max(0, frames - 1));
		let end = clamp(Math.round(endSec * sr), start + 1, frames);
		if (moved === 'start') { start = Math.min(end - 1, snapToZeroCrossing(this.channels, start, radius, end < frames ? end : undefined)); }
		if (moved === 'end' && end < frames) { end = clamp(snapToZeroCrossing(this.channels, end, radius, start), start + 1, frames); }
		this.start = start;
		this.end = end;
		this.startInput.value = (start / sr).toFixed(3);
		this.endInput.value = (end / sr).toFixed(3);
		this.root.dataset.loopStart = (start / sr).toFixed(6);
		this.root.dataset.loopEnd = (end / sr).toFixed(6);
		this.player.setLoopRegion(start / sr, end / sr);
		this.refresh();
	}

	/** Recomputes and draws the seam for the current points and crossfade. */
	private refresh(): void {
		if (!this.buffer) { return; }
		const sr = this.rateOf();
		const fade = Math.round(Number(this.fadeInput.value) / 1000 * sr);
		this.root.dataset.crossfadeMs = this.fadeInput.value;
		const view = seamWindow(this.channels, this.start, this.end, fade, Math.round(VIEW_SEC * sr));
		// Smoothness is judged on the whole loop as it will play: its last frame against its first.
		const region = loopRegion(this.channels, this.start, this.end, fade);
		const m = seamJump(region);
		this.root.dataset.seamSmooth = String(m.smooth);
		this.root.dataset.seamJump = m.jump.toFixed(4);
		this.verdict.textContent = t(m.smooth ? 'seamSmooth' : 'seamClick', m.jump.toFixed(3), m.step.toFixed(3));
		this.verdict.classList.toggle('warn', !m.smooth);
		this.draw(view.channels, view.seamIndex);
		if (this.seamPlayer) { void this.playSeam(); }
	}

	private draw(channels: Float32Array[], seam: number): void {
		const c = this.canvas.getContext('2d');
		if (!c) { return; }
		const { width, height } = this.canvas;
		const style = getComputedStyle(this.root);
		c.clearRect(0, 0, width, height);
		const n = channels[0]?.length ?? 0;
		c.strokeStyle = style.getPropertyValue('--vscode-charts-blue') || '#4a9eff';
		c.lineWidth = 1;
		c.beginPath();
		for (let x = 0; x < width; x++) {
			const i = Math.min(n - 1, Math.floor(x / width * n));
			let v = 0;
			for (const ch of channels) { v += ch[i] ?? 0; }
			v /= Math.max(1, channels.length);
			const y = height / 2 - v * (height / 2 - 2);
			if (x === 0) { c.moveTo(x, y); }
			else { c.lineTo(x, y); }
		}
		c.stroke();
		const sx = n > 0 ? seam / n * width : width / 2;
		c.strokeStyle = style.getPropertyValue('--vscode-charts-orange') || '#f0a030';
		c.setLineDash([4, 3]);
		c.beginPath();
		c.moveTo(sx, 0);
		c.lineTo(sx, height);
		c.stroke();
		c.setLineDash([]);
	}

	/** Plays (or stops) the seam on repeat: the loop's last seconds, then its first. */
	private async toggleSeam(): Promise<void> {
		if (this.seamPlayer) {
			this.stopSeam();
			return;
		}
		this.player.stop();
		await this.playSeam();
	}

	private async playSeam(): Promise<void> {
		if (!this.buffer) { return; }
		const sr = this.rateOf();
		const fade = Math.round(Number(this.fadeInput.value) / 1000 * sr);
		const view = seamWindow(this.channels, this.start, this.end, fade, Math.round(HEAR_SEC * sr));
		const ctx = sharedAudioContext();
		const buffer = ctx.createBuffer(view.channels.length, view.channels[0].length, sr);
		view.channels.forEach((ch, i) => buffer.copyToChannel(new Float32Array(ch), i));
		const wraps = Number(this.root.dataset.seamWraps ?? 0);
		this.seamPlayer?.dispose();
		this.seamPlayer = new LoopPlayer(ctx, buffer);
		await this.seamPlayer.play();
		this.hear.textContent = t('stopSeam');
		this.root.dataset.seamPlaying = 'true';
		const tick = (): void => {
			if (!this.seamPlayer) { return; }
			this.root.dataset.seamWraps = String(wraps + this.seamPlayer.wraps);
			this.raf = requestAnimationFrame(tick);
		};
		cancelAnimationFrame(this.raf);
		tick();
	}

	private stopSeam(): void {
		cancelAnimationFrame(this.raf);
		this.seamPlayer?.dispose();
		this.seamPlayer = undefined;
		this.hear.textContent = t('hearSeam');
		this.root.dataset.seamPlaying = 'false';
	}

	private rateOf(): number {
		return this.buffer?.sampleRate ?? 48000;
	}

	private setDisabled(disabled: boolean): void {
		for (const el of this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>('input, button, select')) {
			el.disabled = disabled;
		}
	}
}

function numberInput(cls: string, step: number): HTMLInputElement {
	return h('input', { class: cls, attrs: { type: 'number', min: '0', step: String(step) } });
}

function select(cls: string, options: [string, string][]): HTMLSelectElement {
	return h('select', { class: cls }, ...options.map(([value, text]) => h('option', { text, attrs: { value } })));
}

function label(text: string, control: HTMLElement, after?: boolean | HTMLElement, ...rest: HTMLElement[]): HTMLLabelElement {
	const extra = after instanceof HTMLElement ? [after, ...rest] : rest;
	return after === true
		? h('label', { class: 'check' }, control, h('span', { text }))
		: h('label', {}, h('span', { text }), control, ...extra);
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}

function round6(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}

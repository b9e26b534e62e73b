/**
 * Loudness normalisation of exported game audio: by sample peak (short effects, default −1 dBFS) or
 * by integrated loudness per ITU-R BS.1770 / EBU R128 (music and ambience, default −16 LUFS) under a
 * true-peak ceiling (default −1 dBTP). The measuring is the Rust `ebur128` crate as built to
 * WebAssembly by the npm package `ebur128-wasm`. Its generated glue is an ES module that imports the
 * .wasm as a module, which neither CommonJS nor our bundle can load, so this file instantiates the
 * .wasm from bytes and does what that glue does: copy each Float32Array into wasm memory and call.
 * Pure: no `vscode` import.
 */

/** Default true-peak ceiling of LUFS normalisation, in dBTP. */
export const DEFAULT_CEILING_DBTP = -1;

/** Measures planar audio (all channels the same length) with the wasm build of `ebur128`. */
export interface LoudnessMeter {
	/**
	 * Integrated loudness in LUFS (gated, BS.1770-4): -Infinity for silence and for audio under
	 * 0.4 s (no gating block fits). Only the first two channels count: the library measures mono or stereo.
	 */
	integratedLufs(channels: Float32Array[], sampleRate: number): number;
	/** True peak (4× oversampled below 96 kHz) in dBTP, the maximum over all channels; -Infinity for silence. */
	truePeakDb(channels: Float32Array[], sampleRate: number): number;
	/** Bytes of wasm memory the meter holds now (0 when it holds no instance); for diagnostics and tests. */
	readonly memoryBytes: number;
}

/** What `normalizationGain` works from. `lufs` is needed only in LUFS mode. */
export interface LoudnessMeasure {
	lufs?: number;
	truePeakDb: number;
	peakDb: number;
}

export type NormalizationTarget = { mode: 'peak'; peakDb: number } | { mode: 'lufs'; lufs: number; ceilingDbTP?: number };

export interface NormalizationGain {
	gainDb: number;
	/** Set when the loudness target would push the true peak over the ceiling, so the gain stopped there. */
	limitedBy?: 'ceiling';
}

export interface NormalizeResult extends NormalizationGain {
	/** New arrays, `gainDb` applied (copies when the gain is 0). */
	channels: Float32Array[];
	before: { lufs: number; truePeakDb: number };
	/** `lufs` measured again (the −70 LUFS absolute gate does not move with the gain); `truePeakDb` is before + gain. */
	after: { lufs: number; truePeakDb: number };
}

/**
 * Sample rates we let the library measure: it panics at 16 Hz, returns nonsense below a few kHz and
 * refuses rates over 2.8 MHz; game audio lives well inside this range.
 */
const MIN_RATE = 8000;
const MAX_RATE = 384000;
/** An instance whose memory grew past this is dropped after the call: wasm memory never shrinks. */
const KEEP_MEMORY_BYTES = 64 * 1024 * 1024;

/** Sample peak in dBFS, the maximum over all channels; -Infinity for silence. */
export function peakDb(channels: Float32Array[]): number {
	let peak = 0;
	for (const channel of channels) {
		for (let i = 0; i < channel.length; i++) {
			const a = Math.abs(channel[i]);
			if (a > peak) {
				peak = a;
			}
		}
	}
	return 20 * Math.log10(peak);
}

/**
 * The gain that reaches `target`. Peak mode: target − sample peak. LUFS mode: target − loudness,
 * capped so the true peak stays at or under the ceiling (then `limitedBy: 'ceiling'`; the gain may
 * even be negative when the audio already peaks over it). Silence (a -Infinity measure) gets 0.
 * @throws RangeError for NaN measures or non-finite targets; Error in LUFS mode without `lufs`.
 */
export function normalizationGain(measure: LoudnessMeasure, target: NormalizationTarget): NormalizationGain {
	if ([measure.lufs, measure.truePeakDb, measure.peakDb].some(Number.isNaN)) {
		throw new RangeError('Cannot normalise: the audio measured as NaN (it holds non-numeric samples)');
	}
	if (target.mode === 'peak') {
		checkFinite('peakDb', target.peakDb);
		return { gainDb: measure.peakDb === -Infinity ? 0 : target.peakDb - measure.peakDb };
	}
	checkFinite('lufs', target.lufs);
	const ceiling = target.ceilingDbTP ?? DEFAULT_CEILING_DBTP;
	checkFinite('ceilingDbTP', ceiling);
	if (measure.lufs === undefined) {
		throw new Error('LUFS normalisation needs the integrated loudness (measure.lufs)');
	}
	if (measure.lufs === -Infinity) {
		return { gainDb: 0 };
	}
	const wanted = target.lufs - measure.lufs;
	const headroom = ceiling - measure.truePeakDb;
	return wanted > headroom ? { gainDb: headroom, limitedBy: 'ceiling' } : { gainDb: wanted };
}

/** Measures `channels`, applies the gain that reaches `target` (see `normalizationGain`) and reports before and after. */
export function normalize(meter: LoudnessMeter, channels: Float32Array[], sampleRate: number, target: NormalizationTarget): NormalizeResult {
	const before = { lufs: meter.integratedLufs(channels, sampleRate), truePeakDb: meter.truePeakDb(channels, sampleRate) };
	const { gainDb, limitedBy } = normalizationGain({ ...before, peakDb: peakDb(channels) }, target);
	const factor = 10 ** (gainDb / 20);
	const out = channels.map((channel) => channel.map((s) => s * factor));
	const after = gainDb === 0 ? { ...before } : { lufs: meter.integratedLufs(out, sampleRate), truePeakDb: before.truePeakDb + gainDb };
	return { channels: out, gainDb, before, after, ...(limitedBy ? { limitedBy } : {}) };
}

/** The exports of `ebur128_wasm_bg.wasm` (wasm-bindgen 0.2, ebur128 0.1.6). */
interface Ebur128Exports {
	memory: { buffer: ArrayBuffer };
	ebur128_integrated_mono(sampleRate: number, ptr: number, len: number): number;
	ebur128_integrated_stereo(sampleRate: number, ptrL: number, lenL: number, ptrR: number, lenR: number): number;
	/** dBTP as an f32, not a linear peak (since ebur128-wasm 1.0.2). */
	ebur128_true_peak_mono(sampleRate: number, ptr: number, len: number): number;
	/**
	 * The louder channel's dBTP as an f32 (the .d.ts says number; the README still says Float64Array,
	 * both channels' linear peaks, which is what 1.0.0 returned until 1.0.2 changed it).
	 */
	ebur128_true_peak_stereo(sampleRate: number, ptrL: number, lenL: number, ptrR: number, lenR: number): number;
	__wbindgen_malloc(size: number): number;
	__wbindgen_free(ptr: number, size: number): void;
}

const EXPORTS = ['memory', 'ebur128_integrated_mono', 'ebur128_integrated_stereo', 'ebur128_true_peak_mono', 'ebur128_true_peak_stereo', '__wbindgen_malloc', '__wbindgen_free'];

/** One instance and the panic message its panic hook last reported. */
interface Ebur128 {
	exports: Ebur128Exports;
	panic?: string;
}

// The WebAssembly JS API exists in Node and VS Code, but our `lib` (no DOM) does not declare it.
type WasmModule = object;
declare const WebAssembly: {
	Module: { new(bytes: Uint8Array): WasmModule; imports(module: WasmModule): { module: string; name: string; kind: string }[] };
	Instance: new(module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
};

/**
 * A meter over the bytes of `ebur128_wasm_bg.wasm` (compiled once, here). An instance is reused
 * while its memory stays small; one that grew (a long stereo file needs 16 bytes a frame) or failed
 * is dropped, and the next call makes a fresh one (about 0.1 ms).
 * @throws Error when the bytes are not that module.
 */
export function createLoudnessMeter(wasm: Uint8Array): LoudnessMeter {
	const module = new WebAssembly.Module(wasm);
	let kept: Ebur128 | undefined = instantiate(module);
	const run = (call: (exports: Ebur128Exports) => number): number => {
		const lib = kept ?? instantiate(module);
		kept = undefined;
		let result: number;
		try {
			result = call(lib.exports);
		} catch (e) {
			// A Rust panic traps ("unreachable") after the hook reported it; the instance's state is then unknown.
			const reason = lib.panic ?? (e instanceof Error ? e.message : String(e));
			throw new Error(`The loudness meter failed: ${reason}`);
		}
		if (lib.exports.memory.buffer.byteLength <= KEEP_MEMORY_BYTES) {
			kept = lib;
		}
		return result;
	};
	return {
		// The library measures mono or stereo only: channels after the first two (surround) are ignored,
		// which understates a surround mix; BS.1770 would weight the surrounds +1.5 dB and skip the LFE.
		integratedLufs: (channels, sampleRate) => {
			checkAudio(channels, sampleRate);
			return run((x) =>
				channels.length === 1
					? x.ebur128_integrated_mono(sampleRate, pass(x, channels[0]), channels[0].length)
					: x.ebur128_integrated_stereo(sampleRate, pass(x, channels[0]), channels[0].length, pass(x, channels[1]), channels[1].length)
			);
		},
		// Two channels a call: a stereo call is 1.5× faster than two mono calls (and needs twice the memory).
		truePeakDb: (channels, sampleRate) => {
			checkAudio(channels, sampleRate);
			let peak = -Infinity;
			for (let i = 0; i < channels.length; i += 2) {
				const [a, b] = [channels[i], channels[i + 1]];
				peak = Math.max(
					peak,
					run((x) =>
						i + 1 < channels.length
							? x.ebur128_true_peak_stereo(sampleRate, pass(x, a), a.length, pass(x, b), b.length)
							: x.ebur128_true_peak_mono(sampleRate, pass(x, a), a.length)
					),
				);
			}
			return peak;
		},
		get memoryBytes() {
			return kept?.exports.memory.buffer.byteLength ?? 0;
		},
	};
}

/**
 * Copies `samples` into fresh wasm memory, as the generated glue's passArrayF32ToWasm0 does; the
 * Rust side owns and frees the buffer (a `&[f32]` argument is a boxed slice dropped after the call).
 * Wasm memory is little-endian, as is every platform VS Code runs on.
 */
function pass(x: Ebur128Exports, samples: Float32Array): number {
	const ptr = x.__wbindgen_malloc(samples.length * 4);
	// A view made after malloc: the memory may have grown, detaching older views.
	new Float32Array(x.memory.buffer).set(samples, ptr / 4);
	return ptr;
}

/**
 * An instance whose imports are built from the module's own list (their names carry build hashes).
 * They are console_error_panic_hook's: `new Error()`, its `.stack` and `console.error(message)`; the
 * message is kept for the error the trap that follows becomes. Any other import throws if called.
 */
function instantiate(module: WasmModule): Ebur128 {
	const lib = {} as Ebur128;
	const imports: Record<string, Record<string, unknown>> = {};
	for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
		if (kind !== 'function') {
			throw new Error(`Unexpected loudness meter wasm: it imports a ${kind} (${from}.${name})`);
		}
		(imports[from] ??= {})[name] = panicHookImport(name, lib);
	}
	lib.exports = new WebAssembly.Instance(module, imports).exports as Ebur128Exports;
	const missing = EXPORTS.filter((e) => !(e in lib.exports));
	if (missing.length > 0) {
		throw new Error(`Unexpected loudness meter wasm: it lacks ${missing.join(', ')}`);
	}
	return lib;
}

/** The stand-in for one import of the panic hook (see `instantiate`). */
function panicHookImport(name: string, lib: Ebur128): (...args: number[]) => number | void {
	if (name.startsWith('__wbg_new_')) {
		return () => 0; // The Error object is only asked for its stack (below): any heap index will do.
	}
	if (name.startsWith('__wbg_stack_')) {
		// Returns an empty string the way wasm-bindgen returns one: malloc'd, (ptr, len) at retPtr.
		return (retPtr) => {
			const ptr = lib.exports.__wbindgen_malloc(0);
			const view = new DataView(lib.exports.memory.buffer);
			view.setInt32(retPtr, ptr, true);
			view.setInt32(retPtr + 4, 0, true);
		};
	}
	if (name.startsWith('__wbg_error_')) {
		return (ptr, len) => {
			const text = new TextDecoder().decode(new Uint8Array(lib.exports.memory.buffer, ptr, len));
			lib.exports.__wbindgen_free(ptr, len);
			// "panicked at 'left and right channel must have the same length', src/lib.rs:24:9\n\nStack:…"
			lib.panic = text.split('\n')[0].trim();
		};
	}
	if (name === '__wbindgen_object_drop_ref') {
		return () => undefined;
	}
	return () => {
		throw new Error(`its wasm called the unexpected import ${name}`);
	};
}

/** Throws unless there is at least one channel, all the same length, at a rate the library handles. */
function checkAudio(channels: Float32Array[], sampleRate: number): void {
	if (channels.length === 0) {
		throw new RangeError('No audio channels to measure');
	}
	if (channels.some((c) => c.length !== channels[0].length)) {
		throw new RangeError(`Channels differ in length (${channels.map((c) => c.length).join(', ')} samples)`);
	}
	if (!Number.isInteger(sampleRate) || sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
		throw new RangeError(`The loudness meter needs a whole sample rate from ${MIN_RATE} to ${MAX_RATE} Hz (got ${sampleRate})`);
	}
}

/** Throws a RangeError naming `name` unless `value` is finite. */
function checkFinite(name: string, value: number): void {
	if (!Number.isFinite(value)) {
		throw new RangeError(`Normalisation target ${name} must be a finite number (got ${value})`);
	}
}

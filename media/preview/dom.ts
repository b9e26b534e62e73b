/**
 * Tiny DOM helpers. Text always goes in through `textContent`, never parsed as markup, so prompts
 * and provider text stay text; styles are set through the CSSOM, which the CSP allows.
 */

/** What `h` can set on an element. */
export interface Props {
	id?: string;
	class?: string;
	text?: string;
	title?: string;
	attrs?: Record<string, string>;
	on?: { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };
}

/** Creates an element with properties and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	if (props.id) { el.id = props.id; }
	if (props.class) { el.className = props.class; }
	if (props.text !== undefined) { el.textContent = props.text; }
	if (props.title) { el.title = props.title; }
	for (const [k, v] of Object.entries(props.attrs ?? {})) {
		el.setAttribute(k, v);
	}
	for (const [type, fn] of Object.entries(props.on ?? {})) {
		el.addEventListener(type, fn as EventListener);
	}
	for (const child of children) {
		if (child !== undefined) {
			el.append(child);
		}
	}
	return el;
}

/** A `<button type="button">` with a label and a click handler. */
export function button(label: string, cls: string, onClick: () => void, title?: string): HTMLButtonElement {
	return h('button', { class: cls, text: label, attrs: { type: 'button' }, ...(title ? { title } : {}), on: { click: () => onClick() } });
}

/** Player clock: `0:04.2` when the whole is under a minute, else `1:05` / `1:02:03`. */
export function formatClock(sec: number, tenths: boolean): string {
	if (!Number.isFinite(sec) || sec < 0) {
		return '–:––';
	}
	if (tenths) {
		const t = Math.floor(sec * 10);
		return `${Math.floor(t / 600)}:${String(Math.floor(t / 10) % 60).padStart(2, '0')}.${t % 10}`;
	}
	const s = Math.floor(sec);
	const hours = Math.floor(s / 3600);
	const mm = Math.floor((s % 3600) / 60);
	const ss = String(s % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Seconds as a stable attribute value for tests (`data-current-time`). */
export function attrSeconds(sec: number): string {
	return Number.isFinite(sec) ? sec.toFixed(3) : '';
}

/** Resolves on the next macrotask without the 4 ms clamp that nested `setTimeout(0)` gets. */
export function yieldToPage(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => resolve();
		channel.port2.postMessage(undefined);
	});
}

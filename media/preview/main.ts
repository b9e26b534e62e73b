/**
 * The preview page: installs the message listener, says `ready` (the host posts nothing before
 * that), renders what the host sends, and keeps playback state with setState so a hidden,
 * moved or reloaded page comes back where it was.
 * Test hooks: `body[data-state]` is `loading`, `shown` or `missing`; see playerBase.ts and
 * resultCard.ts for the per-result ones.
 */
import './preview.css';
import { describeInvalid, parseHostToWebview, type HostToWebview, type PersistedState } from '../../src/shared/protocol';
import { TaskDetails } from './details';
import { h } from './dom';
import { loadState, log, post, saveState } from './host';
import { setStrings, t } from './i18n';
import { PartsList } from './parts';
import { ResultList } from './variants';

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const restored: PersistedState = loadState();
/** Player states from before a reload; used once, for the task they belong to. */
let pendingPlayers = restored.players;
let taskId = restored.taskId;
let lastSaved = '';
let firstShow = true;

/** The page's two parts, built at the first `show`, once the host's strings are in. */
interface Ui {
	list: ResultList;
	details: TaskDetails;
	parts: PartsList;
}
let ui: Ui | undefined;

function createUi(): Ui {
	const list: ResultList = new ResultList({
		runAction: (action, index) => post({ type: 'action', action, resultIndex: index }),
		exportResult: (index, options) => post({ type: 'export', resultIndex: index, options }),
		onChange: () => persist(),
		activate: (index) => {
			if (list.activeIndex !== index) {
				list.setActive(index);
				persist();
			}
		},
		savedState: (index) => pendingPlayers?.[String(index)],
		log,
	});
	const details = new TaskDetails(() => post({ type: 'action', action: 'regenerate', resultIndex: list.activeIndex ?? 0 }));
	const parts = new PartsList(post, () => list.playerOf(0));
	return { list, details, parts };
}

document.body.dataset.state = 'loading';
app.replaceChildren(h('p', { class: 'loading', text: t('loading') }));

/** Saves task, active result and each player's position/speed/volume/loop, if changed. */
function persist(): void {
	if (!taskId || !ui) {
		return;
	}
	const { list } = ui;
	const state: PersistedState = { taskId, players: { ...pendingPlayers, ...list.snapshots() } };
	if (list.activeIndex !== undefined) {
		state.activeIndex = list.activeIndex;
	}
	const json = JSON.stringify(state);
	if (json !== lastSaved) {
		lastSaved = json;
		saveState(state);
	}
}

function handle(message: HostToWebview): void {
	switch (message.type) {
		case 'show': {
			setStrings(message.strings);
			ui ??= createUi();
			const { list, details, parts } = ui;
			const view = message.view;
			if (view.task.id !== taskId) {
				pendingPlayers = undefined; // Saved positions belong to another task.
				list.reset();
				taskId = view.task.id;
			}
			document.body.dataset.taskId = view.task.id;
			details.render(view.task);
			list.render(view);
			parts.render(view.parts);
			if (firstShow) {
				firstShow = false;
				app.replaceChildren(details.header, list.root, parts.root, details.section);
				app.removeAttribute('aria-busy');
				const focus = message.focusIndex ?? (restored.taskId === taskId ? restored.activeIndex : undefined);
				if (focus !== undefined) {
					list.focus(focus);
				}
				log('info', `rendered ${view.results.length} result(s) after ${Math.round(performance.now())} ms`);
			} else if (message.focusIndex !== undefined) {
				list.focus(message.focusIndex);
			}
			document.body.dataset.state = 'shown';
			persist();
			break;
		}
		case 'seekPart':
			ui?.parts.seekPart(message.part, message.play);
			break;
		case 'peaks':
			ui?.list.setPeaks(message.resultIndex, message.peaks);
			break;
		case 'state':
			ui?.details.setState(message.status, message.statusLabel, message.progress, message.error);
			break;
		case 'focus':
			ui?.list.focus(message.resultIndex);
			break;
		case 'actionDone':
			if (message.action === 'regenerate') {
				ui?.details.regenerateDone();
			}
			ui?.list.actionDone(message.action, message.resultIndex, message.ok, message.message);
			break;
		case 'missing':
			setStrings(message.strings);
			taskId = message.taskId;
			document.body.dataset.state = 'missing';
			app.replaceChildren(h('p', { class: 'notice error', id: 'missing', text: t('notFound') }));
			app.removeAttribute('aria-busy');
			firstShow = true;
			break;
	}
}

/** Keys that belong to the focused control rather than to the player. */
function ownsKey(target: EventTarget | null, key: string): boolean {
	if (!(target instanceof HTMLElement)) {
		return false;
	}
	if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
		return true;
	}
	if (target instanceof HTMLInputElement) {
		// A range slider uses the arrows itself; a text field uses every key.
		return target.type !== 'range' || key.startsWith('Arrow');
	}
	// Space activates a focused button, link or summary.
	return key === ' ' && (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target.tagName === 'SUMMARY');
}

document.addEventListener('keydown', (ev) => {
	if (ev.ctrlKey || ev.metaKey || ev.altKey || ownsKey(ev.target, ev.key)) {
		return;
	}
	const player = ui?.list.activePlayer();
	if (!player) {
		return;
	}
	switch (ev.key) {
		case ' ':
			player.toggle();
			break;
		case 'ArrowLeft':
			player.seekBy(-5);
			break;
		case 'ArrowRight':
			player.seekBy(5);
			break;
		case 'l':
		case 'L':
			player.toggleLoop();
			break;
		default:
			return;
	}
	ev.preventDefault();
});

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
	const message = parseHostToWebview(ev.data);
	if (!message) {
		log('warn', `page dropped ${describeInvalid(ev.data)}`);
		return;
	}
	try {
		handle(message);
	} catch (err) {
		log('error', `page failed to handle "${message.type}": ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
	}
});

// Positions change continuously while playing; saving once a second is plenty.
setInterval(persist, 1000);
window.addEventListener('error', (ev) => log('error', `page error: ${ev.message} (${ev.filename}:${ev.lineno})`));
window.addEventListener('unhandledrejection', (ev) => log('error', `page unhandled rejection: ${String(ev.reason)}`));

post({ type: 'ready' });

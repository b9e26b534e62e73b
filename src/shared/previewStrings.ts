/**
 * The preview page's UI strings in English. The host localises them (`vscode.l10n.t`) and sends
 * them with each `show`; the page falls back to these for any key it did not receive.
 * Pure: no `vscode` and no DOM.
 */
export const PREVIEW_STRINGS = {
	loading: 'Loading preview…',
	play: 'Play',
	pause: 'Pause',
	loop: 'Loop',
	loopTitle: 'Loop playback without a gap (L)',
	speed: 'Speed',
	volume: 'Volume',
	seek: 'Position',
	waveform: 'Waveform: click to seek',
	waveformPending: 'Drawing waveform…',
	waveformFailed: 'No waveform: the audio could not be decoded here.',
	loopPoint: 'Loop point',
	bpm: 'BPM',
	key: 'Key',
	variant: 'Variant {0}',
	result: 'Result {0}',
	saved: 'Saved as {0}',
	keep: 'Keep this one',
	createPersona: 'Create persona from this',
	saveToWorkspace: 'Save to workspace',
	revealFile: 'Reveal file',
	insertReference: 'Insert reference at cursor',
	regenerate: 'Regenerate',
	openWithVsCode: 'Open with VS Code',
	openExternal: 'Open in system player',
	working: 'Working…',
	actionFailed: 'That did not work: {0}',
	cannotPlay: 'This file may not play in VS Code.',
	silent: 'This video plays without sound here.',
	loadError: 'VS Code could not play this file.',
	pending: 'Waiting for the task to finish…',
	downloading: 'Downloading…',
	missing: 'The file is no longer in the extension\'s storage.',
	failed: 'The download failed.',
	results: 'Results',
	noResults: 'This task has no results yet.',
	details: 'Details',
	prompt: 'Prompt',
	model: 'Model',
	status: 'Status',
	parameters: 'Parameters',
	taskId: 'Task id',
	credits: 'Credits',
	created: 'Created',
	finished: 'Finished',
	files: 'Files',
	notFound: 'This task is no longer in the task list.',
	keyboardHelp: 'Space: play/pause · ←/→: seek 5 s · L: loop',
} as const;

/** A key of `PREVIEW_STRINGS`. */
export type PreviewStringKey = keyof typeof PREVIEW_STRINGS;

/** The page's strings, one per key. */
export type PreviewStrings = Record<PreviewStringKey, string>;

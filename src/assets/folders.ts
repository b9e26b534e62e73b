/**
 * The project's asset folders (`evolink.assetFolders`: one folder per kind, relative to the
 * workspace folder) and the guard that keeps every write inside the workspace folder: no
 * absolute paths, no `..`, no link that points outside. Pure: no `vscode` import; the caller
 * passes `realpath` so links are resolved on the real file system.
 */
import * as path from 'node:path';

export type AssetKind = 'sound' | 'music' | 'speech' | 'video';

/** Why a configured folder was refused, for the user. */
export class AssetFolderError extends Error {}

/**
 * The absolute folder for `relative` inside `workspaceRoot`, or an AssetFolderError that says
 * what is wrong. `realpath` resolves the deepest existing ancestor (links included).
 */
export function resolveAssetFolder(workspaceRoot: string, relative: string, realpath: (p: string) => string | undefined): string {
	const value = relative.trim();
	if (!value) { throw new AssetFolderError('The asset folder is empty.'); }
	if (path.isAbsolute(value) || path.win32.isAbsolute(value) || /^[a-zA-Z]:/.test(value)) {
		throw new AssetFolderError(`The asset folder "${value}" is absolute; use a path inside the workspace folder, e.g. "assets/sfx".`);
	}
	const segments = value.split(/[\\/]+/).filter(Boolean);
	if (segments.some((s) => s === '..')) {
		throw new AssetFolderError(`The asset folder "${value}" leaves the workspace folder ("..").`);
	}
	const target = path.join(workspaceRoot, ...segments.filter((s) => s !== '.'));
	const root = realpath(workspaceRoot) ?? workspaceRoot;
	// The deepest part of the target that exists, resolved: a link inside the workspace must not lead out.
	let probe = target;
	let resolved = realpath(probe);
	while (resolved === undefined && probe !== path.dirname(probe) && probe.length > workspaceRoot.length) {
		probe = path.dirname(probe);
		resolved = realpath(probe);
	}
	const real = resolved === undefined ? target : path.join(resolved, path.relative(probe, target));
	if (real !== root && !real.startsWith(root + path.sep)) {
		throw new AssetFolderError(`The asset folder "${value}" leads outside the workspace folder (through a link, to ${real}).`);
	}
	return target;
}

/** The model kind's asset kind (`voice`/`persona` results are speech/music). */
export function assetKindOf(modelKind: string): AssetKind | undefined {
	switch (modelKind) {
		case 'sound':
			return 'sound';
		case 'music':
		case 'persona':
			return 'music';
		case 'speech':
		case 'voice':
			return 'speech';
		case 'video':
			return 'video';
		default:
			return undefined;
	}
}

/**
 * Where results live on disk. Names are built by us from a validated task id, the result
 * index and an extension from the catalog — never from server data — and checked to stay
 * inside the results folder (reliability D3). Pure: no `vscode` import.
 */
import * as path from 'node:path';

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const SAFE_EXT = /^[a-z0-9]{1,5}$/;

/** The folder holding one task's downloaded results. */
export function taskResultDir(storageDir: string, taskId: string): string {
	if (!SAFE_ID.test(taskId)) { throw new Error(`refusing an unsafe task id for a folder name: ${JSON.stringify(taskId).slice(0, 40)}`); }
	return inside(path.join(storageDir, 'results'), taskId);
}

/** The file of result `index` of a task. */
export function resultFile(storageDir: string, taskId: string, index: number, ext: string): string {
	if (!Number.isInteger(index) || index < 0 || index > 99) { throw new Error(`bad result index ${index}`); }
	if (!SAFE_EXT.test(ext)) { throw new Error(`bad file extension ${ext}`); }
	return inside(taskResultDir(storageDir, taskId), `${index + 1}.${ext}`);
}

/**
 * A file name for the workspace copy: the model, a slug of the prompt, the task's short id
 * and the variant number, e.g. `speech-the-old-lighthouse-4x3rx6ny-1.mp3`.
 */
export function workspaceFileName(kind: string, prompt: string, taskId: string, index: number, ext: string): string {
	const slug = prompt.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || 'untitled';
	const shortId = (taskId.split('-').pop() ?? taskId).replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'task';
	return `${kind}-${slug}-${shortId}-${index + 1}.${SAFE_EXT.test(ext) ? ext : 'bin'}`;
}

function inside(dir: string, name: string): string {
	const full = path.resolve(dir, name);
	if (!full.startsWith(path.resolve(dir) + path.sep)) { throw new Error(`path escapes ${dir}: ${name}`); }
	return full;
}

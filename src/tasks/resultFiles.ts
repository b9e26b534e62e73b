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

function inside(dir: string, name: string): string {
	const full = path.resolve(dir, name);
	if (!full.startsWith(path.resolve(dir) + path.sep)) { throw new Error(`path escapes ${dir}: ${name}`); }
	return full;
}

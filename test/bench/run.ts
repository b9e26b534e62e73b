import { benchActivation } from './activation';
import { benchJoin } from './join';
import { benchStore } from './store';

/**
 * `npm run bench`: each figure next to a baseline measured in the same run, as a ratio.
 * Targets are checked here, never by timed assertions in tests.
 */
async function main(): Promise<void> {
	const a = benchActivation();
	console.log(`activation (require bundle + activate with a stub vscode): ${a.activationMs.toFixed(1)} ms vs empty module ${a.baselineMs.toFixed(1)} ms → ratio ${(a.activationMs / a.baselineMs).toFixed(2)}, +${(a.activationMs - a.baselineMs).toFixed(1)} ms`);
	const s = await benchStore();
	console.log(`task store open, 2,000 tasks: ${s.openMs.toFixed(1)} ms vs JSON.parse of the same tasks ${s.parseMs.toFixed(1)} ms → ratio ${(s.openMs / s.parseMs).toFixed(2)}`);
	console.log(`task store, 500 progress updates: ${s.updateMs.toFixed(1)} ms vs 500 fs.appendFile of the same lines ${s.appendMs.toFixed(1)} ms → ratio ${(s.updateMs / s.appendMs).toFixed(2)}`);
	const j = benchJoin();
	console.log(`writer's chapter, ${j.chars} characters of Markdown → ${j.parts} parts, ${j.audioSec.toFixed(0)} s of audio: clean + split ${j.cleanSplitMs.toFixed(1)} ms; join ${j.joinMs.toFixed(1)} ms vs copying the parts' bytes once ${j.copyMs.toFixed(1)} ms → ratio ${(j.joinMs / j.copyMs).toFixed(1)}`);
	console.log('polling requests and detection delay against the fake: node out/test/bench/polling.js (takes 3 minutes)');
}

void main();

/**
 * Standalone entry: `node out/test/fakes/main.js [--evolink-port N] [--sounds-port N] [--task-ms N]`.
 * Starts both fakes, prints one JSON line with their base URLs and keys, and runs until SIGTERM/SIGINT.
 */
import { startFakeEvolink, startFakeSounds } from './index';

function arg(name: string): number | undefined {
	const i = process.argv.indexOf(`--${name}`);
	if (i < 0) {
		return undefined;
	}
	const n = Number(process.argv[i + 1]);
	if (!Number.isInteger(n) || n < 0) {
		throw new Error(`--${name} needs a non-negative integer, got ${process.argv[i + 1]}`);
	}
	return n;
}

/** Starts both fakes and wires shutdown to the usual signals. */
async function main(): Promise<void> {
	const taskDurationMs = arg('task-ms');
	const evolink = await startFakeEvolink({ port: arg('evolink-port'), taskDurationMs });
	const sounds = await startFakeSounds({ port: arg('sounds-port'), taskDurationMs });
	process.stdout.write(
		`${JSON.stringify({ evolink: { baseUrl: evolink.baseUrl, apiKey: evolink.apiKey }, sounds: { baseUrl: sounds.baseUrl, apiKey: sounds.apiKey } })}\n`,
	);
	let stopping = false;
	const stop = (): void => {
		if (stopping) {
			return;
		}
		stopping = true;
		void Promise.all([evolink.close(), sounds.close()]).then(() => process.exit(0));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});

/**
 * One "window" for the two-window test: the extension's services (store, engine, leases,
 * clients) in a process of its own, on a storage folder another process shares. The parent
 * drives it over IPC: `submit` a sound, `get` the task list, and it may kill it outright.
 */
import { Services } from '../../../src/services';
import { RecordingLog } from './helpers';

interface Start {
	storage: string;
	soundsUrl: string;
	key: string;
	name: string;
}
type Command = { id: number; op: 'submit'; prompt: string } | { id: number; op: 'get' };

let services: Services | undefined;

process.on('message', (msg: Start | Command) => {
	void (async () => {
		if ('storage' in msg) {
			services = await Services.create({
				storageDir: msg.storage,
				getApiKey: async () => msg.key,
				settings: () => ({ evolinkBaseUrl: 'http://127.0.0.1:9', evolinkFilesBaseUrl: 'http://127.0.0.1:9', soundsBaseUrl: msg.soundsUrl, maxDownloadMb: 50 }),
				log: new RecordingLog(),
				userAgent: `window-${msg.name}`,
			});
			process.send!({ ready: true });
			return;
		}
		if (msg.op === 'submit') {
			const task = await services!.engine.submit('suno-sounds', { prompt: msg.prompt, soundLoop: false });
			process.send!({ id: msg.id, value: task.id });
		} else {
			process.send!({ id: msg.id, value: services!.store.list() });
		}
	})().catch((err: unknown) => process.send!({ id: (msg as Command).id, error: String(err) }));
});

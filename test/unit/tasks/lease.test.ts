import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LeaseBook } from '../../../src/tasks/lease';
import { RecordingLog } from './helpers';

const quiet = new RecordingLog();

describe('LeaseBook: one window works on a task', () => {
	let dir: string;
	let now = 1_000_000;
	const book = (owner: string) => new LeaseBook(dir, { owner, ttlMs: 10_000, now: () => now, log: quiet });
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'evolink-lease-'));
		now = 1_000_000;
	});
	afterEach(async () => rm(dir, { recursive: true, force: true }));

	it('the first window takes a free lease; another cannot while the first is alive; it is free again once given back', async () => {
		const a = book('A');
		const b = book('B');
		assert.equal(await a.claim('t1'), true);
		assert.equal(await a.claim('t1'), true, 'ours already');
		assert.equal(await b.claim('t1'), false);
		assert.equal(a.holds('t1'), true);
		assert.equal(b.holds('t1'), false);
		await a.release('t1');
		assert.equal(await b.claim('t1'), true);
	});

	it('a window that stops beating (crashed, hung) loses its leases to the next window that looks, and learns it at its next renewal', async () => {
		const a = book('A');
		const b = book('B');
		assert.equal(await a.claim('t1'), true);
		now += 9_000;
		assert.equal(await b.claim('t1'), false, 'still alive within its heartbeat');
		await a.renew();
		now += 9_000;
		assert.equal(await b.claim('t1'), false, 'renewed');
		now += 11_000;
		assert.equal(await b.claim('t1'), true, 'A stopped beating 11 s ago: taken over');
		assert.deepEqual(await a.renew(), ['t1']);
		assert.equal(a.holds('t1'), false);
	});

	it('of many windows racing for one lease, exactly one wins', async () => {
		const books = Array.from({ length: 12 }, (_, i) => book(`W${i}`));
		const won = await Promise.all(books.map((b) => b.claim('race')));
		assert.equal(won.filter(Boolean).length, 1, JSON.stringify(won));
	});

	it('racing to take over an abandoned lease, at most one wins, every time (20 rounds)', async () => {
		for (let round = 0; round < 20; round++) {
			const id = `t${round}`;
			assert.equal(await book(`dead${round}`).claim(id), true);
			now += 60_000;
			const books = Array.from({ length: 8 }, (_, i) => book(`W${round}-${i}`));
			const won = await Promise.all(books.map((b) => b.claim(id)));
			assert.ok(won.filter(Boolean).length <= 1, `round ${round}: ${JSON.stringify(won)}`);
			// Whoever lost the race sees the winner's lease as alive on the next look; one holds it.
			const again = await Promise.all(books.map((b) => b.claim(id)));
			assert.equal(again.filter(Boolean).length, 1, `round ${round}, second look: ${JSON.stringify(again)}`);
		}
	});

	it('closing gives every lease and the heartbeat back at once, leaving no files', async () => {
		const a = book('A');
		await a.claim('x');
		await a.claim('y');
		a.releaseAllSync();
		assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.json')), []);
		assert.deepEqual(await readdir(path.join(dir, 'owners')), []);
		assert.equal(await book('B').claim('x'), true);
	});
});

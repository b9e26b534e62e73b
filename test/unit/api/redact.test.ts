import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact, redactingLog } from '../../../src/api/redact';
import { recordingLog } from './loopback';

const KEY = 'evo-TESTKEY-0123456789abcdef';

describe('redact', () => {
	it('masks a literal secret everywhere it occurs', () => {
		const out = redact(`key ${KEY} and again ${KEY}.`, [KEY]);
		assert.equal(out.includes(KEY), false);
		assert.equal(out, 'key *** and again ***.');
	});

	it('masks the base64 and URL-encoded forms of a secret', () => {
		const weird = 'k3y/with+chars=xyz12';
		const b64 = Buffer.from(weird).toString('base64');
		const out = redact(`basic ${b64} url ${encodeURIComponent(weird)}`, [weird]);
		assert.equal(out.includes(b64), false);
		assert.equal(out.includes(encodeURIComponent(weird)), false);
	});

	it('masks Bearer tokens and sk- keys even when the secret is not known', () => {
		const out = redact('Authorization: Bearer abc.def-123 and sk-evo-ABCDEFGH12345678 here', []);
		assert.equal(out, 'Authorization: Bearer *** and sk-*** here');
	});

	it('masks key/value credentials and credential query parameters', () => {
		const out = redact('{"api_key":"zzz-secret-value"} https://cdn/x.mp3?X-Amz-Signature=abcdef&id=7&token=qq', []);
		assert.equal(out.includes('zzz-secret-value'), false);
		assert.equal(out.includes('abcdef'), false);
		assert.equal(out.includes('token=qq'), false);
		assert.ok(out.includes('id=7'), 'harmless parameters are kept');
	});

	it('does not mangle task ids, model names or URLs without credentials', () => {
		const text = 'task-unified-1774170584-su75smg7 on doubao-seed-audio-1-0 at https://media.evolink.ai/a.mp3?taskId=7';
		assert.equal(redact(text, []), text);
	});

	it('leaves ordinary text alone and ignores very short secrets', () => {
		assert.equal(redact('The task failed: content_policy_violation', ['a', '']), 'The task failed: content_policy_violation');
	});

	it('masks a secret that contains another secret as a whole', () => {
		const out = redact('abcdef123456789', ['abcdef', 'abcdef123456789']);
		assert.equal(out, '***');
	});
});

describe('redactingLog', () => {
	it('redacts messages, string arguments, errors and objects with the secrets known at call time', () => {
		const inner = recordingLog();
		const secrets: string[] = [];
		const log = redactingLog(inner, () => secrets);
		secrets.push(KEY);
		log.info(`message ${KEY}`, `arg ${KEY}`, { nested: KEY });
		log.error(new Error(`boom ${KEY}`));
		log.warn('x', new Error(`inner ${KEY}`));
		assert.equal(inner.lines.length, 3);
		for (const line of inner.lines) {
			assert.equal(line.includes(KEY), false, line);
		}
		assert.ok(inner.lines[0].startsWith('info message ***'));
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/api/errors';
import { assertAllowedUrl, isAllowedUrl, joinUrl } from '../../../src/api/urls';

describe('assertAllowedUrl', () => {
	const allowed = [
		'https://api.evolink.ai',
		'https://media.evolink.ai/x.mp3?sig=1',
		'http://127.0.0.1:8080/media/a.wav',
		'http://localhost:3000/v1',
		'http://[::1]:9/x',
		'https://files-api.evolink.ai:8443/api',
	];
	const refused = [
		'http://api.evolink.ai',
		'http://10.0.0.1/x',
		'file:///etc/passwd',
		'data:audio/wav;base64,AAAA',
		'javascript:alert(1)',
		'ftp://example.com/x',
		'https://user:pw@cdn.example.com/x',
		'https://user@cdn.example.com/x',
		'https://169.254.169.254/latest/meta-data',
		'https://10.1.2.3/x',
		'https://192.168.1.1/x',
		'https://172.16.0.1/x',
		'https://[fd00::1]/x',
		'https://[fe80::1]/x',
		'https://metadata.google.internal/',
		'not a url',
		'',
	];
	for (const url of allowed) {
		it(`allows ${url}`, () => {
			assert.equal(isAllowedUrl(url), true);
			assert.ok(assertAllowedUrl(url, 'result link') instanceof URL);
		});
	}
	for (const url of refused) {
		it(`refuses ${JSON.stringify(url)}`, () => {
			assert.equal(isAllowedUrl(url), false);
			assert.throws(
				() => assertAllowedUrl(url, 'result link'),
				(err: unknown) => err instanceof ProviderError && err.kind === 'validation' && err.message.includes('result link'),
			);
		});
	}

	it('does not echo credentials from a refused URL', () => {
		assert.throws(
			() => assertAllowedUrl('https://admin:hunter2secret@cdn.example.com/x', 'result link'),
			(err: unknown) => err instanceof ProviderError && !err.message.includes('hunter2secret'),
		);
	});

	it('names the setting to fix for base URLs', () => {
		assert.throws(() => assertAllowedUrl('http://api.example.com', 'EvoLink API base URL'), (err: unknown) => err instanceof ProviderError && /user settings/.test(err.action));
	});
});

describe('joinUrl', () => {
	it('joins without doubled or missing slashes and keeps path prefixes', () => {
		assert.equal(joinUrl('https://a.b/', '/v1/tasks'), 'https://a.b/v1/tasks');
		assert.equal(joinUrl('https://a.b/prefix', 'v1/tasks'), 'https://a.b/prefix/v1/tasks');
	});
});

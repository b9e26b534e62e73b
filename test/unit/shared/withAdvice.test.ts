import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withAdvice } from '../../../src/shared/domain';

describe('withAdvice: a message and what to do next, as one text', () => {
	it('adds the full stop a provider left out, and nothing when there is one', () => {
		assert.equal(withAdvice('Internal server error', 'Try again in a few minutes.'), 'Internal server error. Try again in a few minutes.');
		assert.equal(withAdvice('Quota exceeded.', 'Top up.'), 'Quota exceeded. Top up.');
		assert.equal(withAdvice('Why?', 'Ask.'), 'Why? Ask.');
		assert.equal(withAdvice('No advice'), 'No advice');
	});
});

import { randomBytes } from 'node:crypto';

/**
 * A CSP nonce: 128 bits from the OS CSPRNG, base64. CSP3 asks for an unguessable value;
 * the `Math.random` nonces in VS Code's own samples are not (anchors/reliability.md §1.1).
 */
export function createNonce(): string {
	return randomBytes(16).toString('base64');
}

import type { FaultSpec } from './types';

/** True when a route pattern ('*', 'METHOD /exact/path' or 'METHOD /prefix*') covers 'METHOD /path'. */
export function routeMatches(pattern: string, key: string): boolean {
	if (pattern === '*') {
		return true;
	}
	if (pattern.endsWith('*')) {
		return key.startsWith(pattern.slice(0, -1));
	}
	return pattern === key;
}

interface ArmedFault {
	spec: FaultSpec;
	/** Remaining hits; Infinity when the spec gave no `times`. */
	left: number;
}

/** The queue of injected faults; the first armed fault whose route matches wins. */
export class FaultBook {
	private armed: ArmedFault[] = [];

	/** Arms a fault; `times` omitted means it keeps firing until `clear()`. */
	add(spec: FaultSpec): void {
		if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
			throw new Error(`FaultSpec.times must be a positive integer, got ${spec.times}`);
		}
		this.armed.push({ spec: { ...spec }, left: spec.times ?? Infinity });
	}

	clear(): void {
		this.armed = [];
	}

	/** Picks the fault for one request (`query`: its raw query string) and uses up one of its hits. */
	take(routeKey: string, query = ''): FaultSpec | undefined {
		const hit = this.armed.find((f) => f.left > 0 && routeMatches(f.spec.route, routeKey) && (f.spec.query === undefined || query.includes(f.spec.query)));
		if (!hit) {
			return undefined;
		}
		hit.left -= 1;
		if (hit.left <= 0) {
			this.armed = this.armed.filter((f) => f !== hit);
		}
		return hit.spec;
	}
}

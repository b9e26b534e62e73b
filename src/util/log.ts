/**
 * The logger interface pure modules accept. The extension passes one backed by a
 * LogOutputChannel (`ChannelLogger` in `channelLogger.ts`); tests pass one that records lines.
 */
export interface Log {
	trace(message: string, ...args: unknown[]): void;
	debug(message: string, ...args: unknown[]): void;
	info(message: string, ...args: unknown[]): void;
	warn(message: string, ...args: unknown[]): void;
	error(message: string | Error, ...args: unknown[]): void;
}

/** A logger that drops everything. */
export const nullLog: Log = {
	trace() {/* dropped */},
	debug() {/* dropped */},
	info() {/* dropped */},
	warn() {/* dropped */},
	error() {/* dropped */},
};

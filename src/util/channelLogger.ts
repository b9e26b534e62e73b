import * as vscode from 'vscode';
import type { Log } from './log';

/**
 * The extension's one logger, on a LogOutputChannel so users pick the verbosity with
 * "Developer: Set Log Level". A component tag prefixes each line. Secrets never reach it:
 * the API layer redacts before logging.
 */
export class ChannelLogger implements Log {
	constructor(private readonly channel: vscode.LogOutputChannel, private readonly tag = '') {}

	/** A logger that prefixes its lines with `[tag]`. */
	child(tag: string): ChannelLogger {
		return new ChannelLogger(this.channel, tag);
	}

	trace(message: string, ...args: unknown[]): void {
		this.channel.trace(this.prefix(message), ...args);
	}
	debug(message: string, ...args: unknown[]): void {
		this.channel.debug(this.prefix(message), ...args);
	}
	info(message: string, ...args: unknown[]): void {
		this.channel.info(this.prefix(message), ...args);
	}
	warn(message: string, ...args: unknown[]): void {
		this.channel.warn(this.prefix(message), ...args);
	}
	error(message: string | Error, ...args: unknown[]): void {
		this.channel.error(typeof message === 'string' ? this.prefix(message) : message, ...args);
	}

	show(): void {
		this.channel.show(true);
	}

	private prefix(message: string): string {
		return this.tag ? `[${this.tag}] ${message}` : message;
	}
}

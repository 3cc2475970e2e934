import type { DestinationStream } from "pino";
import pretty from "pino-pretty";

/** What the log's choice of format looks at: a stream, and whether it is a terminal. */
export interface LogStdout {
  readonly isTTY?: boolean;
  write(chunk: string): unknown;
}

/**
 * Readable lines for a person at a terminal: when `stdout` is a TTY, a pino-pretty stream that writes
 * to it (time, level, message, then the line's details, colours on). Anything else (a pipe, a file, a
 * log collector) gets `undefined`, and the caller keeps the JSON log, one object a line, as it is. Called
 * once per app; the secrets are scrubbed before a line reaches either format.
 */
export function terminalDestination(stdout: LogStdout = process.stdout): DestinationStream | undefined {
  if (!stdout.isTTY) return undefined;
  return pretty({
    destination: stdout as NodeJS.WritableStream,
    colorize: true,
    sync: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service",
    singleLine: true,
  });
}

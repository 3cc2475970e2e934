import type { Logger } from "pino";

/** What a graceful shutdown needs of the running app. */
export interface Closable {
  logger: Logger;
  close(): Promise<void>;
}

/** Where signals arrive and how the process ends (the real process by default). */
export interface SignalTarget {
  once(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

/**
 * On the first SIGTERM or SIGINT: log it, close the app gracefully (no new connections, in-flight
 * operations finish, the log is flushed), then exit 0, or 1 when closing failed. Returns a function
 * that removes the handlers.
 */
export function closeOnSignals(app: Closable, target: SignalTarget = process): () => void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, `${signal}: no new connections; finishing in-flight operations`);
    app.close().then(
      () => target.exit(0),
      (error: unknown) => {
        process.stderr.write(`catalog-gateway did not shut down cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        target.exit(1);
      },
    );
  };
  target.once("SIGTERM", stop);
  target.once("SIGINT", stop);
  return () => {
    target.off("SIGTERM", stop);
    target.off("SIGINT", stop);
  };
}

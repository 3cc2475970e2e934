import { pino, type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "../config.js";
import { redact } from "../errors.js";
import { isSecretKey as isSecretName } from "../security/secrets.js";
import { terminalDestination } from "./log-destination.js";

const CENSORED = "[redacted]";
/** How deep `scrub` walks; anything deeper is replaced whole, never written unscrubbed. */
const MAX_SCRUB_DEPTH = 8;
const TOO_DEEP = "[too deep to log]";

/**
 * Whether a log record's key names a secret (its value is then censored whole, whatever its type):
 * the project's one rule, security/secrets.ts.
 */
const isSecretKey = isSecretName;

/**
 * Censors the values of secret keys and replaces credentials in every string of a log record (messages,
 * error texts, nested details), in one walk. pino's own path-based `redact` did the key part at about
 * 28 µs a line, twice the cost of this whole walk, so it is not used.
 */
function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_SCRUB_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    out[key] = isSecretKey(key) && item !== undefined && item !== null ? CENSORED : scrub(item, secrets, depth + 1);
  }
  return out;
}

/** Where and how the gateway logs. */
export interface LoggerOptions {
  level: LogLevel;
  /** Every secret the gateway knows (tokens, API keys; non-empty, as `deps.secrets()`): scrubbed from every line. */
  secrets: () => readonly string[];
  /**
   * Default: readable lines on a terminal (src/observability/log-destination.ts); otherwise stdout as
   * JSON, written asynchronously in batches (flushed on close), never a synchronous write per line.
   */
  destination?: DestinationStream;
}

/**
 * The gateway's structured JSON log (pino), created once per app. No token, secret or connection
 * password is ever written: known secret keys are censored at any depth, and every string is passed
 * through `redact` (bearer tokens, JWTs, `user:password@`, `token=`, and the configured secrets).
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? terminalDestination() ?? bufferedStdout();
  // The secrets of the line being written: read once by `logMethod`, used again by the `log` formatter.
  let secrets: readonly string[] = [];
  return pino(
    {
      level: options.level,
      base: { service: "catalog-gateway" },
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => scrub(record, secrets, 0) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          secrets = options.secrets();
          method.apply(this, args.map((arg) => (typeof arg === "string" ? redact(arg, secrets) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** How long a line may wait in the stdout buffer before it is written. */
const LOG_FLUSH_INTERVAL_MS = 100;

/**
 * Stdout, written asynchronously in batches: lines gather until 4 KiB or `LOG_FLUSH_INTERVAL_MS`,
 * whichever comes first, instead of one write per line (about 10 µs of CPU a line in the writer, and
 * a wake-up of the reader each time). pino writes what is left at exit; `flushLogger` at shutdown.
 */
function bufferedStdout(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const timer = setInterval(() => {
    try {
      stream.flush();
    } catch {
      clearInterval(timer); // the stream was destroyed (stdout closed): nothing more to write
    }
  }, LOG_FLUSH_INTERVAL_MS);
  timer.unref();
  return stream;
}

/** Writes out what an asynchronous destination still holds (at shutdown). */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/**
 * When an upstream call is sent again, and after how long. Pure functions over a small policy object so
 * that the HTTP layer stays a loop and the rules are tested without a clock.
 *
 * The rules follow the upstream contracts: retry 429/503/504 (and 502, a proxy's view of the same
 * trouble) and connections that failed, only for idempotent calls; honour `Retry-After`
 * (docs/upstream/wml.md §8, §9.15; docs/upstream/openmetadata.md §12). A write is never sent twice: POST and
 * PATCH are not idempotent, and a PUT or DELETE is retried only when its caller marks it idempotent.
 */

/** How many times, and how far apart, an idempotent call is tried again. */
export interface RetryPolicy {
  /** Extra attempts after the first; 0 turns retries off. */
  retries: number;
  /** The first backoff step in milliseconds; step n is `baseDelayMs * 2^n`. */
  baseDelayMs: number;
  /** No single wait is longer than this; a `Retry-After` asking for more ends the retries instead. */
  maxDelayMs: number;
}

/** The default policy: two retries, 100 ms then 200 ms (each with jitter), never a wait above 2 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, baseDelayMs: 100, maxDelayMs: 2000 };

/** The statuses that say "not now" rather than "no": worth another try of an idempotent call. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Transport failures where the request most likely never reached the upstream's handler or the
 * connection died before an answer: a fresh connection may succeed. A time-out is not among them: the
 * upstream was reached and is slow, and trying again would multiply the caller's wait.
 */
export const RETRYABLE_TRANSPORT_CODES: ReadonlySet<string> = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ECONNABORTED", "EAI_AGAIN"]);

/** Whether a call may be sent again: GET always, PUT and DELETE only when the caller says so, never POST or PATCH. */
export function isIdempotent(method: string, declared: boolean | undefined): boolean {
  if (method === "GET" || method === "HEAD") return true;
  if (method === "PUT" || method === "DELETE") return declared === true;
  return false;
}

/**
 * Milliseconds from a `Retry-After` header (delta-seconds or an HTTP date), or undefined when the header
 * is absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (0 for the first retry): exponential with "equal jitter", so
 * every wait is at least half its step (a real backoff) and spread over the other half (no herd).
 * A `Retry-After` is honoured as the lower bound. Undefined means do not retry: the upstream asked for
 * a longer pause than the policy allows.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number | undefined {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = step / 2 + random() * (step / 2);
  if (retryAfterMs === undefined) return Math.round(jittered);
  if (retryAfterMs > policy.maxDelayMs) return undefined;
  return Math.round(Math.max(retryAfterMs, jittered));
}

/** Resolves after `ms` milliseconds (a retry's wait). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { setTimeout as sleep } from "node:timers/promises";

/**
 * How an update the caller did not pin to a version (`expectedVersion`) rides out a race: when the
 * upstream answers 412 to its `If-Match` (another writer got there first, docs/upstream/openmetadata.md
 * §6.2), the update reads the entity again, recomputes its patch from the same input, and sends it
 * again, after a pause with jitter; bounded in attempts and in time. Injectable for tests.
 */
export interface ConflictRetry {
  /** The most attempts of one update, the first included. */
  attempts: number;
  /** No new attempt starts later than this after the first one. */
  budgetMs: number;
  /** The pause before retry `n` (1, 2, …), jitter included. */
  delayMs(n: number): number;
  sleep(ms: number): Promise<unknown>;
  now(): number;
}

/** 25 attempts within 5 s; "full jitter" pauses of up to 10 ms · 2ⁿ⁻¹, at most 250 ms. */
export const DEFAULT_CONFLICT_RETRY: ConflictRetry = {
  attempts: 25,
  budgetMs: 5000,
  delayMs: (n) => Math.random() * Math.min(250, 10 * 2 ** (n - 1)),
  sleep: (ms) => sleep(ms),
  now: () => performance.now(),
};

/** Whether another attempt may start, `retries` retries after an update that started at `startedAt`. */
export function mayRetry(policy: ConflictRetry, retries: number, startedAt: number): boolean {
  return retries + 1 < policy.attempts && policy.now() - startedAt < policy.budgetMs;
}

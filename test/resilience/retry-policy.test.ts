import { ConfigError, loadConfig } from "../../src/config.js";
import { DEFAULT_RETRY_POLICY, isIdempotent, parseRetryAfter, retryDelay } from "../../src/upstream/retry.js";

// The retry rules as pure functions: which methods, how long, and Retry-After parsing.

const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };

test("only GET (and HEAD) are idempotent by default; PUT and DELETE when declared; POST and PATCH never", () => {
  expect(isIdempotent("GET", undefined)).toBe(true);
  expect(isIdempotent("PUT", undefined)).toBe(false);
  expect(isIdempotent("PUT", true)).toBe(true);
  expect(isIdempotent("DELETE", true)).toBe(true);
  expect(isIdempotent("POST", true)).toBe(false);
  expect(isIdempotent("PATCH", true)).toBe(false);
});

test("backoff doubles per attempt with equal jitter, capped at maxDelayMs", () => {
  expect([0, 1, 2, 3, 4].map((n) => retryDelay(policy, n, undefined, () => 0))).toEqual([50, 100, 200, 400, 500]);
  expect([0, 1, 2, 3, 4].map((n) => retryDelay(policy, n, undefined, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  const spread = new Set(Array.from({ length: 50 }, () => retryDelay(policy, 2, undefined)));
  expect(spread.size).toBeGreaterThan(10);
});

test("Retry-After is a lower bound, and one above maxDelayMs means give up", () => {
  expect(retryDelay(policy, 0, 700, () => 0)).toBe(700);
  expect(retryDelay(policy, 3, 0, () => 0)).toBe(400);
  expect(retryDelay(policy, 0, 1001, () => 0)).toBeUndefined();
});

test("Retry-After reads delta-seconds and HTTP dates; anything else is ignored", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  expect(parseRetryAfter("3", now)).toBe(3000);
  expect(parseRetryAfter(["2"], now)).toBe(2000);
  expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
  expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
  expect(parseRetryAfter("soon", now)).toBeUndefined();
  expect(parseRetryAfter(undefined, now)).toBeUndefined();
});

test("the retry settings come from the environment, validated", () => {
  expect(loadConfig({}).upstreamRetry).toEqual(DEFAULT_RETRY_POLICY);
  expect(loadConfig({ UPSTREAM_RETRIES: "0", UPSTREAM_RETRY_BASE_MS: "5", UPSTREAM_RETRY_MAX_DELAY_MS: "50" }).upstreamRetry).toEqual({
    retries: 0,
    baseDelayMs: 5,
    maxDelayMs: 50,
  });
  expect(() => loadConfig({ UPSTREAM_RETRIES: "many" })).toThrow(ConfigError);
  expect(() => loadConfig({ UPSTREAM_RETRIES: "11" })).toThrow(/UPSTREAM_RETRIES/);
});

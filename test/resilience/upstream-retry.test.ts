import { DEFAULT_WML_API_VERSION } from "../../src/config.js";
import { SAMPLE_SPACE_ID } from "../../src/local-catalog/wml/sample-data.js";
import { UpstreamError } from "../../src/errors.js";
import { startLocalCatalog, type LocalCatalog } from "../../src/local-catalog/server.js";
import { SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { createUpstream, type Upstream, type UpstreamCall } from "../../src/upstream/http.js";
import type { RetryPolicy } from "../../src/upstream/retry.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { rejection } from "../helpers/rejection.js";

// The HTTP layer over a fault proxy in front of a real local catalog (its WML part, which any bearer
// token may call): which calls are sent again, how far apart, and what a caller is told when they fail.

let catalog: LocalCatalog;
let proxy: FaultProxy;
const POLICY: RetryPolicy = { retries: 2, baseDelayMs: 40, maxDelayMs: 1500 };

function upstreamVia(policy: RetryPolicy = POLICY, timeoutMs = 2000): Upstream {
  return createUpstream({
    service: "wml",
    baseUrl: proxy.url,
    timeoutMs,
    retry: policy,
    parseError: (body) => (typeof body === "object" && body ? { message: String((body as { message?: unknown }).message ?? "") } : {}),
  });
}

const scope = { headers: { authorization: "Bearer resilience" } };
const query = { version: DEFAULT_WML_API_VERSION, space_id: SAMPLE_SPACE_ID };
const MODEL = SAMPLE_MODEL_IDS.churn;
const getModel: UpstreamCall = { method: "GET", path: `ml/v4/models/${MODEL}`, route: "GET /ml/v4/models/{id}", searchParams: query };
const patchModel = (description: string): UpstreamCall => ({
  method: "PATCH",
  path: `ml/v4/models/${MODEL}`,
  route: "PATCH /ml/v4/models/{id}",
  searchParams: query,
  json: [{ op: "replace", path: "/description", value: description }],
  headers: { "content-type": "application/json-patch+json" },
});

const failure = (promise: Promise<unknown>) => rejection(promise, UpstreamError);

function gaps(path: string): number[] {
  const times = proxy.seen(path).map((r) => r.at);
  return times.slice(1).map((t, i) => t - times[i]);
}

beforeAll(async () => {
  catalog = await startLocalCatalog({ port: 0 });
  proxy = await startFaultProxy(catalog.url);
});
afterAll(async () => {
  await proxy.close();
  await catalog.close();
});
beforeEach(() => {
  proxy.reset();
  catalog.resetRequests();
});

describe("reads (GET) are retried a bounded number of times, with backoff", () => {
  test("two 503s then an answer: three attempts, the caller sees the answer", async () => {
    proxy.inject({ method: "GET", path: MODEL }, [{ kind: "status", status: 503 }, { kind: "status", status: 503 }]);
    const answer = await upstreamVia().send<{ metadata: { id: string } }>(getModel, scope);
    expect(answer.body.metadata.id).toBe(MODEL);
    expect(proxy.seen(MODEL)).toHaveLength(3);
    // Equal jitter: retry n waits at least half of base·2^n.
    const [first, second] = gaps(MODEL);
    expect(first).toBeGreaterThanOrEqual(POLICY.baseDelayMs / 2 - 2);
    expect(second).toBeGreaterThanOrEqual(POLICY.baseDelayMs - 2);
  });

  test.each([
    ["502", { kind: "status", status: 502 }],
    ["504", { kind: "status", status: 504 }],
    ["a connection reset", { kind: "reset" }],
  ] as const)("%s is retried", async (_name, fault) => {
    proxy.inject({ method: "GET", path: MODEL }, [fault]);
    const answer = await upstreamVia().send(getModel, scope);
    expect(answer.status).toBe(200);
    expect(proxy.seen(MODEL)).toHaveLength(2);
  });

  test("an upstream that keeps failing: retries + 1 attempts, then UPSTREAM_UNAVAILABLE", async () => {
    proxy.inject({ method: "GET", path: MODEL }, { kind: "status", status: 503 }, { repeat: true });
    const error = await failure(upstreamVia().send(getModel, scope));
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(error.status).toBe(503);
    expect(proxy.seen(MODEL)).toHaveLength(POLICY.retries + 1);
  });

  test("connection resets on every attempt end as UPSTREAM_UNAVAILABLE", async () => {
    proxy.inject({ method: "GET", path: MODEL }, { kind: "reset" }, { repeat: true });
    const error = await failure(upstreamVia().send(getModel, scope));
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(error.status).toBeUndefined();
    expect(proxy.seen(MODEL)).toHaveLength(POLICY.retries + 1);
  });

  test("a 500 is an answer, not a hiccup: not retried", async () => {
    proxy.inject({ method: "GET", path: MODEL }, { kind: "status", status: 500 }, { repeat: true });
    const error = await failure(upstreamVia().send(getModel, scope));
    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(proxy.seen(MODEL)).toHaveLength(1);
  });

  test("a hang past the time-out is UPSTREAM_TIMEOUT after one attempt (retrying would multiply the wait)", async () => {
    proxy.inject({ method: "GET", path: MODEL }, { kind: "hang" });
    const error = await failure(upstreamVia(POLICY, 150).send(getModel, scope));
    expect(error.code).toBe("UPSTREAM_TIMEOUT");
    expect(proxy.seen(MODEL)).toHaveLength(1);
  });

  test("added latency under the time-out is just slower", async () => {
    proxy.inject({ method: "GET", path: MODEL }, { kind: "delay", ms: 80 });
    const answer = await upstreamVia(POLICY, 1000).send(getModel, scope);
    expect(answer.status).toBe(200);
    expect(proxy.seen(MODEL)).toHaveLength(1);
  });

  test("with retries off, one attempt", async () => {
    proxy.inject({ method: "GET", path: MODEL }, { kind: "status", status: 503 }, { repeat: true });
    await failure(upstreamVia({ ...POLICY, retries: 0 }).send(getModel, scope));
    expect(proxy.seen(MODEL)).toHaveLength(1);
  });
});

describe("Retry-After is honoured", () => {
  test("429 with Retry-After: 1 waits at least a second before the retry", async () => {
    proxy.inject({ method: "GET", path: MODEL }, [{ kind: "rate-limit", retryAfterSeconds: 1 }]);
    const answer = await upstreamVia().send(getModel, scope);
    expect(answer.status).toBe(200);
    expect(proxy.seen(MODEL)).toHaveLength(2);
    expect(gaps(MODEL)[0]).toBeGreaterThanOrEqual(990);
  });

  test("an HTTP-date Retry-After is read as a date", async () => {
    const soon = new Date(Date.now() + 1000).toUTCString();
    proxy.inject({ method: "GET", path: MODEL }, [{ kind: "rate-limit", retryAfterSeconds: soon }]);
    await upstreamVia().send(getModel, scope);
    expect(proxy.seen(MODEL)).toHaveLength(2);
    // The date has whole-second precision: the wait is at least what remained of it.
    expect(gaps(MODEL)[0]).toBeGreaterThanOrEqual(POLICY.baseDelayMs / 2 - 2);
  });

  test("a Retry-After longer than the policy allows ends the retries at once with UPSTREAM_UNAVAILABLE", async () => {
    proxy.inject({ method: "GET", path: MODEL }, { kind: "rate-limit", retryAfterSeconds: 120 }, { repeat: true });
    // Waiting 120 s would outlast the test's own time limit: an answer at all shows it did not wait.
    const error = await failure(upstreamVia().send(getModel, scope));
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(error.status).toBe(429);
    expect(proxy.seen(MODEL)).toHaveLength(1);
  });
});

describe("writes are never sent twice", () => {
  test.each([
    ["503", { kind: "status", status: 503 }],
    ["429 with Retry-After: 0", { kind: "rate-limit", retryAfterSeconds: 0 }],
    ["a connection reset", { kind: "reset" }],
  ] as const)("a PATCH that meets %s is sent once", async (_name, fault) => {
    proxy.inject({ method: "PATCH", path: MODEL }, fault, { repeat: true });
    const error = await failure(upstreamVia().send(patchModel("once"), scope));
    expect(["UPSTREAM_UNAVAILABLE"]).toContain(error.code);
    expect(proxy.seen(MODEL, "PATCH")).toHaveLength(1);
  });

  test("a POST that meets a 503 is sent once", async () => {
    proxy.inject({ method: "POST", path: "ml/v4/models" }, { kind: "status", status: 503 }, { repeat: true });
    const call: UpstreamCall = { method: "POST", path: "ml/v4/models", route: "POST /ml/v4/models", searchParams: { version: DEFAULT_WML_API_VERSION }, json: { name: "x" } };
    await failure(upstreamVia().send(call, scope));
    expect(proxy.seen("ml/v4/models", "POST")).toHaveLength(1);
  });

  test("PUT and DELETE are sent once unless the caller marks them idempotent", async () => {
    proxy.inject({ path: "ml/v4/things" }, { kind: "status", status: 503 }, { repeat: true });
    const put: UpstreamCall = { method: "PUT", path: "ml/v4/things/a", route: "PUT /ml/v4/things/{id}", json: {} };
    const del: UpstreamCall = { method: "DELETE", path: "ml/v4/things/a", route: "DELETE /ml/v4/things/{id}" };
    await failure(upstreamVia().send(put, scope));
    await failure(upstreamVia().send(del, scope));
    expect(proxy.seen("ml/v4/things")).toHaveLength(2);
    proxy.reset();
    proxy.inject({ path: "ml/v4/things" }, { kind: "status", status: 503 }, { repeat: true });
    await failure(upstreamVia().send({ ...put, idempotent: true }, scope));
    expect(proxy.seen("ml/v4/things", "PUT")).toHaveLength(POLICY.retries + 1);
  });

  test("a PATCH whose answer was lost: applied once upstream, and the caller is told the outcome is unknown", async () => {
    proxy.inject({ method: "PATCH", path: MODEL }, { kind: "lose-answer" });
    const description = `lost answer ${Date.now()}`;
    const error = await failure(upstreamVia().send(patchModel(description), scope));
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(error.message).toMatch(/may or may not have been applied/);
    expect(catalog.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    const after = await upstreamVia().send<{ metadata: { description?: string } }>(getModel, scope);
    expect(after.body.metadata.description).toBe(description);
  });

  test("a PATCH that hangs past the time-out is UPSTREAM_TIMEOUT, outcome unknown, sent once", async () => {
    proxy.inject({ method: "PATCH", path: MODEL }, { kind: "hang" });
    const error = await failure(upstreamVia(POLICY, 150).send(patchModel("hang"), scope));
    expect(error.code).toBe("UPSTREAM_TIMEOUT");
    expect(error.message).toMatch(/may or may not have been applied/);
    expect(proxy.seen(MODEL, "PATCH")).toHaveLength(1);
  });
});

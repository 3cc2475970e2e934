import { ManualClock } from "../../src/local-catalog/clock.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { captureLog } from "../helpers/log-capture.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { connect, ManualScheduler, until, watch } from "../helpers/subscriptions.js";

const CHANGED = `subscription($id: ID!, $until: Boolean) {
  deploymentChanged(id: $id, untilSettled: $until) { id state statusMessage asset { id rev } failure { code message } }
}`;
const REPLACE = `mutation($id: ID!, $asset: AssetInput!) { replaceAsset(deploymentId: $id, asset: $asset) { outcome } }`;

/** How long an asset replacement stays `updating` in the catalog, on its manual clock. */
const UPDATE_MS = 1000;

describe("deploymentChanged over graphql-ws, polls fired by the test", () => {
  let stack: Stack;
  const clock = new ManualClock();
  const scheduler = new ManualScheduler();
  const log = captureLog();

  beforeAll(async () => {
    stack = await startStack({
      env: { LOG_LEVEL: "info", UPSTREAM_RETRIES: "0" },
      catalog: { clock, wml: { assetUpdateDelayMs: UPDATE_MS } },
      app: { pollScheduler: scheduler, logDestination: log.stream },
    });
  });
  afterAll(() => stack.close());

  const reads = (id: string) => stack.upstream(`/ml/v4/deployments/${id}`).filter((r) => r.method === "GET").length;
  const metric = async (name: string) => {
    const text = await (await fetch(`${stack.origin}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\d+)$`, "m").exec(text)?.[1]);
  };

  /** Waits until the poller has scheduled its next read (the last one answered), fires it, and waits until the catalog got it. */
  async function poll(id: string): Promise<void> {
    await until(() => scheduler.pending.size === 1, 5000, "the next poll scheduled");
    const before = reads(id);
    expect(scheduler.fire()).toBe(1);
    await until(() => reads(id) > before, 5000, "a poll");
  }

  test("two subscribers on one deployment share one poller and see the same events; unsubscribing stops it", async () => {
    const id = SAMPLE_DEPLOYMENT_IDS.diabetesOnline;
    const client = connect(stack.url);
    try {
      const first = watch(client, CHANGED, { id });
      const a0 = await first.next();
      expect(a0).toEqual({ data: { deploymentChanged: { id, state: "READY", statusMessage: null, asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" }, failure: null } } });
      const second = watch(client, CHANGED, { id });
      expect(await second.next()).toEqual(a0);
      expect(reads(id)).toBe(1);
      expect(await metric("gateway_subscription_pollers")).toBe(1);
      expect(await metric("gateway_subscriptions_active")).toBe(2);
      expect(scheduler.pending.size).toBe(1);

      expect((await stack.query(REPLACE, { id, asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" } })).data.replaceAsset.outcome).toBe("UPDATING");
      await poll(id);
      const updating = { state: "UPDATING", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" } };
      expect((await first.next()).data?.deploymentChanged).toMatchObject(updating);
      expect((await second.next()).data?.deploymentChanged).toMatchObject(updating);

      // Nothing changed upstream: a poll sends no event, so the next one each sees is READY.
      await poll(id);
      clock.advance(UPDATE_MS);
      await poll(id);
      const ready = { state: "READY", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, failure: null };
      expect((await first.next()).data?.deploymentChanged).toMatchObject(ready);
      expect((await second.next()).data?.deploymentChanged).toMatchObject(ready);
      expect(first.results).toEqual(second.results);
      // One read for both subscribers' first event, one by replaceAsset's own check, three polls.
      expect(reads(id)).toBe(5);

      first.stop();
      await until(async () => (await metric("gateway_subscriptions_active")) === 1, 5000, "one subscription left");
      expect(await metric("gateway_subscription_pollers")).toBe(1);
      second.stop();
      await until(async () => (await metric("gateway_subscription_pollers")) === 0, 5000, "the poller stopped");
      expect(scheduler.pending.size).toBe(0);
      expect(scheduler.fire()).toBe(0);
      expect(reads(id)).toBe(5);
    } finally {
      await client.dispose();
    }
  });

  test.each([
    ["succeeded", SAMPLE_DEPLOYMENT_IDS.diabetesCanary, { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, { state: "READY", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, failure: null }],
    ["rolled back", SAMPLE_DEPLOYMENT_IDS.diabetesBoosting, { id: SAMPLE_MODEL_IDS.diabetesRollback }, { state: "READY", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, failure: [{ code: "deployment_update_failed", message: expect.stringContaining("reverted") }] }],
    ["failed", SAMPLE_DEPLOYMENT_IDS.diabetesLatest, { id: SAMPLE_MODEL_IDS.diabetesFail, rev: "1" }, { state: "FAILED", asset: { id: SAMPLE_MODEL_IDS.diabetesFail, rev: "1" }, failure: [{ code: "deployment_update_failed", message: expect.any(String) }] }],
  ])("a replaceAsset that %s: UPDATING, then the settled deployment, then the stream completes (untilSettled)", async (_label, id, asset, settled) => {
    const client = connect(stack.url);
    try {
      expect((await stack.query(REPLACE, { id, asset })).data.replaceAsset.outcome).toBe("UPDATING");
      const watched = watch(client, CHANGED, { id, until: true });
      expect((await watched.next()).data?.deploymentChanged).toMatchObject({ state: "UPDATING", asset: { id: asset.id }, failure: null });
      clock.advance(UPDATE_MS);
      await poll(id);
      expect((await watched.next()).data?.deploymentChanged).toMatchObject(settled);
      expect(await watched.done).toEqual({});
      expect(watched.results).toHaveLength(2);
      await until(async () => (await metric("gateway_subscription_pollers")) === 0, 5000, "the poller stopped");
    } finally {
      await client.dispose();
    }
  });

  test("an unknown deployment ends the subscription with NOT_FOUND", async () => {
    const client = connect(stack.url);
    try {
      const watched = watch(client, CHANGED, { id: "00000000-0000-4000-8000-00000000dead" });
      const result = await watched.next();
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("00000000-0000-4000-8000-00000000dead"), extensions: expect.objectContaining({ code: "NOT_FOUND" }) })]);
      expect(await watched.done).toEqual({});
      expect(scheduler.pending.size).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  test("an upstream that keeps failing is read with backoff, honouring Retry-After, then the stream ends with the mapped code", async () => {
    const id = SAMPLE_DEPLOYMENT_IDS.churnOnline;
    const fault = async (body: object) => {
      const response = await fetch(`${stack.catalog.url}/_catalog/wml/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(response.status).toBe(204);
    };
    const client = connect(stack.url);
    try {
      const watched = watch(client, CHANGED, { id });
      expect((await watched.next()).data?.deploymentChanged.state).toBe("READY");
      await fault({ status: 429, count: 1, method: "GET", pathPrefix: `/ml/v4/deployments/${id}`, retryAfterSeconds: 30 });
      await poll(id);
      await until(() => [...scheduler.pending.values()].some((t) => t.ms === 30_000), 5000, "a 30 s wait after Retry-After: 30");
      await fault({ status: 503, count: 10, method: "GET", pathPrefix: `/ml/v4/deployments/${id}` });
      const delays: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        await poll(id);
        await until(() => scheduler.pending.size === 1, 5000, "the next poll scheduled");
        delays.push([...scheduler.pending.values()][0].ms);
      }
      expect(delays[0]).toBeGreaterThanOrEqual(2 * 2000);
      expect(delays[1]).toBeGreaterThan(delays[0]);
      expect(delays[2]).toBeGreaterThan(delays[1]);
      await poll(id);
      const last = await watched.next();
      expect(last.errors?.[0].extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", upstream: { service: "wml", status: 503 } });
      expect(await watched.done).toEqual({});
      expect(scheduler.pending.size).toBe(0);
    } finally {
      await fetch(`${stack.catalog.url}/_catalog/wml/faults`, { method: "DELETE" });
      await client.dispose();
    }
  });

  test("each subscription's start and end is one log line with its request id", async () => {
    const client = connect(stack.url);
    try {
      const watched = watch(client, `subscription Watching($id: ID!) { deploymentChanged(id: $id) { state } }`, { id: SAMPLE_DEPLOYMENT_IDS.churnBatch });
      await watched.next();
      watched.stop();
      await until(() => log.lines().some((l) => l.msg === "subscription end" && l.operation === "Watching"), 5000, "the end line");
      const lines = log.lines().filter((l) => l.operation === "Watching");
      expect(lines.map((l) => l.msg)).toEqual(["subscription start", "subscription end"]);
      expect(lines[0].requestId).toEqual(expect.any(String));
      expect(lines[1]).toMatchObject({ requestId: lines[0].requestId, type: "subscription", outcome: "ok", events: 1 });
    } finally {
      await client.dispose();
      scheduler.fire();
    }
  });
});

import { ManualClock } from "../../src/local-catalog/clock.js";
import { SCHEMA_MISMATCH_TEXT } from "../../src/local-catalog/wml/lifecycle.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

const REPLACE = `mutation($id: ID!, $asset: AssetInput!, $wait: Boolean, $timeout: Int) {
  replaceAsset(deploymentId: $id, asset: $asset, waitUntilReady: $wait, timeoutSeconds: $timeout, force: true) {
    outcome warnings patch { op path value }
    deployment { state asset { id rev } failure { code message trace } statusMessage }
  } }`;

describe("replaceAsset against a catalog that redeploys in 300 ms", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ catalog: { wml: { assetUpdateDelayMs: 300 } } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  const patches = () => stack.upstream("/ml/v4/deployments").filter((r) => r.method === "PATCH");
  const reads = () => stack.upstream("/ml/v4/deployments").filter((r) => r.method === "GET");

  test("without waiting: one replace /asset PATCH, alone, and UPDATING at once with the schema-mismatch warning", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" } });
    expect(answer.errors).toBeUndefined();
    const payload = answer.data.replaceAsset;
    expect(payload.outcome).toBe("UPDATING");
    expect(payload.patch).toEqual([{ op: "replace", path: "/asset", value: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" } }]);
    expect(payload.warnings).toEqual([SCHEMA_MISMATCH_TEXT]);
    expect(payload.deployment).toMatchObject({ state: "UPDATING", statusMessage: SCHEMA_MISMATCH_TEXT });
    expect(patches().map((p) => JSON.parse(p.body))).toEqual([[{ op: "replace", path: "/asset", value: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" } }]]);
    expect(reads()).toHaveLength(1);
  });

  test("waiting: SUCCEEDED once the new asset is ready; the first poll (a second after the PATCH) finds it ready", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({
      outcome: "SUCCEEDED",
      warnings: [],
      deployment: { state: "READY", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, failure: null },
    });
    // The replacement check reads the deployment once; the catalog settles 300 ms after the PATCH and
    // the first poll cannot come before 1 s, so it is the only poll.
    expect(reads()).toHaveLength(2);
  });

  test("waiting: ROLLED_BACK when the service restores the old asset (READY with a failure)", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesBoosting, asset: { id: SAMPLE_MODEL_IDS.diabetesRollback }, wait: true });
    expect(answer.errors).toBeUndefined();
    const payload = answer.data.replaceAsset;
    expect(payload.outcome).toBe("ROLLED_BACK");
    expect(payload.deployment.state).toBe("READY");
    expect(payload.deployment.asset).toEqual({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" });
    expect(payload.deployment.failure).toEqual([{ code: "deployment_update_failed", message: expect.stringContaining("reverted"), trace: expect.any(String) }]);
  });

  test("waiting: FAILED when the redeploy fails", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesLatest, asset: { id: SAMPLE_MODEL_IDS.diabetesFail, rev: "1" }, wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "FAILED", deployment: { state: "FAILED", failure: [{ code: "deployment_update_failed" }] } });
  });

  test("waiting: the schema-mismatch text of the PATCH answer stays in warnings after the deployment settles", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.churnBatch, asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "1" }, wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "SUCCEEDED", warnings: [SCHEMA_MISMATCH_TEXT], deployment: { statusMessage: null } });
  });

  test.each([
    ["a revision that is not a number", { id: SAMPLE_MODEL_IDS.churn, rev: "two" }, undefined, "asset.rev"],
    ["revision 0 (they count from 1)", { id: SAMPLE_MODEL_IDS.churn, rev: "0" }, undefined, "asset.rev"],
    ["an empty asset id", { id: " " }, undefined, "asset.id"],
    ["a time-out out of range", { id: SAMPLE_MODEL_IDS.churn }, 0, "timeoutSeconds"],
  ])("%s is BAD_USER_INPUT with no upstream call", async (_label, asset, timeout, field) => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, asset, timeout });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(stack.upstream("/ml/v4/")).toHaveLength(0);
  });

  test("an asset the space does not hold is the service's 400, with its message", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, asset: { id: "00000000-0000-4000-8000-000000000000" } });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", upstream: { service: "wml", status: 400, code: "invalid_request_entity" } });
  });
});

describe("replaceAsset against a catalog whose redeploy never finishes (its clock stands still)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ catalog: { clock: new ManualClock(Date.now()), wml: { assetUpdateDelayMs: 4000 } } });
  });
  afterAll(() => stack.close());

  test("TIMED_OUT when timeoutSeconds runs out first, with the deployment as last read", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, wait: true, timeout: 1 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "TIMED_OUT", deployment: { state: "UPDATING" } });
    // Polled (after a second) before giving up; the deployment read last is what the payload shows.
    expect(stack.upstream("/ml/v4/deployments").filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(1);
  });
});

import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { LAB_DEPLOYMENT_IDS, LAB_MODEL_IDS, LAB_SPACE_ID } from "../../src/local-catalog/wml/sample-lab.js";
import type { Stack } from "../helpers/stack.js";
import { patchBodies, startWmlStack } from "../helpers/wml-stack.js";

const CHECK = `query($id: ID!, $space: ID, $asset: AssetInput!) {
  assetReplacementCheck(deploymentId: $id, spaceId: $space, asset: $asset) {
    ok problems { code message } deployed { id rev type } candidate { id rev type }
  } }`;

const REPLACE = `mutation($id: ID, $deploymentId: ID, $space: ID, $asset: AssetInput!, $wait: Boolean, $timeout: Int, $force: Boolean) {
  replaceAsset(id: $id, deploymentId: $deploymentId, spaceId: $space, asset: $asset, waitUntilReady: $wait, timeoutSeconds: $timeout, force: $force) {
    outcome changed warnings patch { op path value }
    deployment { state asset { id rev } deployedModel { id rev commitMessage } failure { code } }
  } }`;

const lab = (asset: { id: string; rev?: string }) => ({ id: LAB_DEPLOYMENT_IDS.ridge, space: LAB_SPACE_ID, asset });

describe("assetReplacementCheck and replaceAsset against a catalog that settles on the next read", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startWmlStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  test("a compatible candidate (fields in another order) is ok; one read per distinct model and revision", async () => {
    const answer = await stack.query(CHECK, lab({ id: LAB_MODEL_IDS.ridgeReordered, rev: "1" }));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.assetReplacementCheck).toEqual({
      ok: true,
      problems: [],
      deployed: { id: LAB_MODEL_IDS.ridge, rev: "1", type: "scikit-learn_1.3" },
      candidate: { id: LAB_MODEL_IDS.ridgeReordered, rev: "1", type: "scikit-learn_1.3" },
    });
    expect(stack.upstream("/ml/v4/").map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [`GET /ml/v4/deployments/${LAB_DEPLOYMENT_IDS.ridge}`, `GET /ml/v4/models/${LAB_MODEL_IDS.ridge}`, `GET /ml/v4/models/${LAB_MODEL_IDS.ridgeReordered}`].sort(),
    );
    expect(patchBodies(stack)).toEqual([]);
  });

  test("the deployed model itself costs one model read, shared by both sides", async () => {
    const answer = await stack.query(CHECK, lab({ id: LAB_MODEL_IDS.ridge, rev: "1" }));
    expect(answer.data.assetReplacementCheck.ok).toBe(true);
    expect(stack.upstream("/ml/v4/models/")).toHaveLength(1);
  });

  test.each([
    ["another framework", { id: LAB_MODEL_IDS.xgboost, rev: "1" }, ["FRAMEWORK_MISMATCH"]],
    ["another software specification", { id: LAB_MODEL_IDS.newerRuntime, rev: "1" }, ["SOFTWARE_SPEC_MISMATCH"]],
    ["no input schema", { id: LAB_MODEL_IDS.noSchema }, ["INPUT_SCHEMA_MISSING"]],
    ["another input schema", { id: LAB_MODEL_IDS.churnSchema, rev: "1" }, ["INPUT_SCHEMA_MISMATCH"]],
    ["a model of another space", { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "1" }, ["ASSET_NOT_FOUND"]],
    ["a revision that does not exist", { id: LAB_MODEL_IDS.ridge, rev: "9" }, ["ASSET_NOT_FOUND"]],
  ])("%s is a problem of its own code", async (_label, asset, codes) => {
    const answer = await stack.query(CHECK, lab(asset));
    expect(answer.errors).toBeUndefined();
    const check = answer.data.assetReplacementCheck;
    expect(check.ok).toBe(false);
    expect(check.problems.map((p: { code: string }) => p.code)).toEqual(codes);
    for (const problem of check.problems) expect(problem.message).not.toMatch(/§|contract/);
  });

  test("replaceAsset refuses a candidate with problems: BAD_USER_INPUT with extensions.problems, nothing sent", async () => {
    const answer = await stack.query(REPLACE, lab({ id: LAB_MODEL_IDS.xgboost, rev: "1" }));
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "asset", problems: [{ code: "FRAMEWORK_MISMATCH", message: expect.any(String) }] });
    expect(answer.errors?.[0].message).not.toMatch(/§|contract\.md/);
    expect(patchBodies(stack)).toEqual([]);
  });

  test("replaceAsset with force: true sends the PATCH anyway, with the service's schema-mismatch warning", async () => {
    const answer = await stack.query(REPLACE, { ...lab({ id: LAB_MODEL_IDS.churnSchema, rev: "1" }), force: true, deploymentId: undefined });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "UPDATING", changed: true, warnings: [expect.stringContaining("input schema")] });
    expect(patchBodies(stack)).toEqual([[{ op: "replace", path: "/asset", value: { id: LAB_MODEL_IDS.churnSchema, rev: "1" } }]]);
    // Put the ridge back for the tests that follow (forced: the check would refuse the churn schema's counterpart).
    const back = await stack.query(REPLACE, { ...lab({ id: LAB_MODEL_IDS.ridge, rev: "1" }), force: true, wait: true });
    expect(back.data.replaceAsset.outcome).toBe("SUCCEEDED");
  });

  test("forced onto an asset the space does not hold: the service's 400, naming the asset argument", async () => {
    const answer = await stack.query(REPLACE, { ...lab({ id: "00000000-0000-4000-8000-000000000000" }), force: true });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "asset", upstream: { service: "wml", status: 400 } });
  });

  test("the whole flow: new revision, check, replace and wait, read deployedModel at the new revision", async () => {
    const revision = await stack.query(`mutation { createModelRevision(modelId: "${LAB_MODEL_IDS.ridge}", spaceId: "${LAB_SPACE_ID}", commitMessage: "Retrained.") { rev } }`);
    const rev = revision.data.createModelRevision.rev;
    const check = await stack.query(CHECK, lab({ id: LAB_MODEL_IDS.ridge, rev }));
    expect(check.data.assetReplacementCheck).toMatchObject({ ok: true, deployed: { rev: "1" }, candidate: { rev } });
    const answer = await stack.query(REPLACE, { ...lab({ id: LAB_MODEL_IDS.ridge, rev }), wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({
      outcome: "SUCCEEDED",
      changed: true,
      warnings: [],
      deployment: { state: "READY", asset: { id: LAB_MODEL_IDS.ridge, rev }, deployedModel: { id: LAB_MODEL_IDS.ridge, rev, commitMessage: "Retrained." }, failure: null },
    });
    const read = await stack.query(`{ deployment(id: "${LAB_DEPLOYMENT_IDS.ridge}", spaceId: "${LAB_SPACE_ID}") { deployedModel { rev } } }`);
    expect(read.data.deployment.deployedModel.rev).toBe(rev);
  });

  test("an asset already deployed sends nothing: changed false, empty patch", async () => {
    const current = (await stack.query(`{ deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}") { asset { id rev } } }`)).data.deployment.asset;
    stack.catalog.resetRequests();
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, asset: current });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "SUCCEEDED", changed: false, patch: [] });
    const update = await stack.query(`mutation($asset: AssetInput) { updateDeployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}", input: { asset: $asset }) { changed patch { op } outcome } }`, { asset: current });
    expect(update.data.updateDeployment).toEqual({ changed: false, patch: [], outcome: null });
    expect(patchBodies(stack)).toEqual([]);
  });

  test("ROLLED_BACK when the service restores the old asset", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesBoosting, asset: { id: SAMPLE_MODEL_IDS.diabetesRollback }, wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({
      outcome: "ROLLED_BACK",
      deployment: { state: "READY", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, deployedModel: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, failure: [{ code: "deployment_update_failed" }] },
    });
  });

  test("FAILED when the redeploy fails", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesLatest, asset: { id: SAMPLE_MODEL_IDS.diabetesFail, rev: "1" }, wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "FAILED", deployment: { state: "FAILED", failure: [{ code: "deployment_update_failed" }] } });
  });

  test.each([
    ["neither id nor deploymentId", {}, "id"],
    ["both id and deploymentId", { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, deploymentId: SAMPLE_DEPLOYMENT_IDS.diabetesOnline }, "id"],
  ])("%s is BAD_USER_INPUT naming the argument, with no upstream call", async (_label, ids, field) => {
    const answer = await stack.query(REPLACE, { ...ids, asset: { id: SAMPLE_MODEL_IDS.churn } });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(stack.upstream("/ml/v4/")).toHaveLength(0);
  });

  test("the deprecated deploymentId still works", async () => {
    const answer = await stack.query(REPLACE, { deploymentId: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" }, wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "SUCCEEDED", deployment: { asset: { rev: "2" } } });
  });
});

describe("replaceAsset against a catalog that does not finish redeploying", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startWmlStack(3_600_000);
    stack.app.deps.wmlPolling = { firstDelayMs: 100, factor: 1, maxDelayMs: 100 };
  });
  afterAll(() => stack.close());

  test("TIMED_OUT when timeoutSeconds runs out, with the deployment as last read", async () => {
    const answer = await stack.query(REPLACE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, wait: true, timeout: 1 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.replaceAsset).toMatchObject({ outcome: "TIMED_OUT", deployment: { state: "UPDATING" } });
    expect(stack.upstream(`/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`).filter((r) => r.method === "GET").length).toBeGreaterThan(1);
  });
});

import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_SERVING_NAME } from "../../src/local-catalog/wml/sample-data.js";
import { LAB_DEPLOYMENT_IDS, LAB_MEMBERS, LAB_SPACE_ID } from "../../src/local-catalog/wml/sample-lab.js";
import { captureLog } from "../helpers/log-capture.js";
import type { Stack } from "../helpers/stack.js";
import { patchBodies, startWmlStack } from "../helpers/wml-stack.js";

const UPDATE = `mutation($id: ID!, $space: ID, $input: UpdateDeploymentInput!, $wait: Boolean, $timeout: Int) {
  updateDeployment(id: $id, spaceId: $space, input: $input, waitUntilReady: $wait, timeoutSeconds: $timeout) {
    changed outcome warnings patch { op path value }
    deployment { description servingName owner state ownerInSpace }
  } }`;

const PATCH = `mutation($id: ID!, $space: ID, $ops: [JsonPatchOperationInput!]!, $dryRun: Boolean) {
  patchDeployment(id: $id, spaceId: $space, operations: $ops, dryRun: $dryRun) {
    changed outcome warnings patch { op path value } deployment { description servingName state }
  } }`;

const memberCalls = (stack: Stack) => stack.upstream("/v2/spaces/").map((r) => r.path);

describe("owners, serving names and restarts against a catalog that settles on the next read", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startWmlStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  test("ownerInSpace and warnings: false with the advice when the owner left; one members call per space and owner", async () => {
    const answer = await stack.query(`{
      orphaned: deployment(id: "${LAB_DEPLOYMENT_IDS.orphaned}", spaceId: "${LAB_SPACE_ID}") { owner ownerInSpace warnings }
      kept: deployment(id: "${LAB_DEPLOYMENT_IDS.ridge}", spaceId: "${LAB_SPACE_ID}") { ownerInSpace warnings }
      a: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { ownerInSpace warnings }
      b: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}") { ownerInSpace }
    }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.orphaned).toEqual({
      owner: LAB_MEMBERS.departed,
      ownerInSpace: false,
      warnings: [expect.stringContaining("Only a space admin can assign a new owner")],
    });
    expect(answer.data.orphaned.warnings[0]).not.toMatch(/§|contract/);
    expect(answer.data.kept).toEqual({ ownerInSpace: true, warnings: [] });
    expect(answer.data.a).toEqual({ ownerInSpace: true, warnings: [] });
    expect(answer.data.b).toEqual({ ownerInSpace: true });
    // Three distinct (space, owner) pairs: the lab's departed owner, the lab's admin, the sample space's owner.
    expect(memberCalls(stack)).toHaveLength(3);
    expect(memberCalls(stack)).toEqual(
      expect.arrayContaining([`/v2/spaces/${LAB_SPACE_ID}/members/${LAB_MEMBERS.departed}`, `/v2/spaces/${LAB_SPACE_ID}/members/IBMid-6600000LC1`, expect.stringMatching(/^\/v2\/spaces\/(?!8a7b)[^/]+\/members\/IBMid-6600000LC1$/)]),
    );
  });

  test("a mutation on a deployment whose owner left carries the same warning", async () => {
    const answer = await stack.query(UPDATE, { id: LAB_DEPLOYMENT_IDS.orphaned, space: LAB_SPACE_ID, input: { description: "still serving" } });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.updateDeployment).toMatchObject({ changed: true, outcome: "SUCCEEDED", warnings: [expect.stringContaining(LAB_MEMBERS.departed)], deployment: { ownerInSpace: false } });
    expect(memberCalls(stack)).toHaveLength(1);
  });

  test("a taken serving name is CONFLICT before any write: the description stays as it was", async () => {
    const before = (await stack.query(`{ deployment(id: "${LAB_DEPLOYMENT_IDS.ridge}", spaceId: "${LAB_SPACE_ID}") { description } }`)).data.deployment.description;
    stack.catalog.resetRequests();
    const answer = await stack.query(UPDATE, { id: LAB_DEPLOYMENT_IDS.ridge, space: LAB_SPACE_ID, input: { description: "renamed", servingName: SAMPLE_SERVING_NAME } });
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", upstream: { status: 409, code: "serving_name_already_exists" } });
    expect(answer.errors?.[0].message).toContain("nothing was changed");
    const check = stack.upstream("/ml/v4/deployments").find((r) => new URLSearchParams(r.query).get("conflict") === "true");
    expect(new URLSearchParams(check!.query).get("serving_name")).toBe(SAMPLE_SERVING_NAME);
    expect(new URLSearchParams(check!.query).get("space_id")).toBeNull();
    expect(patchBodies(stack)).toEqual([]);
    const after = await stack.query(`{ deployment(id: "${LAB_DEPLOYMENT_IDS.ridge}", spaceId: "${LAB_SPACE_ID}") { description servingName } }`);
    expect(after.data.deployment).toEqual({ description: before, servingName: "lab_ridge" });
  });

  test("waitUntilReady: a serving-name change waits for the restart and answers SUCCEEDED", async () => {
    const answer = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesBoosting, input: { servingName: "boosting_waited" }, wait: true });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.updateDeployment).toMatchObject({ changed: true, outcome: "SUCCEEDED", deployment: { servingName: "boosting_waited", state: "READY" } });
    const reads = stack.upstream(`/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesBoosting}`).filter((r) => r.method === "GET");
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  test("patchDeployment sends raw operations as they are; dryRun sends nothing", async () => {
    const dry = await stack.query(PATCH, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, ops: [{ op: "replace", path: "/description", value: "raw" }], dryRun: true });
    expect(dry.data.patchDeployment).toMatchObject({ changed: true, outcome: null, deployment: { description: "Churn classifier, revision 1" } });
    expect(patchBodies(stack)).toEqual([]);
    const sent = await stack.query(PATCH, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, ops: [{ op: "replace", path: "/description", value: "raw" }, { op: "add", path: "/tags", value: ["raw"] }] });
    expect(sent.errors).toBeUndefined();
    expect(sent.data.patchDeployment).toMatchObject({ changed: true, deployment: { description: "raw" } });
    expect(patchBodies(stack)).toEqual([[{ op: "replace", path: "/description", value: "raw" }, { op: "add", path: "/tags", value: ["raw"] }]]);
  });

  test("patchDeployment checks a new serving name for conflicts first", async () => {
    const answer = await stack.query(PATCH, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, ops: [{ op: "add", path: "/online/parameters", value: { serving_name: SAMPLE_SERVING_NAME } }] });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "CONFLICT" });
    expect(patchBodies(stack)).toEqual([]);
  });

  test.each([
    ["/asset with another operation", [{ op: "replace", path: "/description", value: "x" }, { op: "replace", path: "/asset", value: { id: "m" } }], "operations[1].path"],
    ["add on the replace-only /asset", [{ op: "add", path: "/asset", value: { id: "m" } }], "operations[0].op"],
    ["an unpatchable path", [{ op: "replace", path: "/status/state", value: "ready" }], "operations[0].path"],
    ["a serving name with an owner change", [{ op: "replace", path: "/metadata/owner", value: "IBMid-1" }, { op: "replace", path: "/online/parameters", value: { serving_name: "x" } }], "operations[0].path"],
    ["remove with a value", [{ op: "remove", path: "/description", value: "x" }], "operations[0].value"],
  ])("patchDeployment: %s is BAD_USER_INPUT naming the operation, with no upstream call", async (_label, ops, field) => {
    const answer = await stack.query(PATCH, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, ops });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(stack.upstream("/ml/v4/")).toHaveLength(0);
  });
});

describe("a later PATCH of one update failing after an earlier one succeeded", () => {
  let stack: Stack;
  const log = captureLog();
  beforeAll(async () => {
    stack = await startWmlStack(3_600_000, log.stream);
  });
  afterAll(() => stack.close());

  test("the error carries extensions.applied, the operations already written", async () => {
    // A serving-name change leaves the deployment restarting (the catalog's clock does not move).
    const restart = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, input: { servingName: "canary_restarting" } });
    expect(restart.data.updateDeployment).toMatchObject({ outcome: "UPDATING", deployment: { state: "UPDATING" } });
    stack.catalog.resetRequests();
    // Metadata is accepted while restarting; the owner change, a restart of its own, is refused with 409.
    const answer = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, input: { description: "half applied", owner: LAB_MEMBERS.editor } });
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0].extensions).toMatchObject({
      code: "CONFLICT",
      applied: [{ op: "replace", path: "/description", value: "half applied" }],
      failed: [{ op: "replace", path: "/metadata/owner", value: LAB_MEMBERS.editor }],
      upstream: { status: 409, code: "deployment_update_in_progress" },
    });
    expect(answer.errors?.[0].message).toContain("failed after these changes were applied: metadata (replace /description)");
    expect(patchBodies(stack)).toHaveLength(2);
    // The operation's log line is written just after the answer; wait for it, bounded.
    let line: Record<string, any> | undefined;
    for (let i = 0; i < 100 && !line; i++) {
      line = log.lines().find((l) => l.msg === "operation" && l.outcome === "error");
      if (!line) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(line?.errors?.[0]).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("after these changes were applied: metadata (replace /description)") });
  });
});

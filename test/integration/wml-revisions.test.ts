import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS, SAMPLE_SERVING_NAME } from "../../src/local-catalog/wml/sample-data.js";
import { LAB_MODEL_IDS, LAB_PROJECT_ID, LAB_SPACE_ID } from "../../src/local-catalog/wml/sample-lab.js";
import type { Stack } from "../helpers/stack.js";
import { patchBodies, startWmlStack } from "../helpers/wml-stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startWmlStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

const CREATE = `mutation($id: ID!, $space: ID, $project: ID, $message: String) {
  createModelRevision(modelId: $id, spaceId: $space, projectId: $project, commitMessage: $message) {
    rev commitMessage committedAt model { id rev name spaceId projectId }
  } }`;

test("createModelRevision: POST /revisions with the container in the body; revisions lists it first", async () => {
  const created = await stack.query(CREATE, { id: LAB_MODEL_IDS.ridge, space: LAB_SPACE_ID, message: "Retrained on November data." });
  expect(created.errors).toBeUndefined();
  expect(created.data.createModelRevision).toMatchObject({
    rev: "2",
    commitMessage: "Retrained on November data.",
    committedAt: expect.any(String),
    model: { id: LAB_MODEL_IDS.ridge, rev: "2", spaceId: LAB_SPACE_ID, projectId: null },
  });
  const posts = stack.upstream("/revisions").filter((r) => r.method === "POST");
  expect(posts).toHaveLength(1);
  expect(JSON.parse(posts[0].body)).toEqual({ space_id: LAB_SPACE_ID, commit_message: "Retrained on November data." });
  // The created revision primed the loader: its `model` cost no read.
  expect(stack.upstream(`/ml/v4/models/${LAB_MODEL_IDS.ridge}`).filter((r) => r.method === "GET")).toHaveLength(0);

  const listed = await stack.query(`{ model(id: "${LAB_MODEL_IDS.ridge}", spaceId: "${LAB_SPACE_ID}") { rev revisions(first: 1) { nodes { rev commitMessage } pageInfo { hasNextPage endCursor } } } }`);
  expect(listed.errors).toBeUndefined();
  expect(listed.data.model.rev).toBeNull();
  expect(listed.data.model.revisions.nodes).toEqual([{ rev: "2", commitMessage: "Retrained on November data." }]);
  expect(listed.data.model.revisions.pageInfo.hasNextPage).toBe(true);
  const next = await stack.query(`query($after: String) { model(id: "${LAB_MODEL_IDS.ridge}", spaceId: "${LAB_SPACE_ID}") { revisions(first: 5, after: $after) { nodes { rev commitMessage model { rev inputSchema } } pageInfo { hasNextPage } } } }`, {
    after: listed.data.model.revisions.pageInfo.endCursor,
  });
  expect(next.errors).toBeUndefined();
  expect(next.data.model.revisions.nodes).toEqual([{ rev: "1", commitMessage: "Initial model.", model: { rev: "1", inputSchema: expect.any(Array) } }]);
  expect(next.data.model.revisions.pageInfo.hasNextPage).toBe(false);
});

test("models in a project: project_id instead of space_id on every call", async () => {
  const read = await stack.query(`{ model(id: "${LAB_MODEL_IDS.projectRidge}", projectId: "${LAB_PROJECT_ID}") { name spaceId projectId deployments { id } revisions { nodes { rev } } } }`);
  expect(read.errors).toBeUndefined();
  expect(read.data.model).toEqual({ name: "Project ridge", spaceId: null, projectId: LAB_PROJECT_ID, deployments: [], revisions: { nodes: [{ rev: "1" }] } });
  const created = await stack.query(CREATE, { id: LAB_MODEL_IDS.projectRidge, project: LAB_PROJECT_ID });
  expect(created.data.createModelRevision).toMatchObject({ rev: "2", model: { projectId: LAB_PROJECT_ID } });
  const updated = await stack.query(`mutation { updateModel(id: "${LAB_MODEL_IDS.projectRidge}", projectId: "${LAB_PROJECT_ID}", input: { description: "project copy" }) { changed model { description projectId } } }`);
  expect(updated.data.updateModel).toEqual({ changed: true, model: { description: "project copy", projectId: LAB_PROJECT_ID } });
  for (const request of stack.upstream("/ml/v4/models")) {
    const query = new URLSearchParams(request.query);
    expect(query.get("project_id")).toBe(LAB_PROJECT_ID);
    expect(query.get("space_id")).toBeNull();
  }
});

test.each([
  ["model", `{ model(id: "${LAB_MODEL_IDS.ridge}", spaceId: "${LAB_SPACE_ID}", projectId: "${LAB_PROJECT_ID}") { id } }`],
  ["createModelRevision", `mutation { createModelRevision(modelId: "${LAB_MODEL_IDS.ridge}", spaceId: "${LAB_SPACE_ID}", projectId: "${LAB_PROJECT_ID}") { rev } }`],
  ["updateModel", `mutation { updateModel(id: "${LAB_MODEL_IDS.ridge}", spaceId: "${LAB_SPACE_ID}", projectId: "${LAB_PROJECT_ID}", input: { name: "x" }) { changed } }`],
])("%s with both spaceId and projectId is BAD_USER_INPUT naming projectId, before any call", async (_label, operation) => {
  const answer = await stack.query(operation);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "projectId" });
  expect(stack.upstream("/ml/v4/")).toHaveLength(0);
});

test.each(["0", "01", "two", "-1"])("model(rev: %j) is BAD_USER_INPUT naming rev, before any call (revisions count from 1)", async (rev) => {
  const answer = await stack.query(`query ($rev: String) { model(id: "${SAMPLE_MODEL_IDS.diabetesRidge}", rev: $rev) { id } }`, { rev });
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "rev" });
  expect(stack.upstream("/ml/v4/")).toHaveLength(0);
});

test("deployedModel is the model at asset.rev, model the current copy; one read per distinct model and revision", async () => {
  const answer = await stack.query(`{
    a: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { asset { rev } deployedModel { id rev description } model { rev } }
    b: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}") { asset { rev } deployedModel { rev } model { rev } }
    c: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesLatest}") { asset { rev } deployedModel { rev } }
  }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.a).toEqual({ asset: { rev: "2" }, deployedModel: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2", description: expect.stringContaining("revision 2") }, model: { rev: null } });
  expect(answer.data.b).toEqual({ asset: { rev: "1" }, deployedModel: { rev: "1" }, model: { rev: null } });
  expect(answer.data.c).toEqual({ asset: { rev: null }, deployedModel: { rev: null } });
  const modelReads = stack.upstream(`/ml/v4/models/${SAMPLE_MODEL_IDS.diabetesRidge}`).map((r) => new URLSearchParams(r.query).get("rev"));
  expect(modelReads.sort()).toEqual(["1", "2", null].sort());
});

test("one upstream call per distinct deployment, whether addressed by id or by serving name", async () => {
  const answer = await stack.query(`{
    byId: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { name }
    byName: deployment(servingName: "${SAMPLE_SERVING_NAME}") { name }
    other: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}") { name }
  }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.byId).toEqual(answer.data.byName);
  expect(stack.upstream("/ml/v4/deployments").map((r) => r.path).sort()).toEqual(["/ml/v4/deployments", `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}`].sort());
  // Again with a nested read in the same request: the list by serving name answers the id too, no GET.
  stack.catalog.resetRequests();
  const nested = await stack.query(`{ a: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { model { deployments { id } } } b: deployment(servingName: "${SAMPLE_SERVING_NAME}") { id } }`);
  expect(nested.errors).toBeUndefined();
  expect(stack.upstream(`/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`)).toHaveLength(0);
});

test("deployment(servingName:) lists with serving_name= and primes the id loader", async () => {
  const answer = await stack.query(`{ byName: deployment(servingName: "${SAMPLE_SERVING_NAME}") { id servingName } none: deployment(servingName: "no_such_name") { id } }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data).toEqual({ byName: { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, servingName: SAMPLE_SERVING_NAME }, none: null });
  const lists = stack.upstream("/ml/v4/deployments").map((r) => new URLSearchParams(r.query).get("serving_name"));
  expect(lists.sort()).toEqual([SAMPLE_SERVING_NAME, "no_such_name"].sort());
  const both = await stack.query(`{ deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}", servingName: "${SAMPLE_SERVING_NAME}") { id } }`);
  expect(both.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
});

describe("patchModel: raw operations checked against the patchable paths", () => {
  const PATCH = `mutation($ops: [JsonPatchOperationInput!]!, $dryRun: Boolean) {
    patchModel(id: "${SAMPLE_MODEL_IDS.churn}", operations: $ops, dryRun: $dryRun) { changed patch { op path value } model { name } } }`;

  test("a valid operation is sent as it is", async () => {
    const answer = await stack.query(PATCH, { ops: [{ op: "replace", path: "/name", value: "Churn (raw)" }] });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.patchModel).toMatchObject({ changed: true, model: { name: "Churn (raw)" } });
    expect(patchBodies(stack)).toEqual([[{ op: "replace", path: "/name", value: "Churn (raw)" }]]);
  });

  test.each([
    ["an unpatchable path", [{ op: "replace", path: "/type", value: "xgboost_1.6" }], "operations[0].path"],
    ["add on a replace-only path", [{ op: "replace", path: "/name", value: "x" }, { op: "add", path: "/software_spec", value: { name: "runtime-24.1-py3.11" } }], "operations[1].op"],
    ["an op WML does not take", [{ op: "move", path: "/name", from: "/description" }], "operations[0].op"],
    ["replace without a value", [{ op: "replace", path: "/description" }], "operations[0].value"],
    ["no operation", [], "operations"],
  ])("%s is BAD_USER_INPUT naming the operation, with no upstream call", async (_label, ops, field) => {
    const answer = await stack.query(PATCH, { ops });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(stack.upstream("/ml/v4/")).toHaveLength(0);
  });
});

test("updateModel: a refused input names its path from the argument (input.softwareSpec)", async () => {
  const answer = await stack.query(`mutation { updateModel(id: "${SAMPLE_MODEL_IDS.churn}", input: { softwareSpec: { id: "a", name: "b" } }) { changed } }`);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.softwareSpec" });
  expect(answer.errors?.[0].message).toMatch(/^input\.softwareSpec: give exactly one of id and name$/);
  expect(patchBodies(stack)).toEqual([]);
});

test("updateModel: the service's 400 (a retired runtime) names the input argument beside the upstream's answer", async () => {
  const answer = await stack.query(`mutation { updateModel(id: "${SAMPLE_MODEL_IDS.churn}", input: { softwareSpec: { name: "runtime-22.1-py3.9" } }) { changed } }`);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input", upstream: { service: "wml", status: 400, code: "invalid_request_entity" } });
});

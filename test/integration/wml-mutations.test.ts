import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

const UPDATE = `mutation($id: ID!, $input: UpdateDeploymentInput!, $dryRun: Boolean) {
  updateDeployment(id: $id, input: $input, dryRun: $dryRun) {
    changed warnings patch { op path value }
    deployment { name description tags custom servingName owner state hardwareSpec { name numNodes } }
  } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

const patches = () => stack.upstream("/ml/v4/deployments").filter((r) => r.method === "PATCH");
const wmlCalls = () => stack.upstream("/ml/v4/");

test("updateDeployment: metadata changes are one PATCH of add/replace/remove; null removes", async () => {
  const answer = await stack.query(UPDATE, {
    id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline,
    input: { name: "Diabetes online v2", description: null, tags: ["team-a"], custom: { owner_team: "b" } },
  });
  expect(answer.errors).toBeUndefined();
  const payload = answer.data.updateDeployment;
  expect(payload.changed).toBe(true);
  expect(payload.patch).toEqual([
    { op: "replace", path: "/name", value: "Diabetes online v2" },
    { op: "remove", path: "/description", value: null },
    { op: "replace", path: "/tags", value: ["team-a"] },
    { op: "replace", path: "/custom", value: { owner_team: "b" } },
  ]);
  expect(payload.deployment).toMatchObject({ name: "Diabetes online v2", description: null, tags: ["team-a"], custom: { owner_team: "b" }, state: "READY" });
  expect(patches()).toHaveLength(1);
  expect(JSON.parse(patches()[0].body)).toEqual([
    { op: "replace", path: "/name", value: "Diabetes online v2" },
    { op: "remove", path: "/description" },
    { op: "replace", path: "/tags", value: ["team-a"] },
    { op: "replace", path: "/custom", value: { owner_team: "b" } },
  ]);
  expect(payload.warnings).toEqual([]);
});

test("updateDeployment: dryRun answers the ops and sends no PATCH; an unchanged input changes nothing", async () => {
  const dry = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, input: { description: "canary, soon" }, dryRun: true });
  expect(dry.errors).toBeUndefined();
  expect(dry.data.updateDeployment).toMatchObject({ changed: true, patch: [{ op: "replace", path: "/description", value: "canary, soon" }], deployment: { description: "Ridge regressor, revision 1" } });
  const same = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, input: { name: "Diabetes canary", tags: ["team-a", "canary"] } });
  expect(same.data.updateDeployment).toMatchObject({ changed: false, patch: [] });
  expect(patches()).toHaveLength(0);
});

test("updateDeployment: metadata first, then the serving name in a PATCH of its own", async () => {
  const answer = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesBoosting, input: { description: "boosting, named", servingName: "boosting_v1" } });
  expect(answer.errors).toBeUndefined();
  expect(answer.data.updateDeployment.patch).toEqual([
    { op: "replace", path: "/description", value: "boosting, named" },
    { op: "add", path: "/online/parameters", value: { serving_name: "boosting_v1" } },
  ]);
  expect(answer.data.updateDeployment.deployment).toMatchObject({ description: "boosting, named", servingName: "boosting_v1", state: "UPDATING" });
  expect(patches().map((p) => JSON.parse(p.body))).toEqual([
    [{ op: "replace", path: "/description", value: "boosting, named" }],
    [{ op: "add", path: "/online/parameters", value: { serving_name: "boosting_v1" } }],
  ]);
});

test("updateDeployment: the owner alone is one replace PATCH; hardware scaling replaces /hardware_spec", async () => {
  const owner = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, input: { owner: "IBMid-1200000AB1" } });
  expect(owner.errors).toBeUndefined();
  expect(owner.data.updateDeployment.deployment.owner).toBe("IBMid-1200000AB1");
  expect(JSON.parse(patches()[0].body)).toEqual([{ op: "replace", path: "/metadata/owner", value: "IBMid-1200000AB1" }]);
  stack.catalog.resetRequests();
  const scale = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, input: { hardwareSpec: { numNodes: 2 } } });
  expect(scale.errors).toBeUndefined();
  expect(scale.data.updateDeployment.deployment.hardwareSpec).toEqual({ name: "S", numNodes: 2 });
  expect(JSON.parse(patches()[0].body)).toEqual([{ op: "replace", path: "/hardware_spec", value: { name: "S", num_nodes: 2 } }]);
});

test.each([
  ["serving name and owner together", { servingName: "x_1", owner: "IBMid-1" }, "input.owner"],
  ["a malformed serving name", { servingName: "Not-Valid" }, "input.servingName"],
  ["a null name", { name: null }, "input.name"],
  ["a null owner", { owner: null }, "input.owner"],
])("updateDeployment: %s is BAD_USER_INPUT and sends no PATCH", async (_label, input, field) => {
  const answer = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesLatest, input });
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(patches()).toHaveLength(0);
});

test("updateDeployment: an asset change mixed with other changes is refused with no upstream call at all", async () => {
  const answer = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesLatest, input: { asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting }, name: "x" } });
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.asset" });
  expect(answer.errors?.[0].message).toContain("name");
  expect(wmlCalls()).toHaveLength(0);
});

test("updateDeployment: an unknown deployment is NOT_FOUND; a serving name taken elsewhere is the service's CONFLICT with its trace", async () => {
  const missing = await stack.query(UPDATE, { id: "00000000-0000-4000-8000-000000000000", input: { name: "x" } });
  expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  const taken = await stack.query(UPDATE, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, input: { servingName: "diabetes_v1" } });
  expect(taken.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", upstream: { service: "wml", status: 409, code: "serving_name_already_exists", trace: expect.stringMatching(/^[0-9a-f]{32}$/) } });
});

const UPDATE_MODEL = `mutation($id: ID!, $input: UpdateModelInput!, $dryRun: Boolean) {
  updateModel(id: $id, input: $input, dryRun: $dryRun) { changed warnings patch { op path value } model { name description tags custom softwareSpec { name } modelVersion } } }`;

test("updateModel: the patchable paths as one PATCH; null removes; dryRun sends nothing", async () => {
  const dry = await stack.query(UPDATE_MODEL, { id: SAMPLE_MODEL_IDS.churn, input: { name: "Churn v2" }, dryRun: true });
  expect(dry.data.updateModel).toMatchObject({ changed: true, model: { name: "Customer churn classifier" } });
  expect(stack.upstream("/ml/v4/models").filter((r) => r.method === "PATCH")).toHaveLength(0);

  const answer = await stack.query(UPDATE_MODEL, {
    id: SAMPLE_MODEL_IDS.churn,
    input: { name: "Churn v2", description: null, tags: ["churn"], custom: { team: "c" }, softwareSpec: { name: "runtime-24.1-py3.11" }, modelVersion: { number: "2.0.0", tag: "prod" } },
  });
  expect(answer.errors).toBeUndefined();
  expect(answer.data.updateModel.patch).toEqual([
    { op: "replace", path: "/name", value: "Churn v2" },
    { op: "remove", path: "/description", value: null },
    { op: "replace", path: "/tags", value: ["churn"] },
    { op: "add", path: "/custom", value: { team: "c" } },
    { op: "replace", path: "/software_spec", value: { name: "runtime-24.1-py3.11" } },
    { op: "add", path: "/model_version", value: { number: "2.0.0", tag: "prod" } },
  ]);
  expect(answer.data.updateModel.model).toEqual({
    name: "Churn v2",
    description: null,
    tags: ["churn"],
    custom: { team: "c" },
    softwareSpec: { name: "runtime-24.1-py3.11" },
    modelVersion: { number: "2.0.0", tag: "prod" },
  });
  expect(stack.upstream("/ml/v4/models").filter((r) => r.method === "PATCH")).toHaveLength(1);
});

test("updateModel: the service's 400 (a retired runtime) is BAD_USER_INPUT with the WML code and trace", async () => {
  const answer = await stack.query(UPDATE_MODEL, { id: SAMPLE_MODEL_IDS.diabetesBoosting, input: { softwareSpec: { name: "runtime-22.1-py3.9" } } });
  expect(answer.errors?.[0].extensions).toMatchObject({
    code: "BAD_USER_INPUT",
    upstream: { service: "wml", status: 400, code: "invalid_request_entity", message: expect.stringContaining("Unsupported software specification"), trace: expect.stringMatching(/^[0-9a-f]{32}$/) },
  });
});

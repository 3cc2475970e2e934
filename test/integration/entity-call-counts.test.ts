import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_SERVING_NAME } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * Upstream calls per operation equal the distinct resources it needs: a service's models asking for
 * their service, models asking for their WML deployment, owners given by name on a create.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

const MLFLOW = { type: "Mlflow", trackingUri: "http://m:5000", registryUri: "http://m:5000" };

async function seedService(name: string, models: Array<Record<string, unknown>>): Promise<void> {
  const service = await stack.query(`mutation($i: CreateMlModelServiceInput!) { createMlModelService(input: $i) { id } }`, {
    i: { name, serviceType: "Mlflow", connection: MLFLOW },
  });
  expect(service.errors).toBeUndefined();
  const created = await stack.query(`mutation($i: [CreateMlModelInput!]!) { createOrUpdateMlModels(inputs: $i) { error { message } } }`, {
    i: models.map((model) => ({ algorithm: "xgboost", service: name, ...model })),
  });
  expect(created.errors).toBeUndefined();
  expect(created.data.createOrUpdateMlModels.every((r: { error: unknown }) => r.error === null)).toBe(true);
  stack.catalog.resetRequests();
}

test("a service with its 50 models each asking service { name }: one service read and one list", async () => {
  await seedService("fifty_models", Array.from({ length: 50 }, (_, i) => ({ name: `m${String(i).padStart(2, "0")}` })));
  const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "fifty_models") { name mlModels(first: 50) { nodes { name service { name } } } } }`);
  expect(answer.errors).toBeUndefined();
  const nodes = answer.data.mlModelService.mlModels.nodes;
  expect(nodes).toHaveLength(50);
  expect(nodes.every((n: { service: { name: string } }) => n.service.name === "fifty_models")).toBe(true);
  const calls = stack.upstream("/api/v1/");
  expect(calls.map((c) => c.path)).toEqual(["/api/v1/services/mlmodelServices/name/fifty_models", "/api/v1/mlmodels"]);
  expect(new URLSearchParams(calls[1].query).get("service")).toBe("fifty_models");

  stack.catalog.resetRequests();
  const list = await stack.query(`{ mlModels(first: 50, service: "fifty_models") { nodes { service { name owners { name } } } } }`);
  expect(list.errors).toBeUndefined();
  expect(stack.upstream("/api/v1/").map((c) => c.path)).toEqual(["/api/v1/mlmodels", expect.stringMatching(/^\/api\/v1\/services\/mlmodelServices\/[0-9a-f-]{36}$/)]);
});

test("10 models asking their deployment: one WML read per distinct deployment, one list per serving name", async () => {
  const base = stack.catalog.url;
  const byId = (id: string) => `${base}/ml/v4/deployments/${id}/predictions`;
  const servers = [
    byId(SAMPLE_DEPLOYMENT_IDS.churnOnline),
    byId(SAMPLE_DEPLOYMENT_IDS.churnOnline),
    byId(SAMPLE_DEPLOYMENT_IDS.diabetesCanary),
    byId(SAMPLE_DEPLOYMENT_IDS.diabetesBoosting),
    byId("00000000-0000-4000-8000-00000000dead"),
    `${base}/ml/v4/deployments/${SAMPLE_SERVING_NAME}/predictions`,
    `${base}/ml/v4/deployments/${SAMPLE_SERVING_NAME}/predictions`,
    "https://mlflow.example/invocations",
    "",
    byId(SAMPLE_DEPLOYMENT_IDS.diabetesBoosting),
  ];
  await seedService("ten_models", servers.map((server, i) => ({ name: `d${i}`, ...(server ? { server } : {}) })));
  const answer = await stack.query(`{ mlModels(first: 10, service: "ten_models") { nodes { name deployment { id name } } } }`);
  expect(answer.errors).toBeUndefined();
  const deployments = answer.data.mlModels.nodes.map((n: { deployment: { id: string } | null }) => n.deployment?.id ?? null);
  expect(deployments).toEqual([
    SAMPLE_DEPLOYMENT_IDS.churnOnline,
    SAMPLE_DEPLOYMENT_IDS.churnOnline,
    SAMPLE_DEPLOYMENT_IDS.diabetesCanary,
    SAMPLE_DEPLOYMENT_IDS.diabetesBoosting,
    null,
    SAMPLE_DEPLOYMENT_IDS.diabetesOnline,
    SAMPLE_DEPLOYMENT_IDS.diabetesOnline,
    null,
    null,
    SAMPLE_DEPLOYMENT_IDS.diabetesBoosting,
  ]);
  const wml = stack.upstream("/ml/v4/deployments").filter((c) => c.method === "GET");
  expect(wml.map((c) => c.path).sort()).toEqual(
    [
      "/ml/v4/deployments",
      `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.churnOnline}`,
      `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}`,
      `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesBoosting}`,
      "/ml/v4/deployments/00000000-0000-4000-8000-00000000dead",
    ].sort(),
  );
  expect(new URLSearchParams(wml.find((c) => c.path === "/ml/v4/deployments")!.query).get("serving_name")).toBe(SAMPLE_SERVING_NAME);
});

test("owners by name on a create: one read per distinct name, then the write with ids", async () => {
  const names = [
    { name: "alice", type: "user" },
    { name: "data-eng", type: "team" },
  ];
  const inputs = Array.from({ length: 5 }, (_, i) => ({ name: `owned_${i}`, service: "mlflow_svc", algorithm: "a", owners: names }));
  const answer = await stack.query(`mutation($i: [CreateMlModelInput!]!) { createOrUpdateMlModels(inputs: $i) { error { message } mlModel { owners { name } } } }`, { i: inputs });
  expect(answer.errors).toBeUndefined();
  expect(answer.data.createOrUpdateMlModels.map((r: { mlModel: { owners: unknown[] } }) => r.mlModel.owners)).toEqual(
    inputs.map(() => [{ name: "alice" }, { name: "data-eng" }]),
  );
  const calls = stack.upstream("/api/v1/");
  expect(calls.map((c) => `${c.method} ${c.path}`).sort()).toEqual(["GET /api/v1/teams/name/data-eng", "GET /api/v1/users/name/alice", "PUT /api/v1/mlmodels/bulk"]);
  expect(JSON.parse(calls.find((c) => c.method === "PUT")!.body)[0].owners).toEqual([
    { id: "1b7c8e0a-2f0e-4b7a-9a53-6b1f1c0e2d11", type: "user" },
    { id: "22222222-0000-4000-8000-000000000001", type: "team" },
  ]);
});

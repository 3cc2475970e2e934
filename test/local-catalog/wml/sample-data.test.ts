import { SAMPLE_SPACE_ID } from "../../../src/local-catalog/wml/sample-data.js";
import { startLocalCatalog } from "../../../src/local-catalog/server.js";
import { REDEPLOY_OUTCOME_KEY } from "../../../src/local-catalog/wml/lifecycle.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS, SAMPLE_SERVING_NAME } from "../../../src/local-catalog/wml/sample-data.js";
import { startWml, VERSION, type WmlHarness } from "./wml-client.js";

let wml: WmlHarness;
beforeAll(async () => {
  wml = await startWml();
});
afterAll(() => wml.close());

const MEASURES = ["range", "discrete", "flag", "set", "ordered-set", "typeless", "collection", "geospatial", "default"];
const ROLES = ["input", "target", "both", "none", "partition", "split", "frequency", "record-id"];

test("sample data: every sample model is a scikit-learn model in the sample space with a datarecord-metadata-v2 input schema", async () => {
  const answer = await wml.call("GET", "/ml/v4/models");
  expect(answer.body.resources.map((r: any) => r.metadata.id).sort()).toEqual(Object.values(SAMPLE_MODEL_IDS).sort());
  for (const { metadata, entity } of answer.body.resources) {
    expect(metadata.space_id).toBe(SAMPLE_SPACE_ID);
    expect(metadata.rev).toBeUndefined();
    expect(entity.type).toMatch(/^scikit-learn_/);
    for (const schema of entity.schemas.input) {
      expect(typeof schema.id).toBe("string");
      expect(schema.type).toBe("struct");
      for (const field of schema.fields) {
        expect(typeof field.name).toBe("string");
        expect(typeof field.type).toBe("string");
        if (field.metadata?.measure) expect(MEASURES).toContain(field.metadata.measure);
        if (field.metadata?.modeling_role) expect(ROLES).toContain(field.metadata.modeling_role);
      }
    }
  }
});

test("sample data: two models share one input schema and the churn model's differs", async () => {
  const schema = async (id: string) => (await wml.call("GET", `/ml/v4/models/${id}`)).body.entity.schemas.input;
  expect(await schema(SAMPLE_MODEL_IDS.diabetesRidge)).toEqual(await schema(SAMPLE_MODEL_IDS.diabetesBoosting));
  expect(await schema(SAMPLE_MODEL_IDS.churn)).not.toEqual(await schema(SAMPLE_MODEL_IDS.diabetesRidge));
});

test("sample data: the ridge model has revisions \"2\" and \"1\", the others one each", async () => {
  const revs = async (id: string) => (await wml.call("GET", `/ml/v4/models/${id}/revisions`)).body.resources.map((r: any) => r.metadata.rev);
  expect(await revs(SAMPLE_MODEL_IDS.diabetesRidge)).toEqual(["2", "1"]);
  expect(await revs(SAMPLE_MODEL_IDS.churn)).toEqual(["1"]);
});

test("sample data: two models script the rollback and fail outcomes", async () => {
  const custom = async (id: string) => (await wml.call("GET", `/ml/v4/models/${id}`)).body.entity.custom;
  expect(await custom(SAMPLE_MODEL_IDS.diabetesRollback)).toEqual({ [REDEPLOY_OUTCOME_KEY]: "rollback" });
  expect(await custom(SAMPLE_MODEL_IDS.diabetesFail)).toEqual({ [REDEPLOY_OUTCOME_KEY]: "fail" });
});

test("sample data: at least five ready deployments, some sharing a model, one with a serving name, tags and custom", async () => {
  const answer = await wml.call("GET", "/ml/v4/deployments");
  const resources = answer.body.resources;
  expect(resources.map((r: any) => r.metadata.id).sort()).toEqual(Object.values(SAMPLE_DEPLOYMENT_IDS).sort());
  expect(resources.length).toBeGreaterThanOrEqual(5);
  expect(resources.every((r: any) => r.entity.status.state === "ready")).toBe(true);
  const ridge = resources.filter((r: any) => r.entity.asset.id === SAMPLE_MODEL_IDS.diabetesRidge);
  expect(ridge.length).toBeGreaterThanOrEqual(2);
  const named = resources.find((r: any) => r.metadata.id === SAMPLE_DEPLOYMENT_IDS.diabetesOnline);
  expect(named.entity.online.parameters.serving_name).toBe(SAMPLE_SERVING_NAME);
  expect(named.metadata.tags.length).toBeGreaterThan(0);
  expect(named.entity.custom).toEqual({ owner_team: "a" });
});

test("options: seed=false leaves the WML store empty", async () => {
  const empty = await startWml({}, false);
  try {
    expect((await empty.call("GET", "/ml/v4/deployments")).body.resources).toEqual([]);
    expect((await empty.call("GET", "/ml/v4/models")).body.resources).toEqual([]);
  } finally {
    await empty.close();
  }
});

test("options: with the system clock, small delays settle a deployment by wall time, and no timer keeps the process alive", async () => {
  const catalog = await startLocalCatalog({ port: 0, dataFile: ":memory:", wml: { deployDelayMs: 30 } });
  try {
    const headers = { authorization: "Bearer t", "content-type": "application/json" };
    const created = await fetch(`${catalog.url}/ml/v4/deployments?version=${VERSION}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ space_id: SAMPLE_SPACE_ID, name: "wall clock", asset: { id: SAMPLE_MODEL_IDS.churn }, online: {} }),
    });
    const { metadata } = (await created.json()) as { metadata: { id: string } };
    await new Promise((resolve) => setTimeout(resolve, 60));
    const got = await fetch(`${catalog.url}/ml/v4/deployments/${metadata.id}?version=${VERSION}&space_id=${SAMPLE_SPACE_ID}`, { headers });
    expect(((await got.json()) as any).entity.status.state).toBe("ready");
  } finally {
    await catalog.close();
  }
});

test("options: a negative delay is refused at start with a message naming the option", async () => {
  await expect(startLocalCatalog({ port: 0, dataFile: ":memory:", wml: { deployDelayMs: -1 } })).rejects.toThrow("wml.deployDelayMs");
});

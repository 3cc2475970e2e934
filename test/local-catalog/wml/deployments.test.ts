import { SAMPLE_SPACE_ID } from "../../../src/local-catalog/wml/sample-data.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS, SAMPLE_SERVING_NAME } from "../../../src/local-catalog/wml/sample-data.js";
import { startWml, type WmlHarness } from "./wml-client.js";

let wml: WmlHarness;
beforeEach(async () => {
  wml = await startWml({ deployDelayMs: 1000 });
});
afterEach(() => wml.close());

const DEPRECATED = { id: "Deprecated", message: "online_url is deprecated and will be removed in a future release. Use serving_urls instead." };

function createBody(overrides: Record<string, unknown> = {}) {
  return {
    space_id: SAMPLE_SPACE_ID,
    name: "Diabetes deployment",
    description: "scikit model, online",
    tags: ["team-a"],
    custom: { owner_team: "a" },
    asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" },
    hardware_spec: { name: "S" },
    online: { parameters: { serving_name: "diabetes_new" } },
    ...overrides,
  };
}

test("§4.3: create answers 202 initializing with metadata duplicated into the entity and the hardware spec filled", async () => {
  const answer = await wml.call("POST", "/ml/v4/deployments", { body: createBody() });
  expect(answer.status).toBe(202);
  const { metadata, entity } = answer.body;
  expect(metadata).toMatchObject({ name: "Diabetes deployment", description: "scikit model, online", tags: ["team-a"], space_id: SAMPLE_SPACE_ID, owner: expect.any(String) });
  expect(metadata.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(metadata.created_at).toBe(new Date(wml.clock.now()).toISOString());
  expect(metadata.modified_at).toBe(metadata.created_at);
  expect(entity).toMatchObject({
    name: "Diabetes deployment",
    description: "scikit model, online",
    tags: ["team-a"],
    space_id: SAMPLE_SPACE_ID,
    custom: { owner_team: "a" },
    asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" },
    deployed_asset_type: "model",
    hardware_spec: { id: "e7ed1d6c-2e89-42d7-aed5-863b972c1d2b", name: "S", num_nodes: 1 },
    online: { parameters: { serving_name: "diabetes_new" } },
  });
  expect(entity.status.state).toBe("initializing");
});

test("§4.3: a created deployment becomes ready after the configured delay", async () => {
  const { body } = await wml.call("POST", "/ml/v4/deployments", { body: createBody() });
  const path = `/ml/v4/deployments/${body.metadata.id}`;
  wml.clock.advance(999);
  expect((await wml.call("GET", path)).body.entity.status.state).toBe("initializing");
  wml.clock.advance(1);
  const ready = await wml.call("GET", path);
  expect(ready.body.entity.status.state).toBe("ready");
  expect(ready.body.entity.status.failure).toBeUndefined();
});

test("§11.3: a deployment of an unknown asset becomes failed with status.failure", async () => {
  const { body } = await wml.call("POST", "/ml/v4/deployments", { body: createBody({ asset: { id: "99999999-9999-4999-8999-999999999999" }, online: {} }) });
  wml.clock.advance(1000);
  const answer = await wml.call("GET", `/ml/v4/deployments/${body.metadata.id}`);
  expect(answer.body.entity.status.state).toBe("failed");
  expect(answer.body.entity.status.failure).toMatchObject({ trace: expect.any(String), errors: [{ code: "deployment_failed", message: expect.stringContaining("99999999") }] });
});

test("§4.3: create requires a name, an asset with a string rev, and exactly one of online/batch/r_shiny", async () => {
  const bad = [
    createBody({ name: undefined }),
    createBody({ asset: undefined }),
    createBody({ asset: { id: SAMPLE_MODEL_IDS.churn, rev: 1 } }),
    createBody({ batch: {} }),
    { ...createBody(), online: undefined },
    createBody({ online: undefined, r_shiny: {} }),
    createBody({ hardware_spec: { id: "e7ed1d6c-2e89-42d7-aed5-863b972c1d2b", name: "S" } }),
    createBody({ hardware_spec: { name: "S", num_nodes: 2 } }),
    createBody({ hardware_spec: { name: "HUGE" } }),
  ];
  for (const body of bad) {
    const answer = await wml.call("POST", "/ml/v4/deployments", { body });
    expect(answer.status).toBe(400);
    expect(answer.body.status_code).toBeUndefined();
    expect(answer.body.errors[0].code).toBe("invalid_request_entity");
  }
});

test("§1.3: model deployments are created in a space, not a project", async () => {
  const answer = await wml.call("POST", "/ml/v4/deployments", { body: createBody({ space_id: undefined, project_id: "p-1" }) });
  expect(answer.status).toBe(400);
});

test("§4.3: a serving name outside [a-z0-9_]{1,36} is refused with 400", async () => {
  for (const name of ["Upper", "with-dash", "a".repeat(37), ""]) {
    const answer = await wml.call("POST", "/ml/v4/deployments", { body: createBody({ online: { parameters: { serving_name: name } } }) });
    expect(answer.status).toBe(400);
  }
  expect((await wml.call("POST", "/ml/v4/deployments", { body: createBody({ online: { parameters: { serving_name: "a".repeat(36) } } }) })).status).toBe(202);
});

test("§11.5: creating with a serving name another deployment holds answers 409", async () => {
  const answer = await wml.call("POST", "/ml/v4/deployments", { body: createBody({ online: { parameters: { serving_name: SAMPLE_SERVING_NAME } } }) });
  expect(answer.status).toBe(409);
  expect(answer.body.errors[0].code).toBe("serving_name_already_exists");
});

test("§4.2/§7: an online deployment shows serving_urls, the deprecated online_url and the Deprecated warning", async () => {
  const answer = await wml.call("GET", `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`);
  expect(answer.status).toBe(200);
  const base = `${wml.catalog.url}/ml/v4/deployments`;
  expect(answer.body.entity.status.serving_urls).toEqual([`${base}/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}/predictions`, `${base}/${SAMPLE_SERVING_NAME}/predictions`]);
  expect(answer.body.entity.status.online_url).toEqual({ url: `${base}/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}/predictions` });
  expect(answer.body.system.warnings).toEqual([DEPRECATED]);
});

test("§7: a batch deployment has no online_url and no warning", async () => {
  const answer = await wml.call("GET", `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.churnBatch}`);
  expect(answer.body.entity.status.online_url).toBeUndefined();
  expect(answer.body.entity.batch).toEqual({});
  expect(answer.body.system).toEqual({ warnings: [] });
});

test("§4.3: the create response carries the online_url warning too", async () => {
  const answer = await wml.call("POST", "/ml/v4/deployments", { body: createBody() });
  expect(answer.body.system.warnings).toEqual([DEPRECATED]);
});

test("§4.4: the list returns every deployment of the space with a relative first href without version and no next", async () => {
  const answer = await wml.call("GET", "/ml/v4/deployments", { query: { limit: "2", start: "whatever" } });
  expect(answer.status).toBe(200);
  expect(answer.body.resources).toHaveLength(Object.keys(SAMPLE_DEPLOYMENT_IDS).length);
  expect(answer.body.limit).toBe(2);
  expect(answer.body.first).toEqual({ href: `/ml/v4/deployments?space_id=${SAMPLE_SPACE_ID}&limit=2` });
  expect(answer.body.next).toBeUndefined();
  expect(answer.body.resources[0]).toHaveProperty("metadata");
  expect(answer.body.resources[0]).toHaveProperty("entity");
});

test("§3.4: the deployment collection's system block nests system.system.warnings", async () => {
  const answer = await wml.call("GET", "/ml/v4/deployments");
  expect(answer.body.system).toEqual({ system: { warnings: [DEPRECATED] } });
});

test("§4.4: stats=true answers counts only", async () => {
  const answer = await wml.call("GET", "/ml/v4/deployments", { query: { stats: "true" } });
  expect(answer.body.resources).toEqual([]);
  expect(answer.body.system.system.stats).toEqual([{ space_id: SAMPLE_SPACE_ID, total_count: 6, online_count: 5, batch_count: 1, rshiny_count: 0 }]);
});

test("§3.3: total_count appears only when asked for", async () => {
  expect((await wml.call("GET", "/ml/v4/deployments")).body.total_count).toBeUndefined();
  expect((await wml.call("GET", "/ml/v4/deployments", { query: { total_count: "true" } })).body.total_count).toBe(6);
});

async function listIds(query: Record<string, string>): Promise<string[]> {
  const answer = await wml.call("GET", "/ml/v4/deployments", { query });
  expect(answer.status).toBe(200);
  return answer.body.resources.map((r: any) => r.metadata.id).sort();
}

test("§4.4: serving_name filters to the deployment with that serving name", async () => {
  expect(await listIds({ serving_name: SAMPLE_SERVING_NAME })).toEqual([SAMPLE_DEPLOYMENT_IDS.diabetesOnline]);
});

test("§4.4: tag.value filters by tag, with 'or' and 'and'", async () => {
  const ids = SAMPLE_DEPLOYMENT_IDS;
  expect(await listIds({ "tag.value": "team-a" })).toEqual([ids.diabetesOnline, ids.diabetesCanary].sort());
  expect(await listIds({ "tag.value": "canary or churn" })).toEqual([ids.diabetesCanary, ids.churnOnline].sort());
  expect(await listIds({ "tag.value": "team-a and diabetes" })).toEqual([ids.diabetesOnline]);
});

test("§4.4: asset_id filters to deployments of that model", async () => {
  const ids = SAMPLE_DEPLOYMENT_IDS;
  expect(await listIds({ asset_id: SAMPLE_MODEL_IDS.churn })).toEqual([ids.churnOnline, ids.churnBatch].sort());
});

test("§4.4: name filters by exact name", async () => {
  expect(await listIds({ name: "Diabetes canary" })).toEqual([SAMPLE_DEPLOYMENT_IDS.diabetesCanary]);
  expect(await listIds({ name: "Diabetes" })).toEqual([]);
});

test("§4.4: type filters by deployed asset type", async () => {
  expect(await listIds({ type: "model" })).toHaveLength(6);
  expect(await listIds({ type: "function" })).toEqual([]);
});

test("§4.4: state filters by the current state, and an unknown state is refused", async () => {
  const { body } = await wml.call("POST", "/ml/v4/deployments", { body: createBody() });
  expect(await listIds({ state: "initializing" })).toEqual([body.metadata.id]);
  expect(await listIds({ state: "ready" })).toHaveLength(6);
  wml.clock.advance(1000);
  expect(await listIds({ state: "initializing" })).toEqual([]);
  expect((await wml.call("GET", "/ml/v4/deployments", { query: { state: "sleeping" } })).status).toBe(400);
});

test("§1.5: an unknown filter name is silently ignored", async () => {
  expect(await listIds({ "tags.value": "nothing-has-this" })).toHaveLength(6);
});

test("§4.3: conflict=true answers 409 when the serving name is taken, even without a space", async () => {
  const taken = await wml.call("GET", "/ml/v4/deployments", { space: null, query: { serving_name: SAMPLE_SERVING_NAME, conflict: "true" } });
  expect(taken.status).toBe(409);
  expect(taken.body.errors[0].code).toBe("serving_name_already_exists");
  const free = await wml.call("GET", "/ml/v4/deployments", { space: null, query: { serving_name: "free_name", conflict: "true" } });
  expect(free.status).toBe(200);
  expect(free.body.resources).toEqual([]);
});

test("§4.7: DELETE answers 204 with no body, then the deployment is gone and its serving name free", async () => {
  const path = `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`;
  const answer = await wml.call("DELETE", path);
  expect(answer.status).toBe(204);
  expect(answer.text).toBe("");
  expect((await wml.call("GET", path)).status).toBe(404);
  expect((await wml.call("DELETE", path)).body.errors[0].code).toBe("deployment_does_not_exist");
  expect((await wml.call("GET", "/ml/v4/deployments", { space: null, query: { serving_name: SAMPLE_SERVING_NAME, conflict: "true" } })).status).toBe(200);
});

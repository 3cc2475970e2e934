import { SAMPLE_SPACE_ID } from "../../../src/local-catalog/wml/sample-data.js";
import { SAMPLE_MODEL_IDS } from "../../../src/local-catalog/wml/sample-data.js";
import { modelBody, startWml, type WmlHarness } from "./wml-client.js";

let wml: WmlHarness;
beforeEach(async () => {
  wml = await startWml({}, false);
});
afterEach(() => wml.close());

async function create(overrides: Record<string, unknown> = {}) {
  const answer = await wml.call("POST", "/ml/v4/models", { body: modelBody(overrides) });
  expect(answer.status).toBe(201);
  return answer.body;
}

const patchModel = (id: string, body: unknown) => wml.call("PATCH", `/ml/v4/models/${id}`, { body });

test("§5.2: create answers 201 with the current copy: no rev, software_spec filled, system.warnings empty", async () => {
  const answer = await wml.call("POST", "/ml/v4/models", { body: modelBody({ description: "d", tags: ["t"], label_column: "y", custom: { a: 1 } }) });
  expect(answer.status).toBe(201);
  const { metadata, entity, system } = answer.body;
  expect(metadata.rev).toBeUndefined();
  expect(metadata).toMatchObject({ name: "test model", description: "d", tags: ["t"], space_id: SAMPLE_SPACE_ID, owner: expect.any(String), resource_key: expect.any(String) });
  expect(metadata.created_at).toBe(new Date(wml.clock.now()).toISOString());
  expect(metadata.commit_info).toEqual({ committed_at: metadata.created_at });
  expect(entity).toMatchObject({
    type: "scikit-learn_1.3",
    software_spec: { id: "336b29df-e0e1-5e7d-b6a5-f6ab722625b2", name: "runtime-23.1-py3.10" },
    hybrid_pipeline_software_specs: [],
    label_column: "y",
    custom: { a: 1 },
  });
  expect(entity.name).toBeUndefined();
  expect(system).toEqual({ warnings: [] });
});

test("§5.2: create requires name, type and software_spec, and a datarecord-shaped input schema", async () => {
  for (const body of [
    modelBody({ name: undefined }),
    modelBody({ type: undefined }),
    modelBody({ software_spec: undefined }),
    modelBody({ software_spec: {} }),
    modelBody({ schemas: { input: [{ fields: [] }] } }),
    modelBody({ schemas: { input: [{ id: "x", fields: [{ name: "a" }] }] } }),
  ]) {
    const answer = await wml.call("POST", "/ml/v4/models", { body });
    expect(answer.status).toBe(400);
    expect(answer.body.status_code).toBe("400");
    expect(answer.body.errors[0]).toMatchObject({ code: "invalid_request_entity", more_info: "https://cloud.ibm.com/apidocs/machine-learning" });
  }
});

test("§6.1: a model on a retired software specification is refused with IBM's recorded 400", async () => {
  const answer = await wml.call("POST", "/ml/v4/models", { body: modelBody({ software_spec: { name: "runtime-22.1-py3.9" } }) });
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({
    status_code: "400",
    errors: [{ code: "invalid_request_entity", message: "Invalid request entity: Unsupported software specification 'runtime-22.1-py3.9'." }],
  });
});

test("§10: the retired specifications are configurable", async () => {
  const other = await startWml({ retiredSoftwareSpecs: [] }, false);
  try {
    expect((await other.call("POST", "/ml/v4/models", { body: modelBody({ software_spec: { name: "runtime-22.1-py3.9" } }) })).status).toBe(201);
  } finally {
    await other.close();
  }
});

test("§1.3: models may live in a project", async () => {
  const answer = await wml.call("POST", "/ml/v4/models", { body: modelBody({ space_id: undefined, project_id: "proj-1" }) });
  expect(answer.status).toBe(201);
  expect(answer.body.metadata.project_id).toBe("proj-1");
  expect((await wml.call("GET", `/ml/v4/models/${answer.body.metadata.id}`, { space: null, query: { project_id: "proj-1" } })).status).toBe(200);
  expect((await wml.call("GET", `/ml/v4/models/${answer.body.metadata.id}`)).status).toBe(404);
});

test("§5.6: revisions are numbered \"1\", \"2\", … with commit_info and a copy of the entity", async () => {
  const model = await create();
  const first = await wml.call("POST", `/ml/v4/models/${model.metadata.id}/revisions`, { body: { space_id: SAMPLE_SPACE_ID, commit_message: "Initial model." } });
  expect(first.status).toBe(201);
  expect(first.body.metadata.rev).toBe("1");
  expect(first.body.metadata.commit_info).toEqual({ commit_message: "Initial model.", committed_at: new Date(wml.clock.now()).toISOString() });
  expect(first.body.entity).toEqual(model.entity);
  expect(first.body.system).toEqual({ warnings: [] });
  wml.clock.advance(1000);
  const second = await wml.call("POST", `/ml/v4/models/${model.metadata.id}/revisions`, { body: { space_id: SAMPLE_SPACE_ID } });
  expect(second.body.metadata.rev).toBe("2");
  expect(second.body.metadata.commit_info).toEqual({ committed_at: new Date(wml.clock.now()).toISOString() });
});

test("§5.6: a revision of an unknown model answers 404", async () => {
  const answer = await wml.call("POST", "/ml/v4/models/00000000-0000-4000-8000-000000000000/revisions", { body: { space_id: SAMPLE_SPACE_ID } });
  expect(answer.status).toBe(404);
  expect(answer.body.errors[0].code).toBe("model_does_not_exist");
});

test("§5.4: GET with rev=<n> answers that revision, rev=latest the newest, no rev the current copy", async () => {
  const model = await create();
  const id = model.metadata.id;
  await wml.call("POST", `/ml/v4/models/${id}/revisions`, { body: { space_id: SAMPLE_SPACE_ID } });
  await patchModel(id, [{ op: "replace", path: "/name", value: "second name" }]);
  await wml.call("POST", `/ml/v4/models/${id}/revisions`, { body: { space_id: SAMPLE_SPACE_ID } });
  await patchModel(id, [{ op: "replace", path: "/name", value: "working copy" }]);
  const one = await wml.call("GET", `/ml/v4/models/${id}`, { query: { rev: "1" } });
  expect(one.body.metadata).toMatchObject({ rev: "1", name: "test model" });
  const latest = await wml.call("GET", `/ml/v4/models/${id}`, { query: { rev: "latest" } });
  expect(latest.body.metadata).toMatchObject({ rev: "2", name: "second name" });
  const current = await wml.call("GET", `/ml/v4/models/${id}`);
  expect(current.body.metadata.rev).toBeUndefined();
  expect(current.body.metadata.name).toBe("working copy");
});

test("§5.4: an unknown or malformed rev is refused", async () => {
  const model = await create();
  const missing = await wml.call("GET", `/ml/v4/models/${model.metadata.id}`, { query: { rev: "3" } });
  expect(missing.status).toBe(404);
  expect(missing.body.errors[0].code).toBe("model_does_not_exist");
  expect((await wml.call("GET", `/ml/v4/models/${model.metadata.id}`, { query: { rev: "latest" } })).status).toBe(404);
  expect((await wml.call("GET", `/ml/v4/models/${model.metadata.id}`, { query: { rev: "one" } })).status).toBe(400);
});

test("§5.6: the revision list is newest first, metadata only, with a first href without version", async () => {
  const model = await create();
  const id = model.metadata.id;
  for (let i = 0; i < 3; i++) await wml.call("POST", `/ml/v4/models/${id}/revisions`, { body: { space_id: SAMPLE_SPACE_ID } });
  const answer = await wml.call("GET", `/ml/v4/models/${id}/revisions`);
  expect(answer.status).toBe(200);
  expect(answer.body.resources.map((r: any) => r.metadata.rev)).toEqual(["3", "2", "1"]);
  expect(answer.body.resources.every((r: any) => Object.keys(r).join() === "metadata")).toBe(true);
  expect(answer.body.first).toEqual({ href: `/ml/v4/models/${id}/revisions?space_id=${SAMPLE_SPACE_ID}&limit=100` });
  expect(answer.body.limit).toBe(100);
  const paged = await wml.call("GET", `/ml/v4/models/${id}/revisions`, { query: { limit: "2" } });
  expect(paged.body.resources.map((r: any) => r.metadata.rev)).toEqual(["3", "2"]);
  expect(paged.body.next.href).toMatch(/&start=/);
});

test("§3.3: the model list defaults to limit 100", async () => {
  for (let i = 0; i < 3; i++) await create({ name: `m${i}` });
  const answer = await wml.call("GET", "/ml/v4/models");
  expect(answer.body.limit).toBe(100);
  expect(answer.body.resources).toHaveLength(3);
  expect(answer.body.first).toEqual({ href: `/ml/v4/models?space_id=${SAMPLE_SPACE_ID}&limit=100` });
  expect(answer.body.next).toBeUndefined();
  expect(answer.body.system).toEqual({ warnings: [] });
});

test("§3.3: limit above 200, below 1 or not an integer is refused with 400", async () => {
  for (const limit of ["201", "0", "-1", "ten", "1.5"]) {
    const answer = await wml.call("GET", "/ml/v4/models", { query: { limit } });
    expect(answer.status).toBe(400);
    expect(answer.body.status_code).toBe("400");
  }
  expect((await wml.call("GET", "/ml/v4/models", { query: { limit: "200" } })).status).toBe(200);
});

test("§3.3: pages follow opaque base64 start tokens through relative next hrefs that omit version", async () => {
  for (let i = 0; i < 5; i++) await create({ name: `m${i}` });
  const names: string[] = [];
  let answer = await wml.call("GET", "/ml/v4/models", { query: { limit: "2" } });
  let pages = 1;
  names.push(...answer.body.resources.map((r: any) => r.metadata.name));
  while (answer.body.next) {
    const href: string = answer.body.next.href;
    expect(href.startsWith("/ml/v4/models?")).toBe(true);
    expect(href).not.toContain("version=");
    const start = new URL(href, "http://x").searchParams.get("start")!;
    expect(start).toMatch(/^[A-Za-z0-9_-]+$/);
    answer = await wml.call("GET", href, { space: null });
    names.push(...answer.body.resources.map((r: any) => r.metadata.name));
    pages++;
  }
  expect(pages).toBe(3);
  expect(names).toEqual(["m0", "m1", "m2", "m3", "m4"]);
});

test("§3.3: a start token this service did not issue is refused with 400", async () => {
  expect((await wml.call("GET", "/ml/v4/models", { query: { start: "not-a-token" } })).status).toBe(400);
});

test("§5.3: tag.value filters models, and total_count appears only when asked for", async () => {
  await create({ name: "a", tags: ["x"] });
  await create({ name: "b", tags: ["y"] });
  const answer = await wml.call("GET", "/ml/v4/models", { query: { "tag.value": "x", total_count: "true" } });
  expect(answer.body.resources.map((r: any) => r.metadata.name)).toEqual(["a"]);
  expect(answer.body.total_count).toBe(1);
  expect(answer.body.first.href).toContain("tag.value=x");
});

test("§5.5: /name, /description, /tags and /custom patch with a new modified_at and resource_key", async () => {
  const model = await create({ description: "old", tags: ["t"] });
  wml.clock.advance(1000);
  const answer = await patchModel(model.metadata.id, [
    { op: "add", path: "/name", value: "updated scikit model" },
    { op: "replace", path: "/description", value: "new" },
    { op: "replace", path: "/tags", value: ["u", "v"] },
    { op: "add", path: "/custom", value: { k: "v" } },
  ]);
  expect(answer.status).toBe(200);
  expect(answer.body.metadata).toMatchObject({ name: "updated scikit model", description: "new", tags: ["u", "v"], modified_at: new Date(wml.clock.now()).toISOString() });
  expect(answer.body.metadata.resource_key).not.toBe(model.metadata.resource_key);
  expect(answer.body.entity.custom).toEqual({ k: "v" });
  expect(answer.body.system).toEqual({ warnings: [] });
  const removed = await patchModel(model.metadata.id, [
    { op: "remove", path: "/description" },
    { op: "remove", path: "/tags" },
    { op: "remove", path: "/custom" },
  ]);
  expect(removed.body.metadata.description).toBeUndefined();
  expect(removed.body.metadata.tags).toBeUndefined();
  expect(removed.body.entity.custom).toBeUndefined();
});

test("§5.5: /software_spec is replace-only", async () => {
  const model = await create();
  expect((await patchModel(model.metadata.id, [{ op: "add", path: "/software_spec", value: { name: "runtime-24.1-py3.11" } }])).status).toBe(400);
  expect((await patchModel(model.metadata.id, [{ op: "remove", path: "/software_spec" }])).status).toBe(400);
  const answer = await patchModel(model.metadata.id, [{ op: "replace", path: "/software_spec", value: { name: "runtime-24.1-py3.11" } }]);
  expect(answer.status).toBe(200);
  expect(answer.body.entity.software_spec).toEqual({ id: "45f12dfe-aa78-5b8d-9f38-0ee223c47309", name: "runtime-24.1-py3.11" });
});

test("§5.5: /model_version is add and replace only", async () => {
  const model = await create();
  const added = await patchModel(model.metadata.id, [{ op: "add", path: "/model_version", value: { number: "1.0.0", tag: "prod" } }]);
  expect(added.status).toBe(200);
  expect(added.body.entity.model_version).toEqual({ number: "1.0.0", tag: "prod" });
  expect((await patchModel(model.metadata.id, [{ op: "replace", path: "/model_version", value: { number: "1.1.0" } }])).status).toBe(200);
  expect((await patchModel(model.metadata.id, [{ op: "remove", path: "/model_version" }])).status).toBe(400);
});

test("§5.5: any other model path is refused with 400 and the model is unchanged", async () => {
  const model = await create();
  for (const path of ["/type", "/schemas", "/software_spec/name", "/metadata/name", "/custom/a"]) {
    const answer = await patchModel(model.metadata.id, [{ op: "replace", path, value: "x" }]);
    expect({ path, status: answer.status }).toEqual({ path, status: 400 });
    expect(answer.body.status_code).toBe("400");
  }
  expect((await wml.call("GET", `/ml/v4/models/${model.metadata.id}`)).body).toEqual({ ...model, system: { warnings: [] } });
});

test("§5.7: DELETE answers 204 and removes the model and every revision", async () => {
  const model = await create();
  const id = model.metadata.id;
  await wml.call("POST", `/ml/v4/models/${id}/revisions`, { body: { space_id: SAMPLE_SPACE_ID } });
  const answer = await wml.call("DELETE", `/ml/v4/models/${id}`);
  expect(answer.status).toBe(204);
  expect(answer.text).toBe("");
  expect((await wml.call("GET", `/ml/v4/models/${id}`)).status).toBe(404);
  expect((await wml.call("GET", `/ml/v4/models/${id}/revisions`)).status).toBe(404);
  expect((await wml.call("DELETE", `/ml/v4/models/${id}`)).status).toBe(404);
  expect(wml.catalog.db.prepare("SELECT count(*) AS n FROM wml_model_revisions WHERE model_id = ?").get(id)).toEqual({ n: 0 });
});

test("§5.7 [A]: deleting a deployed model leaves the deployment's asset reference in place", async () => {
  const seeded = await startWml();
  try {
    expect((await seeded.call("DELETE", `/ml/v4/models/${SAMPLE_MODEL_IDS.churn}`)).status).toBe(204);
    const list = await seeded.call("GET", "/ml/v4/deployments", { query: { asset_id: SAMPLE_MODEL_IDS.churn } });
    expect(list.body.resources).toHaveLength(2);
  } finally {
    await seeded.close();
  }
});

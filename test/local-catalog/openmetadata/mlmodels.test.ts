import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_ML_MODELS } from "../../../src/local-catalog/openmetadata/sample-assets.js";
import { SAMPLE_USERS } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_SERVING_NAME } from "../../../src/local-catalog/wml/sample-data.js";
import { ML, mlflowRequest, startTestCatalog, type TestCatalog } from "./helpers.js";

const MODELS = "/mlmodels";
const MINUTE = 60_000;
let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
  expect((await t.call("POST", ML, { body: mlflowRequest("models_svc") })).status).toBe(201);
});
afterAll(async () => {
  await t.close();
});

const model = (name: string, extra: Record<string, unknown> = {}) => ({ name, service: "models_svc", algorithm: "Ridge", ...extra });
const byName = (fqn: string, query = "") => t.call("GET", `${MODELS}/name/${encodeURIComponent(fqn)}${query}`);

describe("ML models: reads", () => {
  test("by id and by FQN: a name with a dot is quoted as one FQN part", async () => {
    const churn = await t.call("GET", `${MODELS}/${SAMPLE_ML_MODELS.churn.id}`);
    expect(churn.status).toBe(200);
    expect(churn.json).toMatchObject({ name: "churn.v2", fullyQualifiedName: 'mlflow_svc."churn.v2"', serviceType: "Mlflow", algorithm: "Gradient boosting" });
    expect(churn.json.service).toMatchObject({ type: "mlmodelService", name: "mlflow_svc", fullyQualifiedName: "mlflow_svc" });
    expect(churn.json.service.href).toMatch(/\/api\/v1\/services\/mlmodelServices\//);
    expect(churn.headers.get("etag")).toMatch(/^"[0-9a-f]{16}"$/);
    expect((await byName('mlflow_svc."churn.v2"')).json.id).toBe(SAMPLE_ML_MODELS.churn.id);
    expect((await byName("mlflow_svc.nope")).json).toEqual({ code: 404, message: "mlmodel instance for mlflow_svc.nope not found" });
  });

  test("sample models name the catalog's own WML deployments as `server` (by id, and by serving name)", async () => {
    const churn = await t.call("GET", `${MODELS}/${SAMPLE_ML_MODELS.churn.id}`);
    expect(churn.json.server).toBe(`${t.catalog.url}/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.churnOnline}/predictions`);
    const diabetes = await t.call("GET", `${MODELS}/${SAMPLE_ML_MODELS.diabetes.id}`);
    expect(diabetes.json.server).toBe(`${t.catalog.url}/ml/v4/deployments/${SAMPLE_SERVING_NAME}/predictions`);
    expect((await t.call("GET", `${MODELS}/${SAMPLE_ML_MODELS.fraud.id}`)).json.server).toBeUndefined();
  });

  test("relations only when named in `fields`; an unknown field is a 400", async () => {
    const plain = await t.call("GET", `${MODELS}/${SAMPLE_ML_MODELS.churn.id}`);
    expect(plain.json.owners).toBeUndefined();
    expect(plain.json.extension).toBeUndefined();
    const full = await t.call("GET", `${MODELS}/${SAMPLE_ML_MODELS.churn.id}?fields=owners,followers,tags,extension,lifeCycle,dataProducts,domains`);
    expect(full.json.owners.map((o: { name: string }) => o.name)).toEqual(["alice"]);
    expect(full.json.followers).toEqual([]);
    expect(full.json.extension).toEqual({ modelCard: "https://wiki.example.com/churn-v2" });
    expect(full.json.lifeCycle.created.accessedByAProcess).toBe("mlflow");
    expect(full.json.dataProducts.map((d: { name: string }) => d.name)).toEqual(["CustomerInsights"]);
    expect((await t.call("GET", `${MODELS}/${SAMPLE_ML_MODELS.churn.id}?fields=tasks`)).json).toEqual({ code: 400, message: "Invalid field name tasks" });
  });

  test("list: ?service= filters by service FQN, cursors page in name order, an unknown service matches nothing", async () => {
    const all = await t.call("GET", `${MODELS}?service=mlflow_svc&limit=2`);
    expect(all.json.paging.total).toBe(3);
    expect(all.json.data.map((m: { name: string }) => m.name)).toEqual(["churn.v2", "diabetes_ridge"]);
    const next = await t.call("GET", `${MODELS}?service=mlflow_svc&limit=2&after=${all.json.paging.after}`);
    expect(next.json.data.map((m: { name: string }) => m.name)).toEqual(["fraud_scorer"]);
    expect(next.json.paging.after).toBeUndefined();
    expect((await t.call("GET", `${MODELS}?service=no_such_service`)).json).toEqual({ data: [], paging: { total: 0 } });
  });
});

describe("ML models: create", () => {
  test("POST: 201 with Location; FQN `service.\"name\"`; algorithm defaults to mlmodel", async () => {
    const created = await t.call("POST", MODELS, { body: { name: "churn.v3", service: "models_svc" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${t.catalog.url}/api/v1/mlmodels/${created.json.id}`);
    expect(created.json).toMatchObject({ fullyQualifiedName: 'models_svc."churn.v3"', algorithm: "mlmodel", version: 0.1, serviceType: "Mlflow" });
    expect((await t.call("POST", MODELS, { body: { name: "churn.v3", service: "models_svc" } })).json).toEqual({ code: 409, message: "Entity already exists" });
  });

  test("a model's domain: `domain` (one FQN, as createMlModel.json has it) or `domains`", async () => {
    expect((await t.call("POST", MODELS, { body: model("in_domain", { domain: "Marketing" }) })).json.domains.map((d: { name: string }) => d.name)).toEqual(["Marketing"]);
    expect((await t.call("POST", MODELS, { body: model("in_domains", { domains: ["Sales"] }) })).json.domains.map((d: { name: string }) => d.name)).toEqual(["Sales"]);
    expect((await t.call("POST", MODELS, { body: model("bad_domain", { domain: "Nowhere" }) })).json).toEqual({ code: 404, message: "domain instance for Nowhere not found" });
  });

  test("`service` is required, must name an existing service, and is an FQN string", async () => {
    expect((await t.call("POST", MODELS, { body: { name: "orphan" } })).json).toEqual({ code: 400, message: "[service must not be null]" });
    expect((await t.call("POST", MODELS, { body: { service: "models_svc" } })).json).toEqual({ code: 400, message: "[name must not be null]" });
    expect((await t.call("POST", MODELS, { body: model("x", { service: "nope" }) })).json).toEqual({ code: 404, message: "mlmodelService instance for nope not found" });
    expect((await t.call("POST", MODELS, { body: model("x", { service: { id: "a" } }) })).json).toEqual({ code: 400, message: "Invalid request format" });
  });

  test("unknown keys and wrongly shaped own fields are Jackson mapping errors; bad names fail bean validation", async () => {
    expect((await t.call("POST", MODELS, { body: model("x", { color: "red" }) })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", MODELS, { body: model("x", { mlFeatures: [{ name: "f", dataType: "textual" }] }) })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", MODELS, { body: model("x", { mlStore: { storage: "s3://x", other: 1 } }) })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", MODELS, { body: model("a::b") })).json.message).toBe('[name must match "^((?!::).)*$"]');
  });

  test("PUT creates (201), updates (200, a new version recording the change), and answers entityNoChange when nothing changed", async () => {
    const created = await t.call("PUT", MODELS, { body: model("put_model") });
    expect(created.status).toBe(201);
    const updated = await t.call("PUT", MODELS, { body: model("put_model", { algorithm: "Lasso", target: "y" }) });
    expect(updated.status).toBe(200);
    expect(updated.headers.get("x-openmetadata-change")).toBe("entityUpdated");
    expect(updated.json.version).toBe(0.2);
    expect(updated.json.changeDescription.fieldsAdded).toEqual([{ name: "target", newValue: "y" }]);
    expect(updated.json.changeDescription.fieldsUpdated).toEqual([{ name: "algorithm", oldValue: "Ridge", newValue: "Lasso" }]);
    const same = await t.call("PUT", MODELS, { body: model("put_model", { algorithm: "Lasso", target: "y" }) });
    expect(same.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    expect(same.json.version).toBe(0.2);
  });

  test("bulk PUT answers each item as the single PUT would", async () => {
    const answer = await t.call("PUT", `${MODELS}/bulk`, { body: [model("bulk_a"), model("bulk_b", { service: "nope" })] });
    expect(answer.json).toMatchObject({ status: "partialSuccess", numberOfRowsPassed: 1, numberOfRowsFailed: 1 });
    expect(answer.json.results[1]).toMatchObject({ index: 1, status: 404 });
  });
});

describe("ML models: PATCH, versions, delete, restore, followers", () => {
  test("PATCH changes the model's own fields with a version and a change description; list items are matched by name", async () => {
    const created = await t.call("POST", MODELS, { body: model("patched", { mlFeatures: [{ name: "a", dataType: "numerical" }] }) });
    const id = created.json.id;
    const patched = await t.call("PATCH", `${MODELS}/${id}`, {
      body: [
        { op: "replace", path: "/algorithm", value: "Elastic net" },
        { op: "add", path: "/mlFeatures/-", value: { name: "b", dataType: "categorical" } },
        { op: "add", path: "/server", value: "http://serving/predict" },
        { op: "add", path: "/extension", value: { owner_team: "a" } },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.json.version).toBe(0.2);
    expect(patched.json.changeDescription.fieldsAdded).toEqual([
      { name: "extension", newValue: JSON.stringify({ owner_team: "a" }) },
      { name: "mlFeatures", newValue: JSON.stringify([{ name: "b", dataType: "categorical" }]) },
      { name: "server", newValue: "http://serving/predict" },
    ]);
    expect(patched.json.changeDescription.fieldsUpdated).toEqual([{ name: "algorithm", oldValue: "Ridge", newValue: "Elastic net" }]);
  });

  test("PATCH cannot move a model to another service, nor remove its algorithm; a stale If-Match is a 412", async () => {
    const created = await t.call("POST", MODELS, { body: model("guarded") });
    const id = created.json.id;
    const moved = await t.call("PATCH", `${MODELS}/${id}`, { body: [{ op: "replace", path: "/service/name", value: "mlflow_svc" }, { op: "add", path: "/description", value: "d" }] });
    expect(moved.json.service.name).toBe("models_svc");
    expect(moved.json.changeDescription.fieldsAdded).toEqual([{ name: "description", newValue: "d" }]);
    expect((await t.call("PATCH", `${MODELS}/${id}`, { body: [{ op: "remove", path: "/algorithm" }] })).json).toEqual({ code: 400, message: "[algorithm must not be null]" });
    const stale = await t.call("PATCH", `${MODELS}/${id}`, { body: [{ op: "add", path: "/description", value: "e" }], headers: { "if-match": '"0000000000000000"' } });
    expect(stale.status).toBe(412);
  });

  test("same-user PATCHes within the session consolidate into one version; versions list newest first", async () => {
    const created = await t.call("POST", MODELS, { body: model("sessions"), token: "alice" });
    const id = created.json.id;
    t.clock.advance(MINUTE);
    await t.call("PATCH", `${MODELS}/${id}`, { body: [{ op: "add", path: "/description", value: "one" }], token: "alice" });
    t.clock.advance(MINUTE);
    const second = await t.call("PATCH", `${MODELS}/${id}`, { body: [{ op: "replace", path: "/description", value: "two" }], token: "alice" });
    expect(second.json.version).toBe(0.2);
    // The PATCH answer shows this request's change; the stored one is the consolidated change since 0.1.
    expect(second.json.changeDescription.fieldsUpdated).toEqual([{ name: "description", oldValue: "one", newValue: "two" }]);
    expect((await t.call("GET", `${MODELS}/${id}`)).json.changeDescription.fieldsAdded).toEqual([{ name: "description", newValue: "two" }]);
    const history = await t.call("GET", `${MODELS}/${id}/versions`);
    expect(history.json.entityType).toBe("mlmodel");
    expect(history.json.versions.map((v: string) => JSON.parse(v).version)).toEqual([0.2, 0.1]);
    expect((await t.call("GET", `${MODELS}/${id}/versions/0.1`)).json.description).toBeUndefined();
    expect((await t.call("GET", `${MODELS}/${id}/versions/0.5`)).json.message).toBe(`mlmodel instance for ${id} and version 0.5 not found`);
  });

  test("soft delete, restore, hard delete", async () => {
    const id = (await t.call("POST", MODELS, { body: model("deleted_model") })).json.id;
    const soft = await t.call("DELETE", `${MODELS}/${id}`);
    expect(soft.headers.get("x-openmetadata-change")).toBe("entitySoftDeleted");
    expect(soft.json).toMatchObject({ deleted: true, version: 0.2 });
    expect((await t.call("GET", `${MODELS}/${id}`)).status).toBe(404);
    expect((await t.call("GET", `${MODELS}/${id}?include=deleted`)).json.deleted).toBe(true);
    const restored = await t.call("PUT", `${MODELS}/restore`, { body: { id } });
    expect(restored.headers.get("x-openmetadata-change")).toBe("entityRestored");
    expect(restored.json).toMatchObject({ deleted: false, version: 0.3 });
    const hard = await t.call("DELETE", `${MODELS}/name/${encodeURIComponent("models_svc.deleted_model")}?hardDelete=true`);
    expect(hard.headers.get("x-openmetadata-change")).toBe("entityDeleted");
    expect((await t.call("GET", `${MODELS}/${id}/versions`)).status).toBe(404);
  });

  test("followers: PUT /{id}/followers with the user id, DELETE /{id}/followers/{userId}; ChangeEvents without a version bump", async () => {
    const id = (await t.call("POST", MODELS, { body: model("followed") })).json.id;
    const added = await t.call("PUT", `${MODELS}/${id}/followers`, { body: SAMPLE_USERS.bob.id });
    expect(added.headers.get("x-openmetadata-change")).toBe("entityFieldsChanged");
    expect(added.json).toMatchObject({ entityType: "mlmodel", entityId: id, previousVersion: 0.1, currentVersion: 0.1 });
    expect((await t.call("GET", `${MODELS}/${id}?fields=followers`)).json.followers.map((f: { name: string }) => f.name)).toEqual(["bob"]);
    const removed = await t.call("DELETE", `${MODELS}/${id}/followers/${SAMPLE_USERS.bob.id}`);
    expect(removed.json.changeDescription.fieldsDeleted[0].name).toBe("followers");
    expect((await t.call("GET", `${MODELS}/${id}?fields=followers`)).json.followers).toEqual([]);
    expect((await t.call("PUT", `${MODELS}/${id}/followers`, { body: "00000000-0000-4000-8000-000000000000" })).json.message).toBe(
      "user instance for 00000000-0000-4000-8000-000000000000 not found",
    );
  });
});

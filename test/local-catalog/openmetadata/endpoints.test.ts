import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_ML_SERVICES, SAMPLE_PIPELINE_SERVICES, SAMPLE_USERS, SAMPLE_TEAMS } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { ML, PIPE, mlflowRequest, startTestCatalog, type TestCatalog } from "./helpers.js";

let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
});
afterAll(async () => {
  await t.close();
});

const MLFLOW = SAMPLE_ML_SERVICES.mlflowSvc;
const FIVETRAN = SAMPLE_PIPELINE_SERVICES.fivetranProd;

describe("§3.1 list", () => {
  test("§3.1: list answers {data, paging} with paging.total, default limit 10, hrefs on every item", async () => {
    const answer = await t.call("GET", PIPE);
    expect(answer.status).toBe(200);
    expect(answer.json.paging.total).toBeGreaterThan(0);
    expect(answer.json.data.length).toBeLessThanOrEqual(10);
    for (const item of answer.json.data) expect(item.href).toBe(`${t.catalog.url}/api/v1/services/pipelineServices/${item.id}`);
  });

  test("§3.1: relationship fields appear only when named in fields", async () => {
    const plain = await t.call("GET", `${ML}?limit=100`);
    const mlflow = plain.json.data.find((s: { id: string }) => s.id === MLFLOW.id);
    expect(mlflow.owners).toBeUndefined();
    const withFields = await t.call("GET", `${ML}?limit=100&fields=owners,tags,domains,followers,pipelines`);
    const full = withFields.json.data.find((s: { id: string }) => s.id === MLFLOW.id);
    expect(full.owners[0].name).toBe("alice");
    expect(full.tags[0].tagFQN).toBe("Tier.Tier1");
    expect(full.domains[0].name).toBe("Marketing");
    expect(full.followers).toEqual([]);
    expect(full.pipelines).toEqual([]);
  });

  test("§3.1: include=deleted lists only soft-deleted services, include=all both", async () => {
    const deleted = await t.call("GET", `${ML}?include=deleted`);
    expect(deleted.json.data.map((s: { name: string }) => s.name)).toContain("retired_models");
    expect(deleted.json.data.every((s: { deleted: boolean }) => s.deleted)).toBe(true);
    const all = await t.call("GET", `${ML}?include=all&limit=1000`);
    const active = await t.call("GET", `${ML}?limit=1000`);
    expect(all.json.paging.total).toBe(active.json.paging.total + deleted.json.paging.total);
    expect(active.json.data.map((s: { name: string }) => s.name)).not.toContain("retired_models");
  });

  test("§3.1: domain filters by domain FQN; an unknown domain is a 404", async () => {
    const marketing = await t.call("GET", `${PIPE}?domain=Marketing`);
    expect(marketing.json.data.map((s: { name: string }) => s.name)).toEqual(["dagster_dev"]);
    expect(marketing.json.paging.total).toBe(1);
    const unknown = await t.call("GET", `${PIPE}?domain=Nowhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ code: 404, message: "domain instance for Nowhere not found" });
  });

  test("§3.1: limit=0 returns no data, only the total", async () => {
    const answer = await t.call("GET", `${PIPE}?limit=0`);
    expect(answer.json.data).toEqual([]);
    expect(Object.keys(answer.json.paging)).toEqual(["total"]);
  });

  test("§3.1: limit outside 0..1000000 is a 400 with the bean-validation text", async () => {
    const low = await t.call("GET", `${PIPE}?limit=-1`);
    expect(low.status).toBe(400);
    expect(low.json.message).toBe("[query param limit must be greater than or equal to 0]");
    const high = await t.call("GET", `${PIPE}?limit=1000001`);
    expect(high.json.message).toBe("[query param limit must be less than or equal to 1000000]");
    expect((await t.call("GET", `${PIPE}?limit=1000000`)).status).toBe(200);
  });

  test("§3.1: both before and after → 400 Only one of before or after query parameter allowed", async () => {
    const answer = await t.call("GET", `${PIPE}?before=x&after=y`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 400, message: "Only one of before or after query parameter allowed" });
  });

  test("§3.1: an unknown field name → 400 Invalid field name", async () => {
    const answer = await t.call("GET", `${PIPE}?fields=owners,foo`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 400, message: "Invalid field name foo" });
  });
});

describe("§3.2/§3.3 get", () => {
  test("§3.2: get by id answers the entity with href, connection and no relationship fields by default", async () => {
    const answer = await t.call("GET", `${ML}/${MLFLOW.id}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      id: MLFLOW.id,
      name: "mlflow_svc",
      fullyQualifiedName: "mlflow_svc",
      serviceType: "Mlflow",
      description: "Production MLflow tracking server",
      displayName: "MLflow Production",
      deleted: false,
      connection: { config: { type: "Mlflow", trackingUri: "http://localhost:8088", registryUri: "http://localhost:8088", supportsMetadataExtraction: true } },
    });
    expect(answer.json.owners).toBeUndefined();
  });

  test("§3.2: owner references are expanded (id, type, name, fullyQualifiedName, displayName, deleted, href)", async () => {
    const answer = await t.call("GET", `${ML}/${MLFLOW.id}?fields=owners`);
    expect(answer.json.owners).toEqual([
      {
        id: SAMPLE_USERS.alice.id,
        type: "user",
        name: "alice",
        fullyQualifiedName: "alice",
        displayName: "Alice Martin",
        deleted: false,
        href: `${t.catalog.url}/api/v1/users/${SAMPLE_USERS.alice.id}`,
      },
    ]);
  });

  test("§3.2: an unknown id → 404 {T} instance for <id> not found", async () => {
    const id = "00000000-0000-4000-8000-000000000999";
    const answer = await t.call("GET", `${PIPE}/${id}`);
    expect(answer.json).toEqual({ code: 404, message: `pipelineService instance for ${id} not found` });
  });

  test("§3.2: a malformed UUID in the path → Jersey 404 HTTP 404 Not Found", async () => {
    const answer = await t.call("GET", `${PIPE}/not-a-uuid`);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ code: 404, message: "HTTP 404 Not Found" });
  });

  test("§3.2: a soft-deleted service is 404 unless include=deleted or all", async () => {
    const id = SAMPLE_ML_SERVICES.retiredModels.id;
    expect((await t.call("GET", `${ML}/${id}`)).status).toBe(404);
    expect((await t.call("GET", `${ML}/${id}?include=deleted`)).json.deleted).toBe(true);
    expect((await t.call("GET", `${ML}/${id}?include=all`)).status).toBe(200);
    expect((await t.call("GET", `${ML}/name/retired_models?include=all`)).status).toBe(200);
  });

  test("§3.3: get by name finds the service by its name", async () => {
    const answer = await t.call("GET", `${PIPE}/name/fivetran_prod`);
    expect(answer.json.id).toBe(FIVETRAN.id);
  });

  test("§3.3: by-name 404 shows the quoted FQN", async () => {
    const answer = await t.call("GET", `${PIPE}/name/my.svc`);
    expect(answer.json).toEqual({ code: 404, message: 'pipelineService instance for "my.svc" not found' });
  });
});

describe("§3.4 POST", () => {
  test("§3.4: POST → 201, Location, entityCreated, version 0.1, defaults materialised, no changeDescription", async () => {
    const answer = await t.call("POST", ML, { body: mlflowRequest("post_basic", { description: "d" }), token: "alice" });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("location")).toBe(answer.json.href);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityCreated");
    expect(answer.json).toMatchObject({ name: "post_basic", fullyQualifiedName: "post_basic", version: 0.1, updatedBy: "alice", deleted: false });
    expect(answer.text).toContain('"version":0.1');
    expect(answer.json.connection.config.supportsMetadataExtraction).toBe(true);
    expect(answer.json.changeDescription).toBeUndefined();
  });

  test("§3.4: POST of a taken name → 409 Entity already exists", async () => {
    await t.call("POST", ML, { body: mlflowRequest("post_dup") });
    const answer = await t.call("POST", ML, { body: mlflowRequest("post_dup") });
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({ code: 409, message: "Entity already exists" });
  });

  test("§3.4: POST of a name held by a soft-deleted service → 409", async () => {
    const answer = await t.call("POST", ML, { body: { name: "retired_models", serviceType: "Sklearn" } });
    expect(answer.status).toBe(409);
  });

  test("§3.4: owners, tags, domains and data products are validated and expanded", async () => {
    const answer = await t.call("POST", PIPE, {
      body: {
        name: "post_refs",
        serviceType: "CustomPipeline",
        owners: [{ id: SAMPLE_TEAMS.mlPlatform.id, type: "team" }],
        tags: [{ tagFQN: "PII.Sensitive", source: "Classification", labelType: "Manual", state: "Confirmed" }],
        domains: ["Sales"],
        dataProducts: ["CustomerInsights"],
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.json.owners[0]).toMatchObject({ id: SAMPLE_TEAMS.mlPlatform.id, type: "team", name: "ml-platform" });
    expect(answer.json.tags[0]).toMatchObject({ tagFQN: "PII.Sensitive", source: "Classification" });
    expect(answer.json.domains[0]).toMatchObject({ type: "domain", name: "Sales" });
    expect(answer.json.dataProducts[0]).toMatchObject({ type: "dataProduct", name: "CustomerInsights" });
  });

  test("§3.4: PIPELINE create accepts scheduleInterval; unknown keys → 400 Invalid request format", async () => {
    expect((await t.call("POST", PIPE, { body: { name: "post_sched", serviceType: "Spark", scheduleInterval: "0 * * * *" } })).status).toBe(201);
    const bad = await t.call("POST", ML, { body: { name: "post_sched", serviceType: "Sklearn", scheduleInterval: "0 * * * *" } });
    expect(bad.json).toEqual({ code: 400, message: "Invalid request format" });
  });
});

describe("§3.5 PUT", () => {
  test("§3.5: PUT of a new name → 201 entityCreated", async () => {
    const answer = await t.call("PUT", ML, { body: mlflowRequest("put_new") });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityCreated");
  });

  test("§3.5: PUT of an existing name with no change → 200 entityNoChange, version kept", async () => {
    await t.call("PUT", ML, { body: mlflowRequest("put_same", { description: "d" }) });
    const answer = await t.call("PUT", ML, { body: mlflowRequest("put_same", { description: "d" }) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    expect(answer.json.version).toBe(0.1);
  });

  test("§3.5: PUT tags are unioned with the stored ones (PUT cannot remove tags)", async () => {
    const tag = (tagFQN: string) => ({ tagFQN, source: "Classification", labelType: "Manual", state: "Confirmed" });
    await t.call("PUT", ML, { body: mlflowRequest("put_tags", { tags: [tag("PII.None")] }) });
    const answer = await t.call("PUT", ML, { body: mlflowRequest("put_tags", { tags: [tag("Tier.Tier2")] }) });
    expect(answer.json.tags.map((l: { tagFQN: string }) => l.tagFQN).sort()).toEqual(["PII.None", "Tier.Tier2"]);
    expect(answer.json.changeDescription.fieldsAdded).toEqual([{ name: "tags", newValue: expect.stringContaining("Tier.Tier2") }]);
  });

  test("§3.5: PUT keeps owners when the list is empty or absent, replaces them when non-empty", async () => {
    const alice = { id: SAMPLE_USERS.alice.id, type: "user" };
    const bob = { id: SAMPLE_USERS.bob.id, type: "user" };
    await t.call("PUT", ML, { body: mlflowRequest("put_owners", { owners: [alice] }) });
    expect((await t.call("PUT", ML, { body: mlflowRequest("put_owners", { owners: [] }) })).json.owners[0].name).toBe("alice");
    expect((await t.call("PUT", ML, { body: mlflowRequest("put_owners") })).json.owners[0].name).toBe("alice");
    expect((await t.call("PUT", ML, { body: mlflowRequest("put_owners", { owners: [bob] }) })).json.owners.map((o: { name: string }) => o.name)).toEqual(["bob"]);
  });

  test("§3.5: PUT without description/displayName clears them for human callers", async () => {
    await t.call("PUT", ML, { body: mlflowRequest("put_clear", { description: "d", displayName: "D" }) });
    const answer = await t.call("PUT", ML, { body: mlflowRequest("put_clear") });
    expect(answer.json.description).toBeUndefined();
    expect(answer.json.displayName).toBeUndefined();
    expect(answer.json.changeDescription.fieldsDeleted.map((c: { name: string }) => c.name).sort()).toEqual(["description", "displayName"]);
  });

  test("§3.5: a bot's PUT keeps a non-empty stored description", async () => {
    await t.call("PUT", ML, { body: mlflowRequest("put_bot", { description: "human text" }) });
    const answer = await t.call("PUT", ML, { body: mlflowRequest("put_bot", { description: "bot text" }), token: "ingestion-bot" });
    expect(answer.json.description).toBe("human text");
  });

  test("§3.5: PUT without connection keeps the stored connection", async () => {
    await t.call("PUT", ML, { body: mlflowRequest("put_conn") });
    const answer = await t.call("PUT", ML, { body: { name: "put_conn", serviceType: "Mlflow" } });
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    expect(answer.json.connection.config.trackingUri).toBe("http://mlflow:5000");
  });

  test("§3.5: PUT on a soft-deleted service restores it (deleted recorded as a change)", async () => {
    const created = await t.call("PUT", ML, { body: mlflowRequest("put_restore") });
    await t.call("DELETE", `${ML}/${created.json.id}`);
    const answer = await t.call("PUT", ML, { body: mlflowRequest("put_restore") });
    expect(answer.status).toBe(200);
    expect(answer.json.deleted).toBe(false);
    expect(answer.json.version).toBe(0.3);
    expect(answer.json.changeDescription.fieldsUpdated).toContainEqual({ name: "deleted", oldValue: true, newValue: false });
  });

  test("§3.5: PUT with deleted=true → 400 {T} attribute deleted can't be modified", async () => {
    const answer = await t.call("PUT", ML, { body: { ...mlflowRequest("put_deleted"), deleted: true } });
    expect(answer.json).toEqual({ code: 400, message: "mlmodelService attribute deleted can't be modified" });
  });
});

describe("§3.7 delete", () => {
  test("§3.7: soft delete → 200 entitySoftDeleted, deleted true, version +0.1, change recorded", async () => {
    const created = await t.call("POST", ML, { body: mlflowRequest("del_soft") });
    const answer = await t.call("DELETE", `${ML}/${created.json.id}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entitySoftDeleted");
    expect(answer.json).toMatchObject({ deleted: true, version: 0.2 });
    expect(answer.json.changeDescription.fieldsUpdated).toEqual([{ name: "deleted", oldValue: false, newValue: true }]);
  });

  test("§3.7: soft-deleting an already soft-deleted service → 404", async () => {
    const answer = await t.call("DELETE", `${ML}/${SAMPLE_ML_SERVICES.retiredModels.id}`);
    expect(answer.status).toBe(404);
  });

  test("§3.7: a non-empty service without recursive → 400 {T} is not empty; recursive=true deletes", async () => {
    const id = SAMPLE_PIPELINE_SERVICES.sampleAirflow.id;
    const refused = await t.call("DELETE", `${PIPE}/${id}`);
    expect(refused.json).toEqual({ code: 400, message: "pipelineService is not empty" });
    const created = await t.call("POST", ML, { body: mlflowRequest("del_children") });
    expect((await t.call("POST", "/mlmodels", { body: { name: "model_a", service: "del_children", algorithm: "a" } })).status).toBe(201);
    expect((await t.call("DELETE", `${ML}/${created.json.id}`)).json.message).toBe("mlmodelService is not empty");
    expect((await t.call("DELETE", `${ML}/${created.json.id}?recursive=true`)).status).toBe(200);
  });

  test("§3.7: hard delete → entityDeleted, then every read and /versions is 404", async () => {
    const created = await t.call("POST", ML, { body: mlflowRequest("del_hard") });
    const id = created.json.id;
    await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "add", path: "/description", value: "x" }] });
    const answer = await t.call("DELETE", `${ML}/${id}?hardDelete=true`);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityDeleted");
    expect(answer.json.version).toBe(0.2);
    expect((await t.call("GET", `${ML}/${id}?include=all`)).status).toBe(404);
    expect((await t.call("GET", `${ML}/${id}/versions`)).json).toEqual({ code: 404, message: `mlmodelService instance for ${id} not found` });
    expect(t.catalog.db.prepare("SELECT count(*) AS n FROM om_service_versions WHERE id = ?").get(id)).toEqual({ n: 0 });
  });

  test("§3.7: hard-deleting a soft-deleted service works", async () => {
    const created = await t.call("POST", ML, { body: mlflowRequest("del_soft_then_hard") });
    await t.call("DELETE", `${ML}/${created.json.id}`);
    expect((await t.call("DELETE", `${ML}/${created.json.id}?hardDelete=true`)).status).toBe(200);
  });

  test("§3.7: delete by name quotes the name", async () => {
    await t.call("POST", ML, { body: mlflowRequest("del.by.name") });
    const answer = await t.call("DELETE", `${ML}/name/del.by.name`);
    expect(answer.json).toMatchObject({ fullyQualifiedName: '"del.by.name"', deleted: true });
  });

  test("§3.7: async delete → 202 job descriptor, and the service goes away", async () => {
    const created = await t.call("POST", ML, { body: mlflowRequest("del_async") });
    const answer = await t.call("DELETE", `${ML}/async/${created.json.id}?hardDelete=true&recursive=true`);
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({
      jobId: expect.any(String),
      message: "Delete operation initiated for del_async",
      entityName: "del_async",
      hardDelete: true,
      recursive: true,
    });
    expect((await t.call("GET", `${ML}/${created.json.id}?include=all`)).status).toBe(404);
  });
});

describe("§3.8 restore", () => {
  test("§3.8: restore of a soft-deleted service → 200 entityRestored, version +0.1", async () => {
    const created = await t.call("POST", ML, { body: mlflowRequest("restore_me") });
    await t.call("DELETE", `${ML}/${created.json.id}`);
    const answer = await t.call("PUT", `${ML}/restore`, { body: { id: created.json.id } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityRestored");
    expect(answer.json).toMatchObject({ deleted: false, version: 0.3 });
    expect(answer.json.changeDescription.fieldsUpdated).toEqual([{ name: "deleted", oldValue: true, newValue: false }]);
  });

  test("§3.8: restore of an active or unknown id → 500 like the real server", async () => {
    expect((await t.call("PUT", `${ML}/restore`, { body: { id: MLFLOW.id } })).status).toBe(500);
    const unknown = await t.call("PUT", `${ML}/restore`, { body: { id: "00000000-0000-4000-8000-000000000999" } });
    expect(unknown.status).toBe(500);
    expect(unknown.json.message).toMatch(/^An exception with message \[.*\] was thrown while processing request\.$/);
  });

  test("§3.8: restore body is {id} only (additionalProperties false)", async () => {
    expect((await t.call("PUT", `${ML}/restore`, { body: { id: MLFLOW.id, x: 1 } })).json.message).toBe("Invalid request format");
    expect((await t.call("PUT", `${ML}/restore`, { body: {} })).json.message).toBe("[id must not be null]");
  });
});

describe("§3.9/§3.10 versions", () => {
  test("§3.9: versions is {entityType, versions: JSON strings newest first}", async () => {
    const answer = await t.call("GET", `${ML}/${MLFLOW.id}/versions`);
    expect(answer.json.entityType).toBe("mlmodelService");
    const versions = answer.json.versions.map((s: string) => JSON.parse(s));
    expect(versions.map((v: { version: number }) => v.version)).toEqual([0.3, 0.2, 0.1]);
    expect(versions.map((v: { updatedBy: string }) => v.updatedBy)).toEqual(["bob", "alice", "admin"]);
  });

  test("§3.9: versions of a soft-deleted service are served", async () => {
    const answer = await t.call("GET", `${ML}/${SAMPLE_ML_SERVICES.retiredModels.id}/versions`);
    expect(answer.json.versions).toHaveLength(2);
  });

  test("§3.10: a given version answers the entity as it was", async () => {
    const answer = await t.call("GET", `${ML}/${MLFLOW.id}/versions/0.1`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ version: 0.1, description: "MLflow tracking server", updatedBy: "admin" });
    expect(answer.headers.get("etag")).toMatch(/^"[0-9a-f]{16}"$/);
  });

  test("§3.10: an unknown version → 404 {T} instance for <id> and version <v> not found", async () => {
    const answer = await t.call("GET", `${ML}/${MLFLOW.id}/versions/0.7`);
    expect(answer.json).toEqual({ code: 404, message: `mlmodelService instance for ${MLFLOW.id} and version 0.7 not found` });
    expect((await t.call("GET", `${ML}/${MLFLOW.id}/versions/1`)).json.message).toBe(`mlmodelService instance for ${MLFLOW.id} and version 1.0 not found`);
  });

  test("§3.10: a non-numeric version → 400", async () => {
    const answer = await t.call("GET", `${ML}/${MLFLOW.id}/versions/abc`);
    expect(answer.status).toBe(400);
  });

  test("§3.10: whole versions are served and accepted as 1.0 (/versions/1 and /versions/1.0)", async () => {
    const created = await t.call("POST", PIPE, { body: { name: "ten_versions", serviceType: "Spark" } });
    const id = created.json.id;
    for (let i = 1; i <= 9; i++) {
      await t.call("PUT", PIPE, { body: { name: "ten_versions", serviceType: "Spark", description: `d${i}` } });
    }
    const current = await t.call("GET", `${PIPE}/${id}`);
    expect(current.json.version).toBe(1);
    expect(current.text).toContain('"version":1.0,');
    expect(current.text).toContain('"previousVersion":0.9');
    expect((await t.call("GET", `${PIPE}/${id}/versions/1`)).json.description).toBe("d9");
    expect((await t.call("GET", `${PIPE}/${id}/versions/1.0`)).text).toContain('"version":1.0');
    const versions = await t.call("GET", `${PIPE}/${id}/versions`);
    expect(versions.json.versions[0]).toContain('"version":1.0,');
  });
});

describe("§3.11/§3.12 followers and test connection", () => {
  test("§3.11: PUT followers answers a ChangeEvent, entityFieldsChanged, no version bump", async () => {
    const created = await t.call("POST", ML, { body: mlflowRequest("follow_me") });
    const answer = await t.call("PUT", `${ML}/${created.json.id}/followers`, { raw: JSON.stringify(SAMPLE_USERS.bob.id), token: "bob" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityFieldsChanged");
    expect(answer.json).toMatchObject({
      entityType: "mlmodelService",
      entityId: created.json.id,
      entityFullyQualifiedName: "follow_me",
      previousVersion: 0.1,
      currentVersion: 0.1,
      userName: "bob",
    });
    expect(JSON.parse(answer.json.changeDescription.fieldsAdded[0].newValue)[0].name).toBe("bob");
    const after = await t.call("GET", `${ML}/${created.json.id}?fields=followers`);
    expect(after.json.version).toBe(0.1);
    expect(after.json.updatedAt).toBe(created.json.updatedAt);
    expect(after.json.followers.map((f: { name: string }) => f.name)).toEqual(["bob"]);
    const removed = await t.call("DELETE", `${ML}/${created.json.id}/followers/${SAMPLE_USERS.bob.id}`);
    expect(removed.json.changeDescription.fieldsDeleted[0].name).toBe("followers");
    expect((await t.call("GET", `${ML}/${created.json.id}?fields=followers`)).json.followers).toEqual([]);
  });

  test("§3.11: an unknown follower → 404 user instance for <id> not found", async () => {
    const id = "00000000-0000-4000-8000-000000000999";
    const answer = await t.call("PUT", `${ML}/${MLFLOW.id}/followers`, { raw: JSON.stringify(id) });
    expect(answer.json).toEqual({ code: 404, message: `user instance for ${id} not found` });
  });

  test("§3.12: PUT testConnectionResult stores it without a version bump", async () => {
    const created = await t.call("POST", ML, { body: mlflowRequest("test_conn") });
    const result = { lastUpdatedAt: 1718000000000, status: "Successful", steps: [{ name: "CheckAccess", mandatory: true, passed: true }] };
    const answer = await t.call("PUT", `${ML}/${created.json.id}/testConnectionResult`, { body: result });
    expect(answer.status).toBe(200);
    expect(answer.json.testConnectionResult).toEqual(result);
    expect(answer.json.version).toBe(0.1);
    expect((await t.call("GET", `${ML}/${created.json.id}`)).json.testConnectionResult).toEqual(result);
  });
});

describe("reference read endpoints", () => {
  test("users, teams, tags, domains are served by id and by name; unknown → 404 text", async () => {
    expect((await t.call("GET", `/users/${SAMPLE_USERS.alice.id}`)).json.name).toBe("alice");
    expect((await t.call("GET", "/users/name/bob")).json.id).toBe(SAMPLE_USERS.bob.id);
    expect((await t.call("GET", "/teams/name/data-eng")).json.displayName).toBe("Data Engineering");
    expect((await t.call("GET", "/tags/name/PII.Sensitive")).json.fullyQualifiedName).toBe("PII.Sensitive");
    expect((await t.call("GET", "/domains/name/Sales")).json.name).toBe("Sales");
    expect((await t.call("GET", "/glossaryTerms/name/BusinessGlossary.Revenue")).json.name).toBe("Revenue");
    expect((await t.call("GET", "/users")).json.paging.total).toBe(5);
    expect((await t.call("GET", "/tags/name/PII.Foo")).json).toEqual({ code: 404, message: "tag instance for PII.Foo not found" });
  });
});

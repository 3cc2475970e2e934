import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_DOMAINS, SAMPLE_USERS } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { ML, PIPE, mlflowRequest, startTestCatalog, type TestCatalog } from "./helpers.js";

let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
});
afterAll(async () => {
  await t.close();
});

async function fresh(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await t.call("POST", ML, { body: mlflowRequest(name, extra) });
  expect(created.status).toBe(201);
  return created.json.id as string;
}

describe("§3.6 PATCH", () => {
  test("§1.1: PATCH with Content-Type application/json → 415", async () => {
    const id = await fresh("p_415");
    const answer = await t.call("PATCH", `${ML}/${id}`, { body: [], contentType: "application/json" });
    expect(answer.status).toBe(415);
    expect(answer.json).toEqual({ code: 415, message: "HTTP 415 Unsupported Media Type" });
  });

  test("§3.6: operations apply in order (add then move)", async () => {
    const id = await fresh("p_order");
    const answer = await t.call("PATCH", `${ML}/${id}`, {
      body: [
        { op: "add", path: "/displayName", value: "first" },
        { op: "move", from: "/displayName", path: "/description" },
      ],
    });
    expect(answer.json.description).toBe("first");
    expect(answer.json.displayName).toBeUndefined();
  });

  test("§6.3: a failing test op aborts the whole patch with 400 and stores nothing", async () => {
    const id = await fresh("p_test", { description: "keep" });
    const answer = await t.call("PATCH", `${ML}/${id}`, {
      body: [
        { op: "replace", path: "/description", value: "changed" },
        { op: "test", path: "/version", value: 0.7 },
      ],
    });
    expect(answer.status).toBe(400);
    expect(typeof answer.json.message).toBe("string");
    expect((await t.call("GET", `${ML}/${id}`)).json.description).toBe("keep");
    expect((await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "test", path: "/version", value: 0.1 }] })).status).toBe(200);
  });

  test("§7.2: a path into a missing field fails with 400 (JSON Patch errors are 400 on the newest server)", async () => {
    const id = await fresh("p_missing");
    const answer = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "remove", path: "/owners/0" }] });
    expect(answer.status).toBe(400);
  });

  test("§3.6: a body that is not an array of operations → 400", async () => {
    const id = await fresh("p_notarray");
    expect((await t.call("PATCH", `${ML}/${id}`, { body: { op: "add" } })).status).toBe(400);
    expect((await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "nope", path: "/description" }] })).status).toBe(400);
  });

  test("§3.6: PATCH by name quotes the name", async () => {
    await fresh("p.by.name");
    const answer = await t.call("PATCH", `${ML}/name/p.by.name`, { body: [{ op: "add", path: "/description", value: "x" }] });
    expect(answer.json).toMatchObject({ fullyQualifiedName: '"p.by.name"', description: "x" });
  });

  test("§3.6: owners can be removed by PATCH (unlike PUT)", async () => {
    const id = await fresh("p_owners", { owners: [{ id: SAMPLE_USERS.alice.id, type: "user" }] });
    const answer = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "remove", path: "/owners/0" }] });
    expect(answer.json.owners).toEqual([]);
    expect(JSON.parse(answer.json.changeDescription.fieldsDeleted[0].oldValue)[0].name).toBe("alice");
  });

  test("§3.6: PATCH /domains takes EntityReferences; an unknown one → 404", async () => {
    const id = await fresh("p_domains");
    const ok = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "add", path: "/domains", value: [{ id: SAMPLE_DOMAINS.sales.id, type: "domain" }] }] });
    expect(ok.json.domains[0]).toMatchObject({ id: SAMPLE_DOMAINS.sales.id, name: "Sales", type: "domain" });
    const missing = "00000000-0000-4000-8000-000000000999";
    const bad = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "add", path: "/domains", value: [{ id: missing, type: "domain" }] }] });
    expect(bad.json).toEqual({ code: 404, message: `domain instance for ${missing} not found` });
  });

  test("§3.6: a soft-deleted service cannot be PATCHed (404)", async () => {
    const id = await fresh("p_softdeleted");
    await t.call("DELETE", `${ML}/${id}`);
    expect((await t.call("PATCH", `${ML}/${id}`, { body: [] })).status).toBe(404);
  });
});

describe("§7.1 protected attributes", () => {
  test("§7.1: /id, /name, /fullyQualifiedName, /changeDescription are silently restored → entityNoChange", async () => {
    const id = await fresh("p_protected");
    const answer = await t.call("PATCH", `${ML}/${id}`, {
      body: [
        { op: "replace", path: "/id", value: "00000000-0000-4000-8000-000000000001" },
        { op: "replace", path: "/name", value: "other" },
        { op: "replace", path: "/fullyQualifiedName", value: "other" },
        { op: "add", path: "/changeDescription", value: { fieldsAdded: [], fieldsUpdated: [], fieldsDeleted: [], previousVersion: 0.1 } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    expect(answer.json).toMatchObject({ id, name: "p_protected", fullyQualifiedName: "p_protected", version: 0.1 });
  });

  test("§7.1: operations whose path ends in href are dropped before applying", async () => {
    const id = await fresh("p_href", { owners: [{ id: SAMPLE_USERS.bob.id, type: "user" }] });
    const answer = await t.call("PATCH", `${ML}/${id}`, {
      body: [
        { op: "remove", path: "/href" },
        { op: "replace", path: "/owners/0/href", value: "http://elsewhere" },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    expect(answer.json.href).toContain(id);
  });

  test("§7.1: /version, /updatedAt, /updatedBy are recomputed", async () => {
    const id = await fresh("p_recomputed");
    const answer = await t.call("PATCH", `${ML}/${id}`, {
      token: "alice",
      body: [
        { op: "replace", path: "/version", value: 9.9 },
        { op: "replace", path: "/updatedBy", value: "mallory" },
        { op: "replace", path: "/updatedAt", value: 1 },
        { op: "add", path: "/description", value: "x" },
      ],
    });
    expect(answer.json).toMatchObject({ version: 0.2, updatedBy: "alice", updatedAt: t.clock.now() });
  });

  test("§7.1: /deleted → true is a 400 {T} attribute deleted can't be modified; false on an active entity is no change", async () => {
    const id = await fresh("p_deleted");
    const answer = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "replace", path: "/deleted", value: true }] });
    expect(answer.json).toEqual({ code: 400, message: "mlmodelService attribute deleted can't be modified" });
    const noop = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "replace", path: "/deleted", value: false }] });
    expect(noop.headers.get("x-openmetadata-change")).toBe("entityNoChange");
  });
});

describe("§7.3 connection validation", () => {
  test("§7.3: an unknown connection key → 400 Failed to encrypt … unrecognized field", async () => {
    const answer = await t.call("POST", ML, {
      body: { name: "c_unknown", serviceType: "Mlflow", connection: { config: { type: "Mlflow", trackingUri: "a", registryUri: "b", foo: 1 } } },
    });
    expect(answer.json).toEqual({ code: 400, message: "Failed to encrypt 'Mlflow' connection before storing in DB due to an unrecognized field: 'foo'" });
  });

  test("§7.3: config.type must equal serviceType", async () => {
    const answer = await t.call("POST", ML, { body: { name: "c_type", serviceType: "Mlflow", connection: { config: { type: "Sklearn" } } } });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(/^InvalidServiceConnectionException for service \[Mlflow\] due to \[.*type.*\]\.$/);
  });

  test("§7.3: a missing required connection key is a 400 naming the field", async () => {
    const answer = await t.call("POST", PIPE, { body: { name: "c_required", serviceType: "Fivetran", connection: { config: { type: "Fivetran", apiKey: "k" } } } });
    expect(answer.json.message).toBe(
      "InvalidServiceConnectionException for service [Fivetran] due to [connection.config.apiSecret is required for Fivetran].",
    );
  });

  test("§2.3: schema defaults are materialised (Fivetran hostPort, limit, supportsMetadataExtraction; type)", async () => {
    const answer = await t.call("POST", PIPE, { body: { name: "c_defaults", serviceType: "Fivetran", connection: { config: { apiKey: "k", apiSecret: "s" } } } });
    expect(answer.json.connection.config).toEqual({
      type: "Fivetran",
      apiKey: "k",
      hostPort: "https://api.fivetran.com",
      apiSecret: "*********",
      limit: 1000,
      supportsMetadataExtraction: true,
    });
  });

  test("§7.3: a PATCH that breaks the connection is refused", async () => {
    const id = await fresh("c_patch");
    const answer = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "add", path: "/connection/config/bar", value: 1 }] });
    expect(answer.json.message).toBe("Failed to encrypt 'Mlflow' connection before storing in DB due to an unrecognized field: 'bar'");
  });
});

import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { ENTITY_KINDS, type EntityKind } from "../../../src/local-catalog/openmetadata/kinds.js";
import { SAMPLE_USERS } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { startTestCatalog, type TestCatalog } from "./helpers.js";

/**
 * Every row of the kinds table serves the generic pattern of openmetadata-contract.md §3 (get by id and
 * name, list, POST, PUT, bulk, PATCH, versions, delete, restore, followers): a kind added as a row is
 * served without further code, and this suite covers it.
 */
let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
});
afterAll(async () => {
  await t.close();
});

/** A sample service of each service kind, for the assets' `service`. */
const SAMPLE_SERVICE: Record<string, string> = { mlmodelService: "mlflow_svc", pipelineService: "sample_airflow" };

function minimal(kind: EntityKind, name: string): Record<string, unknown> {
  return "types" in kind.service ? { name, serviceType: kind.service.types[0] } : { name, service: SAMPLE_SERVICE[kind.service.parent] };
}

describe.each(ENTITY_KINDS.map((kind) => [kind.entityType, kind] as const))("%s", (_, kind) => {
  const base = `/${kind.path}`;

  test("POST, get by id and by FQN, list, PUT update, bulk", async () => {
    const created = await t.call("POST", base, { body: minimal(kind, "every.kind") });
    expect(created.status).toBe(201);
    const { id, fullyQualifiedName } = created.json;
    expect(fullyQualifiedName.endsWith('"every.kind"')).toBe(true);
    expect((await t.call("GET", `${base}/${id}`)).json.id).toBe(id);
    expect((await t.call("GET", `${base}/name/${encodeURIComponent(fullyQualifiedName)}`)).json.id).toBe(id);
    expect((await t.call("GET", `${base}?limit=1000`)).json.data.map((e: { id: string }) => e.id)).toContain(id);
    const put = await t.call("PUT", base, { body: { ...minimal(kind, "every.kind"), description: "put" } });
    expect(put.json).toMatchObject({ id, version: 0.2, description: "put" });
    const bulk = await t.call("PUT", `${base}/bulk`, { body: [minimal(kind, "every_bulk")] });
    expect(bulk.json.results[0]).toMatchObject({ status: 201, change: "entityCreated" });
  });

  test("PATCH with If-Match, versions, followers, soft delete, restore, hard delete", async () => {
    const { id } = (await t.call("POST", base, { body: minimal(kind, "every_patch") })).json;
    const etag = (await t.call("GET", `${base}/${id}`)).headers.get("etag")!;
    const patched = await t.call("PATCH", `${base}/${id}`, { body: [{ op: "add", path: "/displayName", value: "Every" }], headers: { "if-match": etag } });
    expect(patched.json).toMatchObject({ version: 0.2, displayName: "Every" });
    expect((await t.call("PATCH", `${base}/${id}`, { body: [{ op: "add", path: "/description", value: "x" }], headers: { "if-match": etag } })).status).toBe(412);
    expect((await t.call("GET", `${base}/${id}/versions`)).json).toMatchObject({ entityType: kind.entityType, versions: [expect.any(String), expect.any(String)] });
    expect((await t.call("PUT", `${base}/${id}/followers`, { body: SAMPLE_USERS.carol.id })).json.entityType).toBe(kind.entityType);
    expect((await t.call("DELETE", `${base}/${id}/followers/${SAMPLE_USERS.carol.id}`)).status).toBe(200);
    expect((await t.call("DELETE", `${base}/${id}`)).json.deleted).toBe(true);
    expect((await t.call("PUT", `${base}/restore`, { body: { id } })).json.deleted).toBe(false);
    expect((await t.call("DELETE", `${base}/${id}?hardDelete=true`)).headers.get("x-openmetadata-change")).toBe("entityDeleted");
    expect((await t.call("GET", `${base}/${id}?include=all`)).status).toBe(404);
  });
});

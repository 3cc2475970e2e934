import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { ENTITY_KINDS, type EntityKind } from "../../../src/local-catalog/openmetadata/kinds.js";
import { SAMPLE_USERS } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { startTestCatalog, type TestCatalog } from "./helpers.js";

/**
 * Every row of the kinds table serves the generic pattern of docs/upstream/openmetadata.md §3 (get by id and
 * name, list, POST, PUT, bulk, PATCH, versions, delete, restore, followers) with the governance fields
 * its schema has, and a service kind its own keys (`serviceAttributes`, `style`): a kind added as a row
 * is served without further code, and this suite covers it.
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

  test("the governance fields its schema has are served by `fields` and taken on create; others are refused", async () => {
    for (const field of ["owners", "followers", "domains", "dataProducts", "tags"]) {
      const answer = await t.call("GET", `${base}?fields=${field}&limit=1`);
      expect(answer.status).toBe(kind.relations[field] ? 200 : 400);
    }
    if (!kind.createKeys.has("dataProducts")) {
      expect((await t.call("POST", base, { body: { ...minimal(kind, "no_products"), dataProducts: [] } })).json.message).toBe("Invalid request format");
    }
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

/** Values of the keys only some service schemas have (service-row.ts). */
const OWN_VALUES: Record<string, unknown> = {
  serviceAttributes: { environment: "Production", region: "eu-west-1", deployment: "prod-cluster-01" },
  style: { color: "#ff8800", iconURL: "https://icons.example/db.svg" },
};
const PATCHED: Record<string, unknown> = { serviceAttributes: { environment: "Staging", region: "us-east-1" }, style: { color: "#000000" } };
const WITH_OWN_KEYS = ENTITY_KINDS.filter((kind) => Object.keys(kind.ownFields ?? {}).some((key) => key in OWN_VALUES) && "types" in kind.service);

describe.each(WITH_OWN_KEYS.map((kind) => [kind.entityType, kind] as const))("%s own keys", (_, kind) => {
  const base = `/${kind.path}`;
  const own = Object.keys(kind.ownFields!).filter((key) => key in OWN_VALUES);

  test("created where the create schema has them, else refused; PATCHed and recorded; a wrong shape is refused", async () => {
    const creatable = own.filter((key) => kind.createKeys.has(key));
    const created = await t.call("POST", base, { body: { ...minimal(kind, "own_keys"), ...Object.fromEntries(creatable.map((key) => [key, OWN_VALUES[key]])) } });
    expect(created.status).toBe(201);
    for (const key of creatable) expect(created.json[key]).toEqual(OWN_VALUES[key]);
    for (const key of own.filter((k) => !kind.createKeys.has(k))) {
      expect((await t.call("POST", base, { body: { ...minimal(kind, "own_refused"), [key]: OWN_VALUES[key] } })).status).toBe(400);
    }
    const { id } = created.json;
    const patched = await t.call("PATCH", `${base}/${id}`, { body: own.map((key) => ({ op: "add", path: `/${key}`, value: PATCHED[key] })) });
    expect(patched.status).toBe(200);
    for (const key of own) expect(patched.json[key]).toEqual(PATCHED[key]);
    const changed = [...patched.json.changeDescription.fieldsAdded, ...patched.json.changeDescription.fieldsUpdated].map((c: { name: string }) => c.name);
    expect(changed.sort()).toEqual(own.sort());
    const wrong = own.includes("serviceAttributes") ? { op: "add", path: "/serviceAttributes", value: { environment: "Prod" } } : { op: "add", path: "/style", value: { color: 5 } };
    expect((await t.call("PATCH", `${base}/${id}`, { body: [wrong] })).status).toBe(400);
  });
});

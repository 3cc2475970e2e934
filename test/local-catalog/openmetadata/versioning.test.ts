import { afterEach, describe, expect, test } from "@jest/globals";
import { createHash } from "node:crypto";
import { ML, mlflowRequest, startTestCatalog, type TestCatalog } from "./helpers.js";

const MINUTE = 60_000;
let t: TestCatalog;
afterEach(async () => {
  await t?.close();
});

/** A fresh catalog and a service alice created (v0.1) and then changed once (v0.2), so consolidation can apply. */
async function serviceAtVersion02(options: Parameters<typeof startTestCatalog>[0] = {}): Promise<string> {
  t = await startTestCatalog(options);
  const created = await t.call("POST", ML, { body: mlflowRequest("versioned", { description: "v1" }), token: "alice" });
  const id = created.json.id as string;
  t.clock.advance(MINUTE);
  const second = await patchDescription(id, "v2", "alice");
  expect(second.json.version).toBe(0.2);
  return id;
}

function patchDescription(id: string, value: string, token: string, headers: Record<string, string> = {}, query = "") {
  return t.call("PATCH", `${ML}/${id}${query}`, { body: [{ op: "add", path: "/description", value }], token, headers });
}

describe("§5.1 version arithmetic", () => {
  test("§5.1: a new entity starts at 0.1 and an effective change bumps the minor version", async () => {
    t = await startTestCatalog();
    const created = await t.call("POST", ML, { body: mlflowRequest("arith") });
    expect(created.json.version).toBe(0.1);
    const changed = await patchDescription(created.json.id, "x", "admin");
    expect(changed.json.version).toBe(0.2);
    expect(changed.headers.get("x-openmetadata-change")).toBe("entityUpdated");
  });

  test("§5.1: 0.9 → 1.0 through minor bumps", async () => {
    t = await startTestCatalog();
    await t.call("PUT", ML, { body: mlflowRequest("rollover") });
    let last;
    for (let i = 1; i <= 9; i++) last = await t.call("PUT", ML, { body: mlflowRequest("rollover", { description: `d${i}` }) });
    expect(last?.json.version).toBe(1);
    expect(last?.text).toContain('"version":1.0');
  });

  test("§5.1: a no-change write keeps version, updatedAt, updatedBy and answers entityNoChange", async () => {
    const id = await serviceAtVersion02();
    const before = await t.call("GET", `${ML}/${id}`);
    t.clock.advance(MINUTE);
    const same = await patchDescription(id, "v2", "bob");
    expect(same.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    expect(same.json).toMatchObject({ version: 0.2, updatedAt: before.json.updatedAt, updatedBy: "alice" });
    expect(same.json.changeDescription).toEqual(before.json.changeDescription);
  });

  test("§5.1: soft delete and restore each bump the minor version", async () => {
    const id = await serviceAtVersion02();
    expect((await t.call("DELETE", `${ML}/${id}`, { token: "alice" })).json.version).toBe(0.3);
    expect((await t.call("PUT", `${ML}/restore`, { body: { id }, token: "alice" })).json.version).toBe(0.4);
  });
});

describe("§5.2 consolidation", () => {
  test("§5.2: alice PATCHes again within ten minutes → same version, combined changeDescription", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(3 * MINUTE);
    const third = await patchDescription(id, "v3", "alice");
    expect(third.json.version).toBe(0.2);
    const stored = await t.call("GET", `${ML}/${id}`);
    expect(stored.json.changeDescription).toMatchObject({
      fieldsUpdated: [{ name: "description", oldValue: "v1", newValue: "v3" }],
      previousVersion: 0.1,
    });
    expect(stored.json.updatedAt).toBe(t.clock.now());
    const versions = await t.call("GET", `${ML}/${id}/versions`);
    expect(versions.json.versions.map((s: string) => JSON.parse(s).version)).toEqual([0.2, 0.1]);
  });

  test("§5.2: the PATCH response carries the incremental changeDescription, GET the cumulative one", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    const third = await patchDescription(id, "v3", "alice");
    expect(third.json.changeDescription).toMatchObject({ fieldsUpdated: [{ name: "description", oldValue: "v2", newValue: "v3" }], previousVersion: 0.2 });
    const stored = await t.call("GET", `${ML}/${id}`);
    expect(stored.json.changeDescription.fieldsUpdated).toEqual([{ name: "description", oldValue: "v1", newValue: "v3" }]);
    expect(stored.json.incrementalChangeDescription.fieldsUpdated).toEqual([{ name: "description", oldValue: "v2", newValue: "v3" }]);
  });

  test("§5.2: undoing one's own change within the session reverts to the previous version and drops the history entry", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    const undone = await patchDescription(id, "v1", "alice");
    expect(undone.headers.get("x-openmetadata-change")).toBe("entityUpdated");
    expect(undone.json.version).toBe(0.1);
    const versions = await t.call("GET", `${ML}/${id}/versions`);
    expect(versions.json.versions.map((s: string) => JSON.parse(s).version)).toEqual([0.1]);
    expect((await t.call("GET", `${ML}/${id}/versions/0.2`)).status).toBe(404);
  });

  test("§5.2 rule 1: PUT never consolidates", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    const put = await t.call("PUT", ML, { body: mlflowRequest("versioned", { description: "v3" }), token: "alice" });
    expect(put.json.id).toBe(id);
    expect(put.json.version).toBe(0.3);
  });

  test("§5.2 rule 1: DELETE never consolidates", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    expect((await t.call("DELETE", `${ML}/${id}`, { token: "alice" })).json.version).toBe(0.3);
  });

  test("§5.2 rule 2: a PATCH with If-Match never consolidates", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    const third = await patchDescription(id, "v3", "alice", { "if-match": 'W/"0.2"' });
    expect(third.status).toBe(200);
    expect(third.json.version).toBe(0.3);
  });

  test("§5.2 rule 2: an empty If-Match header does not prevent consolidation", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    expect((await patchDescription(id, "v3", "alice", { "if-match": "" })).json.version).toBe(0.2);
  });

  test("§5.2 rule 3: the first change after creation always creates 0.2", async () => {
    t = await startTestCatalog();
    const created = await t.call("POST", ML, { body: mlflowRequest("rule3"), token: "alice" });
    t.clock.advance(MINUTE);
    expect((await patchDescription(created.json.id, "x", "alice")).json.version).toBe(0.2);
  });

  test("§5.2 rule 4: a soft-deleted entity cannot be PATCHed (404), so it never consolidates", async () => {
    const id = await serviceAtVersion02();
    await t.call("DELETE", `${ML}/${id}`, { token: "alice" });
    const answer = await patchDescription(id, "v3", "alice");
    expect(answer.status).toBe(404);
  });

  test("§5.2 rule 5: a stored version without changeDescription does not consolidate", async () => {
    const id = await serviceAtVersion02();
    t.catalog.db.prepare("UPDATE om_services SET json = json_remove(json, '$.changeDescription') WHERE id = ?").run(id);
    t.clock.advance(MINUTE);
    expect((await patchDescription(id, "v3", "alice")).json.version).toBe(0.3);
  });

  test("§5.2 rule 6: another user's PATCH within ten minutes bumps the version", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    expect((await patchDescription(id, "v3", "bob")).json.version).toBe(0.3);
  });

  test("§5.2 rule 7: exactly ten minutes later still consolidates (inclusive boundary)", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(10 * MINUTE);
    expect((await patchDescription(id, "v3", "alice")).json.version).toBe(0.2);
  });

  test("§5.2 rule 7: more than ten minutes later bumps the version", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(10 * MINUTE + 1);
    expect((await patchDescription(id, "v3", "alice")).json.version).toBe(0.3);
  });

  test("§5.2 rule 7: the session timeout is configurable", async () => {
    const id = await serviceAtVersion02({ sessionTimeoutMs: 30_000 });
    t.clock.advance(30_001);
    expect((await patchDescription(id, "v3", "alice")).json.version).toBe(0.3);
  });

  test("§5.2 rule 8: name changes are impossible (restored), so a PATCH touching /name alone is no change", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    const answer = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "replace", path: "/name", value: "renamed" }], token: "alice" });
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    expect(answer.json).toMatchObject({ name: "versioned", version: 0.2 });
  });

  test("§5.2 rule 9: the same change source as the latest changeSummary entry does not consolidate", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    expect((await patchDescription(id, "v3", "alice", {}, "?changeSource=Manual")).json.version).toBe(0.3);
  });

  test("§5.2 rule 9: a different change source consolidates", async () => {
    const id = await serviceAtVersion02();
    t.clock.advance(MINUTE);
    expect((await patchDescription(id, "v3", "alice", {}, "?changeSource=Suggested")).json.version).toBe(0.2);
  });
});

describe("§5.3 changeDescription", () => {
  test("§5.3: list deltas are JSON strings of the added/removed items only; reordering is no change", async () => {
    t = await startTestCatalog();
    const tag = (tagFQN: string) => ({ tagFQN, source: "Classification", labelType: "Manual", state: "Confirmed" });
    const created = await t.call("POST", ML, { body: mlflowRequest("lists", { tags: [tag("PII.None"), tag("Tier.Tier1")] }) });
    const id = created.json.id;
    const swapped = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "replace", path: "/tags", value: [tag("Tier.Tier1"), tag("PII.None")] }] });
    expect(swapped.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    const changed = await t.call("PATCH", `${ML}/${id}`, { body: [{ op: "replace", path: "/tags", value: [tag("Tier.Tier1"), tag("Tier.Tier2")] }] });
    const change = changed.json.changeDescription;
    expect(JSON.parse(change.fieldsAdded[0].newValue).map((l: { tagFQN: string }) => l.tagFQN)).toEqual(["Tier.Tier2"]);
    expect(JSON.parse(change.fieldsDeleted[0].oldValue).map((l: { tagFQN: string }) => l.tagFQN)).toEqual(["PII.None"]);
  });

  test("§5.3: connection changes are recorded with placeholder strings", async () => {
    t = await startTestCatalog();
    const created = await t.call("POST", ML, { body: mlflowRequest("conn_change") });
    const answer = await t.call("PATCH", `${ML}/${created.json.id}`, {
      body: [{ op: "replace", path: "/connection/config/trackingUri", value: "http://other:5000" }],
    });
    expect(answer.json.changeDescription.fieldsUpdated).toEqual([
      { name: "connection", oldValue: '"old-encrypted-value"', newValue: '"new-encrypted-value"' },
    ]);
  });
});

describe("§6 ETag / If-Match", () => {
  test("§6.1: single GETs carry a strong ETag = first 16 hex of sha256(<version>-<updatedAt>); lists do not", async () => {
    t = await startTestCatalog();
    const created = await t.call("POST", ML, { body: mlflowRequest("etag") });
    const answer = await t.call("GET", `${ML}/${created.json.id}`);
    const expected = createHash("sha256").update(`0.1-${created.json.updatedAt}`).digest("hex").slice(0, 16);
    expect(answer.headers.get("etag")).toBe(`"${expected}"`);
    expect((await t.call("GET", `${ML}/name/etag`)).headers.get("etag")).toBe(`"${expected}"`);
    expect((await t.call("GET", ML)).headers.get("etag")).toBeNull();
  });

  test("§6.1: the ETag formats whole versions like Java Double (1.0)", async () => {
    t = await startTestCatalog();
    await t.call("PUT", ML, { body: mlflowRequest("etag10") });
    for (let i = 1; i <= 9; i++) await t.call("PUT", ML, { body: mlflowRequest("etag10", { description: `d${i}` }) });
    const answer = await t.call("GET", `${ML}/name/etag10`);
    const expected = createHash("sha256").update(`1.0-${answer.json.updatedAt}`).digest("hex").slice(0, 16);
    expect(answer.headers.get("etag")).toBe(`"${expected}"`);
  });

  test("§6.2: If-Match accepts *, the strong tag, W/\"<version>\" and comma lists", async () => {
    t = await startTestCatalog();
    const created = await t.call("POST", ML, { body: mlflowRequest("ifmatch") });
    const id = created.json.id;
    const strong = (await t.call("GET", `${ML}/${id}`)).headers.get("etag") as string;
    expect((await patchDescription(id, "a", "admin", { "if-match": strong })).status).toBe(200);
    expect((await patchDescription(id, "b", "admin", { "if-match": "*" })).status).toBe(200);
    expect((await patchDescription(id, "c", "admin", { "if-match": 'W/"0.3"' })).status).toBe(200);
    expect((await patchDescription(id, "d", "admin", { "if-match": 'W/"0.1", W/"0.4"' })).status).toBe(200);
  });

  test("§6.2: a mismatching If-Match → 412 with the exact text, nothing stored", async () => {
    t = await startTestCatalog();
    const created = await t.call("POST", ML, { body: mlflowRequest("stale") });
    const id = created.json.id;
    const etag = (await t.call("GET", `${ML}/${id}`)).headers.get("etag");
    const answer = await patchDescription(id, "x", "admin", { "if-match": 'W/"0.7"' });
    expect(answer.status).toBe(412);
    expect(answer.json).toEqual({
      code: 412,
      message: `The entity has been modified. Current ETag: ${etag}. Please refresh and retry with the latest version.`,
    });
    expect(answer.headers.get("www-authenticate")).toBe("om-auth");
    expect((await t.call("GET", `${ML}/${id}`)).json.version).toBe(0.1);
  });

  test("§6.2: If-Match is ignored on PUT and DELETE", async () => {
    t = await startTestCatalog();
    await t.call("POST", ML, { body: mlflowRequest("ignored") });
    const put = await t.call("PUT", ML, { body: mlflowRequest("ignored", { description: "x" }), headers: { "if-match": 'W/"9.9"' } });
    expect(put.status).toBe(200);
    expect((await t.call("DELETE", `${ML}/${put.json.id}`, { headers: { "if-match": 'W/"9.9"' } })).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { ML, mlflowRequest, startTestCatalog, type TestCatalog } from "./helpers.js";

let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog({ deniedUsers: ["bob"] });
});
afterAll(async () => {
  await t.close();
});

describe("PUT /services/{C}/bulk (seed 002; switchable off per §3.13)", () => {
  test("bulk: each item is a PUT create-or-update; results map to inputs by index; one bad item does not fail its siblings", async () => {
    await t.call("PUT", ML, { body: mlflowRequest("bulk_existing", { description: "old" }) });
    const body = [
      mlflowRequest("bulk_new"),
      mlflowRequest("bulk_existing", { description: "new" }),
      { name: "x::y", serviceType: "Mlflow" },
      mlflowRequest("bulk_existing", { description: "new" }),
      { name: "bulk_badconn", serviceType: "Mlflow", connection: { config: { foo: 1, trackingUri: "a", registryUri: "b" } } },
    ];
    const answer = await t.call("PUT", `${ML}/bulk`, { body });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ status: "partialSuccess", numberOfRowsProcessed: 5, numberOfRowsPassed: 3, numberOfRowsFailed: 2 });
    expect(answer.json.results.map((r: { index: number; status: number }) => [r.index, r.status])).toEqual([
      [0, 201],
      [1, 200],
      [2, 400],
      [3, 200],
      [4, 400],
    ]);
    expect(answer.json.results.map((r: { change?: string }) => r.change)).toEqual(["entityCreated", "entityUpdated", undefined, "entityNoChange", undefined]);
    expect(answer.json.results[0].entity).toMatchObject({ name: "bulk_new", version: 0.1 });
    expect(answer.json.results[1].entity).toMatchObject({ name: "bulk_existing", description: "new", version: 0.2 });
    expect(answer.json.results[2].error).toEqual({ code: 400, message: '[name must match "^((?!::).)*$"]' });
    expect(answer.json.successRequest).toEqual([
      { index: 0, request: "bulk_new", message: "entityCreated", status: 201 },
      { index: 1, request: "bulk_existing", message: "entityUpdated", status: 200 },
      { index: 3, request: "bulk_existing", message: "entityNoChange", status: 200 },
    ]);
    expect(answer.json.failedRequest[0]).toEqual({ index: 2, request: body[2], message: '[name must match "^((?!::).)*$"]', status: 400 });
    expect(answer.json.failedRequest[1].message).toBe("Failed to encrypt 'Mlflow' connection before storing in DB due to an unrecognized field: 'foo'");
    expect((await t.call("GET", `${ML}/name/bulk_new`)).status).toBe(200);
    expect((await t.call("GET", `${ML}/name/bulk_badconn`)).status).toBe(404);
  });

  test("bulk: PUT rules apply per item (tags unioned, soft-deleted restored)", async () => {
    const tag = (tagFQN: string) => ({ tagFQN, source: "Classification", labelType: "Manual", state: "Confirmed" });
    const created = await t.call("PUT", ML, { body: mlflowRequest("bulk_rules", { tags: [tag("PII.None")] }) });
    await t.call("DELETE", `${ML}/${created.json.id}`);
    const answer = await t.call("PUT", `${ML}/bulk`, { body: [mlflowRequest("bulk_rules", { tags: [tag("Tier.Tier1")] })] });
    expect(answer.json.status).toBe("success");
    const entity = answer.json.results[0].entity;
    expect(entity.deleted).toBe(false);
    expect(entity.tags.map((l: { tagFQN: string }) => l.tagFQN).sort()).toEqual(["PII.None", "Tier.Tier1"]);
  });

  test("bulk: an empty array succeeds with zero rows; a non-array body is a 400", async () => {
    const empty = await t.call("PUT", `${ML}/bulk`, { body: [] });
    expect(empty.json).toMatchObject({ status: "success", numberOfRowsProcessed: 0, results: [] });
    expect((await t.call("PUT", `${ML}/bulk`, { body: { name: "x" } })).json).toEqual({ code: 400, message: "Invalid request format" });
  });

  test("bulk: all items failing → status failure; a denied user fails per item with the 403 text", async () => {
    const answer = await t.call("PUT", `${ML}/bulk`, { body: [mlflowRequest("bulk_denied")], token: "bob" });
    expect(answer.json.status).toBe("failure");
    expect(answer.json.results[0]).toEqual({
      index: 0,
      status: 403,
      error: { code: 403, message: "Principal: CatalogPrincipal{name='bob'} operations [Create] not allowed" },
    });
  });

  test("bulk: authentication applies to the whole request (401)", async () => {
    expect((await t.call("PUT", `${ML}/bulk`, { body: [], token: null })).status).toBe(401);
  });

  test("bulk: bulk=false answers 405 HTTP 405 Method Not Allowed like a missing Jersey route", async () => {
    const other = await startTestCatalog({ bulk: false }, false);
    try {
      const answer = await other.call("PUT", "/services/pipelineServices/bulk", { body: [] });
      expect(answer.status).toBe(405);
      expect(answer.json).toEqual({ code: 405, message: "HTTP 405 Method Not Allowed" });
    } finally {
      await other.close();
    }
  });
});

import { SAMPLE_SPACE_ID } from "../../../src/local-catalog/wml/sample-data.js";
import { ASSET_PATCH_ALONE_TEXT, REDEPLOY_OUTCOME_KEY, SCHEMA_MISMATCH_TEXT } from "../../../src/local-catalog/wml/lifecycle.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS, SAMPLE_SERVING_NAME } from "../../../src/local-catalog/wml/sample-data.js";
import { modelBody, startWml, type WmlHarness } from "./wml-client.js";

let wml: WmlHarness;
beforeEach(async () => {
  wml = await startWml({ assetUpdateDelayMs: 2000 });
});
afterEach(() => wml.close());

const online = `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`;
const canary = `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}`;
const batch = `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.churnBatch}`;
const patch = (path: string, body: unknown, headers?: Record<string, string>) => wml.call("PATCH", path, { body, headers });
const assetPatch = (value: unknown) => [{ op: "replace", path: "/asset", value }];

test("§4.6.2: a metadata patch answers 200 with modified_at bumped and the state unchanged", async () => {
  wml.clock.advance(5000);
  const answer = await patch(online, [
    { op: "replace", path: "/name", value: "Renamed" },
    { op: "replace", path: "/description", value: "new text" },
    { op: "replace", path: "/tags", value: ["x", "y"] },
    { op: "add", path: "/custom", value: { k: 1 } },
  ]);
  expect(answer.status).toBe(200);
  const { metadata, entity } = answer.body;
  expect(metadata).toMatchObject({ name: "Renamed", description: "new text", tags: ["x", "y"], modified_at: new Date(wml.clock.now()).toISOString() });
  expect(entity).toMatchObject({ name: "Renamed", description: "new text", tags: ["x", "y"], custom: { k: 1 } });
  expect(entity.status.state).toBe("ready");
  expect(answer.body.system.warnings[0].id).toBe("Deprecated");
  expect((await wml.call("GET", online)).body.metadata.name).toBe("Renamed");
});

test("§4.6.1: remove clears /description, /tags and /custom", async () => {
  const answer = await patch(online, [
    { op: "remove", path: "/description" },
    { op: "remove", path: "/tags" },
    { op: "remove", path: "/custom" },
  ]);
  expect(answer.status).toBe(200);
  expect(answer.body.metadata.description).toBeUndefined();
  expect(answer.body.entity.tags).toBeUndefined();
  expect(answer.body.entity.custom).toEqual({});
});

test("§4.6.1: /name cannot be removed", async () => {
  expect((await patch(online, [{ op: "remove", path: "/name" }])).status).toBe(400);
});

test("§4.6: ops other than add, remove and replace are refused with 400", async () => {
  for (const op of ["move", "copy", "test", "frobnicate"]) {
    const answer = await patch(online, [{ op, path: "/name", from: "/description", value: "x" }]);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe("invalid_request_entity");
  }
});

test("§4.6.4: an unsupported path is refused with 400 and the path in the message", async () => {
  const answer = await patch(online, [{ op: "replace", path: "/deployed_asset_type", value: "function" }]);
  expect(answer.status).toBe(400);
  expect(answer.body.errors[0].message).toBe("Invalid request entity: patch path '/deployed_asset_type' is not supported.");
});

test("§4.6.1: /prompt_template is refused on a deployment without one", async () => {
  expect((await patch(online, [{ op: "replace", path: "/prompt_template", value: { id: "p" } }])).status).toBe(400);
});

test("§4.6: a body that is not a non-empty patch array is refused with 400", async () => {
  for (const body of [[], {}, [{ path: "/name" }]]) expect((await patch(online, body)).status).toBe(400);
});

test("§1.4: PATCH accepts application/json-patch+json as well as application/json", async () => {
  const answer = await patch(online, [{ op: "replace", path: "/name", value: "via json-patch" }], { "content-type": "application/json-patch+json" });
  expect(answer.status).toBe(200);
  expect(answer.body.metadata.name).toBe("via json-patch");
});

test("§4.6.2: an /asset patch mixed with another operation is rejected with 400 and IBM's sentence", async () => {
  for (const body of [
    [...assetPatch({ id: SAMPLE_MODEL_IDS.diabetesBoosting }), { op: "replace", path: "/name", value: "x" }],
    [{ op: "replace", path: "/tags", value: [] }, ...assetPatch({ id: SAMPLE_MODEL_IDS.diabetesBoosting })],
  ]) {
    const answer = await patch(online, body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toBe("Only the ASSET attribute can be specified for the asset patch. Changing any other attribute results in an error.");
    expect(ASSET_PATCH_ALONE_TEXT).toBe(answer.body.errors[0].message);
  }
  expect((await wml.call("GET", online)).body.entity.asset).toEqual({ id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" });
});

test("§4.6.1: /asset is replace-only", async () => {
  for (const op of ["add", "remove"]) expect((await patch(online, [{ op, path: "/asset", value: { id: SAMPLE_MODEL_IDS.diabetesBoosting } }])).status).toBe(400);
});

test("§4.6.4: an /asset value needs an id, and a rev must be a string", async () => {
  for (const value of [{}, { rev: "1" }, "id", { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: 1 }]) {
    expect((await patch(online, assetPatch(value))).status).toBe(400);
  }
});

test("§4.6.4: an /asset naming a model or revision that does not exist in the space is refused with 400", async () => {
  for (const value of [{ id: "99999999-9999-4999-8999-999999999999" }, { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "7" }]) {
    const answer = await patch(online, assetPatch(value));
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toContain("does not exist");
  }
});

test("§4.6.3: an /asset patch answers 202 updating and shows the new asset while updating", async () => {
  const answer = await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }));
  expect(answer.status).toBe(202);
  expect(answer.body.entity.status.state).toBe("updating");
  expect(answer.body.entity.asset).toEqual({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" });
  expect(answer.body.system.warnings[0].id).toBe("Deprecated");
  wml.clock.advance(1999);
  const during = await wml.call("GET", online);
  expect(during.body.entity.status.state).toBe("updating");
  expect(during.body.entity.asset).toEqual({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" });
});

test("§4.6.3: a successful redeploy ends ready with the new asset, modified_at bumped and serving_urls unchanged", async () => {
  const before = (await wml.call("GET", online)).body;
  await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }));
  wml.clock.advance(2000);
  const after = (await wml.call("GET", online)).body;
  expect(after.entity.status.state).toBe("ready");
  expect(after.entity.status.failure).toBeUndefined();
  expect(after.entity.asset).toEqual({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" });
  expect(after.metadata.modified_at).toBe(new Date(wml.clock.now()).toISOString());
  expect(after.entity.status.serving_urls).toEqual(before.entity.status.serving_urls);
});

test("§4.6.3: a model seeded with local_catalog_redeploy=rollback ends ready with status.failure and the old asset restored", async () => {
  expect(REDEPLOY_OUTCOME_KEY).toBe("local_catalog_redeploy");
  await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.diabetesRollback, rev: "1" }));
  wml.clock.advance(2000);
  const { entity } = (await wml.call("GET", online)).body;
  expect(entity.status.state).toBe("ready");
  expect(entity.asset).toEqual({ id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" });
  expect(entity.status.failure).toMatchObject({ trace: expect.any(String), errors: [{ code: "deployment_update_failed" }] });
});

test("§4.6.3: a model seeded with local_catalog_redeploy=fail ends failed with status.failure", async () => {
  await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.diabetesFail }));
  wml.clock.advance(2000);
  const { entity } = (await wml.call("GET", online)).body;
  expect(entity.status.state).toBe("failed");
  expect(entity.asset).toEqual({ id: SAMPLE_MODEL_IDS.diabetesFail });
  expect(entity.status.failure.errors[0].code).toBe("deployment_update_failed");
});

test("§4.6.3: the outcome follows the model revision that is patched in", async () => {
  const created = await wml.call("POST", "/ml/v4/models", { body: modelBody({ custom: { [REDEPLOY_OUTCOME_KEY]: "rollback" } }) });
  const id = created.body.metadata.id;
  await wml.call("POST", `/ml/v4/models/${id}/revisions`, { body: { space_id: SAMPLE_SPACE_ID } });
  await wml.call("PATCH", `/ml/v4/models/${id}`, { body: [{ op: "replace", path: "/custom", value: { [REDEPLOY_OUTCOME_KEY]: "succeed" } }] });
  await patch(online, assetPatch({ id, rev: "1" }));
  wml.clock.advance(2000);
  expect((await wml.call("GET", online)).body.entity.status.failure).toBeDefined();
  await patch(canary, assetPatch({ id }));
  wml.clock.advance(2000);
  const canaryAfter = (await wml.call("GET", canary)).body.entity;
  expect(canaryAfter.status.failure).toBeUndefined();
  expect(canaryAfter.asset).toEqual({ id });
});

test("§4.6.3: a redeploy onto a model with a different input schema carries IBM's mismatch warning in status.message", async () => {
  const answer = await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.churn, rev: "1" }));
  expect(answer.status).toBe(202);
  expect(answer.body.entity.status.message).toEqual({ level: "warning", text: SCHEMA_MISMATCH_TEXT });
  expect(SCHEMA_MISMATCH_TEXT).toBe(
    "The input schema of the asset being patched does not match with the currently deployed asset. Please ensure that the score payloads are up to date as per the asset being patched.",
  );
  expect(answer.body.system.warnings.map((w: any) => w.message)).not.toContain(SCHEMA_MISMATCH_TEXT);
});

test("§4.6.3: a redeploy onto a model with the same input schema carries no status.message", async () => {
  const answer = await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }));
  expect(answer.body.entity.status.message).toBeUndefined();
});

test("§4.6.3: schemas are compared by field names and types, not by ids or metadata", async () => {
  const fields = (types: string[]) => types.map((type, i) => ({ name: `f${i}`, type, metadata: { description: `field ${i}` } }));
  const a = await wml.call("POST", "/ml/v4/models", { body: modelBody({ schemas: { input: [{ id: "a", fields: fields(["double", "string"]) }] } }) });
  const b = await wml.call("POST", "/ml/v4/models", { body: modelBody({ schemas: { input: [{ id: "b", name: "other", fields: fields(["double", "string"]).map((f) => ({ ...f, metadata: {} })) }] } }) });
  const c = await wml.call("POST", "/ml/v4/models", { body: modelBody({ schemas: { input: [{ id: "a", fields: fields(["double", "integer"]) }] } }) });
  await patch(online, assetPatch({ id: a.body.metadata.id }));
  wml.clock.advance(2000);
  expect((await patch(online, assetPatch({ id: b.body.metadata.id }))).body.entity.status.message).toBeUndefined();
  wml.clock.advance(2000);
  expect((await patch(online, assetPatch({ id: c.body.metadata.id }))).body.entity.status.message?.text).toBe(SCHEMA_MISMATCH_TEXT);
});

test("§4.6.3: an /asset patch that names the deployed asset again answers 200 ready", async () => {
  const answer = await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" }));
  expect(answer.status).toBe(200);
  expect(answer.body.entity.status.state).toBe("ready");
});

test("§4.6.3 [A]: a second /asset patch while the deployment is still updating answers 409", async () => {
  await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }));
  const answer = await patch(online, assetPatch({ id: SAMPLE_MODEL_IDS.churn }));
  expect(answer.status).toBe(409);
  expect(answer.body.errors[0].code).toBe("deployment_update_in_progress");
});

test("§4.6.2: a serving-name patch answers 202 updating, then ready with the new serving URL", async () => {
  const answer = await patch(online, [{ op: "replace", path: "/online/parameters", value: { serving_name: "diabetes_v2" } }]);
  expect(answer.status).toBe(202);
  expect(answer.body.entity.status.state).toBe("updating");
  expect(answer.body.entity.online.parameters).toEqual({ serving_name: "diabetes_v2" });
  wml.clock.advance(2000);
  const after = (await wml.call("GET", online)).body;
  expect(after.entity.status.state).toBe("ready");
  expect(after.entity.status.serving_urls[1]).toBe(`${wml.catalog.url}/ml/v4/deployments/diabetes_v2/predictions`);
  expect((await wml.call("GET", "/ml/v4/deployments", { space: null, query: { serving_name: SAMPLE_SERVING_NAME, conflict: "true" } })).status).toBe(200);
});

test("§9.8: /online/parameters needs add when the deployment has none yet, and replace when it has", async () => {
  expect((await patch(canary, [{ op: "replace", path: "/online/parameters", value: { serving_name: "canary" } }])).status).toBe(400);
  expect((await patch(canary, [{ op: "add", path: "/online/parameters", value: { serving_name: "canary" } }])).status).toBe(202);
});

test("§11.5: a serving-name patch to a taken or malformed name is refused", async () => {
  expect((await patch(canary, [{ op: "add", path: "/online/parameters", value: { serving_name: SAMPLE_SERVING_NAME } }])).status).toBe(409);
  expect((await patch(canary, [{ op: "add", path: "/online/parameters", value: { serving_name: "Bad-Name" } }])).status).toBe(400);
  expect((await patch(batch, [{ op: "add", path: "/online/parameters", value: { serving_name: "batchy" } }])).status).toBe(400);
});

test("§4.6.2: an owner patch is replace-only and answers 202 updating", async () => {
  expect((await patch(online, [{ op: "add", path: "/metadata/owner", value: "IBMid-2" }])).status).toBe(400);
  const answer = await patch(online, [{ op: "replace", path: "/metadata/owner", value: "IBMid-2" }]);
  expect(answer.status).toBe(202);
  expect(answer.body.metadata.owner).toBe("IBMid-2");
  expect(answer.body.entity.status.state).toBe("updating");
  wml.clock.advance(2000);
  expect((await wml.call("GET", online)).body.entity.status.state).toBe("ready");
});

test("§4.6.2: a num_nodes change on an online deployment answers 202 with status.scaling", async () => {
  const answer = await patch(online, [{ op: "replace", path: "/hardware_spec", value: { name: "S", num_nodes: 3 } }]);
  expect(answer.status).toBe(202);
  expect(answer.body.entity.hardware_spec).toMatchObject({ name: "S", num_nodes: 3 });
  expect(answer.body.entity.status.scaling).toMatchObject({ state: "in_progress", requested_replicas: 3, deployed_replicas: 1 });
  expect(answer.body.entity.status.state).toBe("ready");
  wml.clock.advance(2000);
  expect((await wml.call("GET", online)).body.entity.status.scaling).toMatchObject({ state: "completed", deployed_replicas: 3 });
});

test("§4.6.1: /hardware_spec is replace-only, needs id or name, and refuses num_nodes on batch", async () => {
  expect((await patch(online, [{ op: "add", path: "/hardware_spec", value: { name: "S", num_nodes: 2 } }])).status).toBe(400);
  expect((await patch(online, [{ op: "replace", path: "/hardware_spec", value: { num_nodes: 2 } }])).status).toBe(400);
  expect((await patch(batch, [{ op: "replace", path: "/hardware_spec", value: { name: "M", num_nodes: 2 } }])).status).toBe(400);
  const resized = await patch(batch, [{ op: "replace", path: "/hardware_spec", value: { name: "M" } }]);
  expect(resized.status).toBe(200);
  expect(resized.body.entity.hardware_spec.name).toBe("M");
});

test("§4.6: a patch on an unknown deployment answers 404", async () => {
  const answer = await patch("/ml/v4/deployments/00000000-0000-4000-8000-000000000000", [{ op: "replace", path: "/name", value: "x" }]);
  expect(answer.status).toBe(404);
  expect(answer.body.errors[0].code).toBe("deployment_does_not_exist");
});

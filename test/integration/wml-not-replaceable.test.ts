import type { IncomingMessage, ServerResponse } from "node:http";
import { json, startFakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.js";
import { startStack, type Stack } from "../helpers/stack.js";

// The local catalog emulates WML on Cloud, which refuses R Shiny deployments (docs/upstream/wml.md §4.3);
// Cloud Pak for Data has them. A small fake answers like a CPD WML server for the deployments below.

const SPACE_ID = "5f0c2a1e-8b3d-4c6e-9f21-7a4b6c8d0e10";
const SHINY_ID = "7c1d3e5f-2a4b-4c6d-8e0f-1a2b3c4d5e61";
const SHINY_WITHOUT_ASSET_ID = "7c1d3e5f-2a4b-4c6d-8e0f-1a2b3c4d5e62";
const NO_ASSET_ID = "7c1d3e5f-2a4b-4c6d-8e0f-1a2b3c4d5e63";
const SHINY_ASSET_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c64";
const MODEL_ID = "3b8f2c41-6d0e-4a7b-9c15-2e4f6a8b0c71";

const SHINY_MESSAGE = "an R Shiny app deployment cannot have its asset replaced";
const NO_ASSET_MESSAGE = "this deployment has no asset to replace (a prompt-template deployment, for example)";

function deployment(id: string, entity: Record<string, unknown>) {
  return {
    metadata: { id, name: `deployment ${id.slice(-2)}`, space_id: SPACE_ID, created_at: "2026-01-05T10:00:00.000Z", modified_at: "2026-01-05T10:02:00.000Z" },
    entity: {
      name: `deployment ${id.slice(-2)}`,
      space_id: SPACE_ID,
      custom: {},
      hardware_spec: { id: "e7ed1d6c-2e89-42d7-aed5-863b972c1d2b", name: "S", num_nodes: 1 },
      status: { state: "ready" },
      ...entity,
    },
  };
}

const DEPLOYMENTS: Record<string, unknown> = {
  [SHINY_ID]: deployment(SHINY_ID, { asset: { id: SHINY_ASSET_ID, rev: "1" }, r_shiny: { authentication: "anyone_with_url", parameters: {} }, deployed_asset_type: "r_shiny" }),
  [SHINY_WITHOUT_ASSET_ID]: deployment(SHINY_WITHOUT_ASSET_ID, { r_shiny: {}, deployed_asset_type: "r_shiny" }),
  [NO_ASSET_ID]: deployment(NO_ASSET_ID, { online: {}, deployed_asset_type: "foundation_model", prompt_template: { id: "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b75" } }),
};

const MODEL = {
  metadata: { id: MODEL_ID, name: "Diabetes ridge", space_id: SPACE_ID, created_at: "2026-01-04T09:00:00.000Z", modified_at: "2026-01-04T09:00:00.000Z" },
  entity: {
    type: "scikit-learn_1.3",
    software_spec: { id: "45f12dfe-aa78-5b8d-9f38-0ee223c47309", name: "runtime-24.1-py3.11" },
    schemas: { input: [{ id: "1", type: "struct", fields: [{ name: "age", type: "double" }, { name: "bmi", type: "double" }] }], output: [] },
  },
};

function notFound(res: ServerResponse, what: string) {
  json(res, 404, { trace: "fake-trace", errors: [{ code: "not_found", message: `${what} not found.` }], status_code: 404 });
}

/** Answers GET of the deployments and of the model above, like a CPD WML server; anything else is not found. */
function answer(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? "/", "http://fake").pathname;
  const deploymentMatch = /^\/ml\/v4\/deployments\/([^/]+)$/.exec(path);
  if (req.method === "GET" && deploymentMatch) {
    const found = DEPLOYMENTS[deploymentMatch[1]];
    return found ? json(res, 200, found) : notFound(res, `Deployment '${deploymentMatch[1]}'`);
  }
  if (req.method === "GET" && path === `/ml/v4/models/${MODEL_ID}`) return json(res, 200, MODEL);
  return notFound(res, path);
}

const CHECK = `query($id: ID!, $asset: AssetInput!) {
  assetReplacementCheck(deploymentId: $id, asset: $asset) { ok problems { code message } candidate { id } } }`;

const REPLACE = `mutation($id: ID!, $asset: AssetInput!) { replaceAsset(id: $id, asset: $asset) { outcome changed } }`;

describe("an R Shiny app deployment, served by a Cloud Pak for Data WML", () => {
  let wml: FakeUpstream;
  let stack: Stack;
  beforeAll(async () => {
    wml = await startFakeUpstream(answer);
    try {
      stack = await startStack({ env: { WML_URL: wml.url, WML_TOKEN: "static-token", WML_SPACE_ID: SPACE_ID } });
    } catch (error) {
      await wml.close();
      throw error;
    }
  });
  afterAll(async () => {
    try {
      await stack?.close();
    } finally {
      await wml.close();
    }
  });
  beforeEach(() => {
    wml.requests.length = 0;
  });

  /** The deployments that cannot take another asset, and what the check says of each. */
  const NOT_REPLACEABLE: Array<[string, string, string]> = [
    ["an R Shiny app with its asset", SHINY_ID, SHINY_MESSAGE],
    ["an R Shiny app without an asset", SHINY_WITHOUT_ASSET_ID, SHINY_MESSAGE],
    ["a deployment without an asset", NO_ASSET_ID, NO_ASSET_MESSAGE],
  ];

  const methods = () => wml.requests.map((r) => `${r.method} ${new URL(r.url, "http://fake").pathname}`);

  test.each(NOT_REPLACEABLE)("assetReplacementCheck of %s: ok false, NOT_REPLACEABLE; only GETs sent", async (_label, id, message) => {
    const answer = await stack.query(CHECK, { id, asset: { id: MODEL_ID } });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.assetReplacementCheck).toEqual({ ok: false, problems: [{ code: "NOT_REPLACEABLE", message }], candidate: { id: MODEL_ID } });
    expect(methods().sort()).toEqual([`GET /ml/v4/deployments/${id}`, `GET /ml/v4/models/${MODEL_ID}`].sort());
    expect(wml.requests.every((r) => r.headers.authorization === "Bearer static-token")).toBe(true);
  });

  test.each(NOT_REPLACEABLE)("replaceAsset of %s without force: BAD_USER_INPUT with the problem, and no PATCH", async (_label, id, message) => {
    const answer = await stack.query(REPLACE, { id, asset: { id: MODEL_ID } });
    expect(answer.data?.replaceAsset ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "asset", problems: [{ code: "NOT_REPLACEABLE", message }] });
    expect(answer.errors?.[0].message).toContain(`NOT_REPLACEABLE: ${message}`);
    expect(wml.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(methods()).toContain(`GET /ml/v4/deployments/${id}`);
  });
});

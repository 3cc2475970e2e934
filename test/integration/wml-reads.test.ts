import { SAMPLE_SPACE_ID } from "../../src/local-catalog/wml/sample-data.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { VERSION } from "../local-catalog/wml/wml-client.js";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

/** The WML REST calls the catalog received (the token exchange excluded). */
function wmlCalls(fragment = "/ml/v4/") {
  return stack.upstream(fragment).filter((r) => r.path.startsWith("/ml/v4/"));
}

/** Creates WML resources straight at the catalog (test set-up, not through the gateway). */
async function rest(method: string, path: string, body: unknown) {
  const response = await fetch(`${stack.catalog.url}${path}${path.includes("?") ? "&" : "?"}version=${VERSION}`, {
    method,
    headers: { authorization: "Bearer set-up", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { metadata: { id: string } };
}

test("deployment: one deployment with its status, asset, serving name, hardware and model", async () => {
  const answer = await stack.query(
    `query($id: ID!) { deployment(id: $id) { id name description tags spaceId state statusMessage failure { code } servingName servingUrls
       asset { id rev } hardwareSpec { name numNodes } custom deployedAssetType kind owner createdAt model { id name rev } } }`,
    { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline },
  );
  expect(answer.errors).toBeUndefined();
  const d = answer.data.deployment;
  expect(d).toMatchObject({
    id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline,
    name: "Diabetes online",
    tags: ["team-a", "diabetes"],
    spaceId: SAMPLE_SPACE_ID,
    state: "READY",
    statusMessage: null,
    failure: null,
    servingName: "diabetes_v1",
    asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" },
    hardwareSpec: { name: "S", numNodes: 1 },
    custom: { owner_team: "a" },
    deployedAssetType: "model",
    kind: "ONLINE",
    model: { id: SAMPLE_MODEL_IDS.diabetesRidge, name: "Diabetes progression (ridge)", rev: null },
  });
  expect(d.servingUrls).toHaveLength(2);
  expect(d.servingUrls[1]).toMatch(/\/ml\/v4\/deployments\/diabetes_v1\/predictions$/);
});

test("deployment: an unknown id is null, not an error; an unknown space too", async () => {
  const answer = await stack.query(`{ a: deployment(id: "00000000-0000-4000-8000-000000000000") { id } b: deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}", spaceId: "other-space") { id } }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data).toEqual({ a: null, b: null });
});

test("deployments: paged by the gateway across three pages, one list call each, with totalCount", async () => {
  const seen: string[] = [];
  let after: string | null = null;
  const pages: Array<{ hasNextPage: boolean; count: number }> = [];
  do {
    stack.catalog.resetRequests();
    const answer: any = await stack.query(
      `query($after: String) { deployments(first: 2, after: $after) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
      { after },
    );
    expect(answer.errors).toBeUndefined();
    const page = answer.data.deployments;
    expect(page.totalCount).toBe(6);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(page.edges[page.edges.length - 1].cursor).toBe(page.pageInfo.endCursor);
    seen.push(...page.nodes.map((n: { id: string }) => n.id));
    pages.push({ hasNextPage: page.pageInfo.hasNextPage, count: page.nodes.length });
    expect(wmlCalls()).toHaveLength(1);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  expect(pages).toEqual([
    { hasNextPage: true, count: 2 },
    { hasNextPage: true, count: 2 },
    { hasNextPage: false, count: 2 },
  ]);
  expect(new Set(seen)).toEqual(new Set(Object.values(SAMPLE_DEPLOYMENT_IDS)));
});

test("deployments: filters go to the service and are applied again by the gateway", async () => {
  const answer = await stack.query(`{ deployments(tag: "team-a", state: READY) { totalCount nodes { name } } }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.deployments.nodes.map((n: { name: string }) => n.name).sort()).toEqual(["Diabetes canary", "Diabetes online"]);
  const [call] = wmlCalls();
  const query = new URLSearchParams(call.query);
  expect(query.get("tag.value")).toBe("team-a");
  expect(query.get("state")).toBe("ready");
  const byServingName = await stack.query(`{ deployments(servingName: "diabetes_v1") { nodes { id } } }`);
  expect(byServingName.data.deployments.nodes).toEqual([{ id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline }]);
  const byAsset = await stack.query(`{ deployments(assetId: "${SAMPLE_MODEL_IDS.churn}") { totalCount } }`);
  expect(byAsset.data.deployments.totalCount).toBe(2);
});

test("deployments: a cursor the gateway did not issue is BAD_USER_INPUT", async () => {
  const answer = await stack.query(`{ deployments(after: "bogus") { totalCount } }`);
  expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(wmlCalls()).toHaveLength(0);
});

test("model: the current copy, a revision, and its deployments through one list call", async () => {
  const answer = await stack.query(
    `query($id: ID!) { current: model(id: $id) { id name rev type softwareSpec { name } tags inputSchema deployments { id } }
                       second: model(id: $id, rev: "2") { rev description } }`,
    { id: SAMPLE_MODEL_IDS.diabetesRidge },
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data.current).toMatchObject({ id: SAMPLE_MODEL_IDS.diabetesRidge, rev: null, type: "scikit-learn_1.3", softwareSpec: { name: "runtime-23.1-py3.10" } });
  expect(answer.data.current.inputSchema[0].fields).toHaveLength(10);
  expect(answer.data.current.deployments.map((d: { id: string }) => d.id).sort()).toEqual(
    [SAMPLE_DEPLOYMENT_IDS.diabetesOnline, SAMPLE_DEPLOYMENT_IDS.diabetesCanary, SAMPLE_DEPLOYMENT_IDS.diabetesLatest].sort(),
  );
  expect(answer.data.second).toEqual({ rev: "2", description: expect.stringContaining("revision 2") });
  const none = await stack.query(`{ model(id: "00000000-0000-4000-8000-000000000000") { id } }`);
  expect(none.errors).toBeUndefined();
  expect(none.data.model).toBeNull();
});

test("models: three pages, each one call for the whole list (up to 200), with version on every call", async () => {
  const names: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const answer: any = await stack.query(`query($after: String) { models(first: 2, after: $after) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } }`, { after });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.models.totalCount).toBe(5);
    names.push(...answer.data.models.nodes.map((n: { name: string }) => n.name));
    after = answer.data.models.pageInfo.hasNextPage ? answer.data.models.pageInfo.endCursor : null;
    pages++;
  } while (after);
  expect(pages).toBe(3);
  expect(names).toHaveLength(5);
  const calls = wmlCalls("/ml/v4/models").map((r) => new URLSearchParams(r.query));
  expect(calls).toHaveLength(3);
  expect(calls.map((q) => [q.get("start"), q.get("limit")])).toEqual([[null, "200"], [null, "200"], [null, "200"]]);
  for (const q of calls) expect(q.get("version")).toBe(VERSION);
});

test("Model.deployments for many models is one list call; Deployment.model for five deployments of two models is two model reads", async () => {
  const space = "a0a0a0a0-0000-4000-8000-00000000cafe";
  const spec = { name: "runtime-23.1-py3.10" };
  const models = [];
  for (const name of ["first", "second"]) models.push(await rest("POST", "/ml/v4/models", { space_id: space, name, type: "scikit-learn_1.3", software_spec: spec }));
  for (let i = 0; i < 5; i++) {
    await rest("POST", "/ml/v4/deployments", { space_id: space, name: `d${i}`, asset: { id: models[i % 2].metadata.id }, online: {} });
  }
  stack.catalog.resetRequests();
  const answer = await stack.query(`query($space: ID) { deployments(spaceId: $space) { nodes { name model { id name } } } }`, { space });
  expect(answer.errors).toBeUndefined();
  expect(answer.data.deployments.nodes).toHaveLength(5);
  expect(answer.data.deployments.nodes.every((n: { model: { name: string } | null }) => n.model !== null)).toBe(true);
  expect(wmlCalls("/ml/v4/models/")).toHaveLength(2);
  expect(wmlCalls("/ml/v4/deployments")).toHaveLength(1);

  stack.catalog.resetRequests();
  const back = await stack.query(`query($space: ID) { models(spaceId: $space) { nodes { name deployments { name } } } }`, { space });
  expect(back.errors).toBeUndefined();
  expect(back.data.models.nodes.map((m: { deployments: unknown[] }) => m.deployments.length)).toEqual([3, 2]);
  expect(wmlCalls("/ml/v4/deployments")).toHaveLength(1);
});

test("every WML call carries version and space_id, and never the caller's Authorization", async () => {
  await stack.query(
    `{ deployments(first: 3) { nodes { model { name deployments { id } } } } models(first: 2) { nodes { id } }
       deployment(id: "${SAMPLE_DEPLOYMENT_IDS.churnBatch}") { name } model(id: "${SAMPLE_MODEL_IDS.churn}", rev: "1") { rev } }`,
    undefined,
    { authorization: "Bearer caller-own-token" },
  );
  const calls = wmlCalls();
  expect(calls.length).toBeGreaterThan(4);
  for (const call of calls) {
    const query = new URLSearchParams(call.query);
    expect(query.get("version")).toBe(VERSION);
    expect(query.get("space_id")).toBe(SAMPLE_SPACE_ID);
    expect(call.headers.authorization).toMatch(/^Bearer ey/);
    expect(call.headers.authorization).not.toContain("caller-own-token");
  }
});

test("federation: Deployment and Model resolve as entities through the loaders", async () => {
  const answer = await stack.query(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Deployment { name } ... on Model { name } } }`,
    { reps: [{ __typename: "Deployment", id: SAMPLE_DEPLOYMENT_IDS.churnOnline }, { __typename: "Model", id: SAMPLE_MODEL_IDS.churn }, { __typename: "Deployment", id: "00000000-0000-4000-8000-000000000000" }] },
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data._entities).toEqual([{ name: "Churn scoring" }, { name: "Customer churn classifier" }, null]);
});

import { startStack, type Stack } from "../helpers/stack.js";
import { VERSION } from "../local-catalog/wml/wml-client.js";

/**
 * A Relay-style client over plain HTTP: every connection is walked forward and backward from every
 * edge's cursor, in pages of 3 over 11 items (more than three pages), and sees each node exactly once,
 * with exact pageInfo and one upstream list call per page.
 */
const N = 11;
const PAGE = 3;
const SPACE = "a0a0a0a0-0000-4000-8000-0000000f1a9e";

let stack: Stack;
let revisedModel: string;

interface Page {
  edges: Array<{ cursor: string; node: { key: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | null;
}

/** One connection: how to read a page of it, and the upstream list path one page costs a call to. */
interface Connection {
  name: string;
  query: string;
  pick: (data: any) => Page;
  listPath: (path: string) => boolean;
}

const ARGS = "$first: Int, $after: String, $last: Int, $before: String";
const PAGING = "first: $first, after: $after, last: $last, before: $before";
const SHAPE = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

async function read(connection: Connection, args: Record<string, unknown>): Promise<Page> {
  const answer = await stack.query(connection.query, args);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return connection.pick(answer.data);
}

function openMetadata(name: string, collection: string, nodeField: string): Connection {
  return {
    name,
    query: `query(${ARGS}) { c: ${name}(${PAGING}) { ${SHAPE} edges { cursor node { key: ${nodeField} } } } }`,
    pick: (d) => d.c,
    listPath: (path) => path.endsWith(`/v1/${collection}`),
  };
}

function child(parent: string, fqn: string, field: string, collection: string): Connection {
  return {
    name: `${parent}.${field}`,
    query:
      `query(${ARGS}) { p: ${parent}(fullyQualifiedName: "${fqn}") { c: ${field}(${PAGING}) { ${SHAPE} edges { cursor node { key: name } } } } }`,
    pick: (d) => d.p.c,
    listPath: (path) => path.endsWith(`/v1/${collection}`),
  };
}

const connections = (): Connection[] => [
  openMetadata("mlModelServices", "services/mlmodelServices", "name"),
  openMetadata("pipelineServices", "services/pipelineServices", "name"),
  openMetadata("mlModels", "mlmodels", "name"),
  openMetadata("pipelines", "pipelines", "name"),
  child("mlModelService", "ml_00", "mlModels", "mlmodels"),
  child("pipelineService", "pl_00", "pipelines", "pipelines"),
  {
    name: "deployments",
    query: `query(${ARGS}) { c: deployments(spaceId: "${SPACE}", ${PAGING}) { ${SHAPE} edges { cursor node { key: name } } } }`,
    pick: (d) => d.c,
    listPath: (path) => path === "/ml/v4/deployments",
  },
  {
    name: "models",
    query: `query(${ARGS}) { c: models(spaceId: "${SPACE}", ${PAGING}) { ${SHAPE} edges { cursor node { key: name } } } }`,
    pick: (d) => d.c,
    listPath: (path) => path === "/ml/v4/models",
  },
  {
    name: "Model.revisions",
    get query() {
      return `query(${ARGS}) { m: model(id: "${revisedModel}", spaceId: "${SPACE}") { c: revisions(${PAGING}) { ${SHAPE} edges { cursor node { key: rev } } } } }`;
    },
    pick: (d) => d.m.c,
    listPath: (path) => path.endsWith("/revisions"),
  },
];

async function wml(method: string, path: string, body: unknown) {
  const response = await fetch(`${stack.catalog.url}${path}?version=${VERSION}`, {
    method,
    headers: { authorization: "Bearer set-up", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { metadata: { id: string } };
}

async function gql(query: string) {
  const answer = await stack.query(query);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
}

beforeAll(async () => {
  stack = await startStack({ catalog: { seed: false } });
  const name = (prefix: string, i: number) => `${prefix}_${String(i).padStart(2, "0")}`;
  for (let i = 0; i < N; i++) {
    await gql(`mutation { createMlModelService(input: { name: "${name("ml", i)}", serviceType: Mlflow }) { id } }`);
    await gql(`mutation { createPipelineService(input: { name: "${name("pl", i)}", serviceType: Airflow }) { id } }`);
    await gql(`mutation { createMlModel(input: { name: "${name("model", i)}", service: "ml_00", algorithm: "regression" }) { id } }`);
    await gql(`mutation { createPipeline(input: { name: "${name("pipe", i)}", service: "pl_00" }) { id } }`);
  }
  const spec = { name: "runtime-23.1-py3.10" };
  const models = [];
  for (let i = 0; i < N; i++) models.push(await wml("POST", "/ml/v4/models", { space_id: SPACE, name: name("wml", i), type: "scikit-learn_1.3", software_spec: spec }));
  for (let i = 0; i < N; i++) await wml("POST", "/ml/v4/deployments", { space_id: SPACE, name: name("dep", i), asset: { id: models[0].metadata.id }, online: {} });
  revisedModel = models[1].metadata.id;
  for (let i = 0; i < N; i++) await gql(`mutation { createModelRevision(modelId: "${revisedModel}", spaceId: "${SPACE}", commitMessage: "r${i}") { rev } }`);
}, 120_000);
afterAll(() => stack.close());

/** Reads a page and checks it cost exactly one upstream list call and that pageInfo's cursors are the edges'. */
async function page(connection: Connection, args: Record<string, unknown>): Promise<Page> {
  stack.catalog.resetRequests();
  const got = await read(connection, args);
  expect(stack.upstream().filter((r) => connection.listPath(r.path))).toHaveLength(1);
  expect(got.pageInfo.startCursor).toBe(got.edges[0]?.cursor ?? null);
  expect(got.pageInfo.endCursor).toBe(got.edges.at(-1)?.cursor ?? null);
  return got;
}

const keys = (p: Page) => p.edges.map((e) => e.node.key);

describe.each(connections().map((c) => [c.name, c] as const))("%s", (_name, connection) => {
  test("forward and backward from every edge's cursor, each node exactly once, pageInfo exact", async () => {
    const order: string[] = [];
    const cursors: string[] = [];
    let p = await page(connection, { first: PAGE });
    expect(p.pageInfo.hasPreviousPage).toBe(false);
    for (;;) {
      order.push(...keys(p));
      cursors.push(...p.edges.map((e) => e.cursor));
      if (p.totalCount !== null) expect(p.totalCount).toBe(N);
      if (!p.pageInfo.hasNextPage) break;
      p = await page(connection, { first: PAGE, after: p.pageInfo.endCursor });
    }
    expect(order).toHaveLength(N);
    expect(new Set(order).size).toBe(N);

    for (let i = 0; i < N; i++) {
      const seen = [order[i]];
      // Forward from edge i to the end.
      let cursor: string | null = cursors[i];
      for (let at = i + 1; ; ) {
        const next: Page = await page(connection, { first: PAGE, after: cursor });
        expect(keys(next)).toEqual(order.slice(at, at + PAGE));
        expect(next.pageInfo.hasPreviousPage).toBe(true);
        expect(next.pageInfo.hasNextPage).toBe(at + PAGE < N);
        seen.push(...keys(next));
        at += PAGE;
        if (!next.pageInfo.hasNextPage) break;
        cursor = next.pageInfo.endCursor;
      }
      // Backward from edge i to the start, with last/before.
      cursor = cursors[i];
      for (let at = i; at > 0; ) {
        const previous: Page = await page(connection, { last: PAGE, before: cursor });
        expect(keys(previous)).toEqual(order.slice(Math.max(0, at - PAGE), at));
        expect(previous.pageInfo.hasNextPage).toBe(true);
        expect(previous.pageInfo.hasPreviousPage).toBe(at - PAGE > 0);
        seen.unshift(...keys(previous));
        at -= PAGE;
        cursor = previous.pageInfo.startCursor;
      }
      expect(seen).toEqual(order);
    }
  }, 120_000);

  test("a cursor it did not issue is BAD_USER_INPUT naming the argument, with no upstream call", async () => {
    for (const [args, field] of [
      [{ after: "bogus" }, "after"],
      [{ last: 2, before: Buffer.from('["om:elsewhere",1]').toString("base64url") }, "before"],
      [{ first: 101 }, "first"],
      [{ last: 2 }, "last"],
    ] as const) {
      stack.catalog.resetRequests();
      const answer = await stack.query(connection.query, args);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(stack.upstream().filter((r) => connection.listPath(r.path))).toHaveLength(0);
    }
  });
});

test("a page of the maximum size with a few nested fields passes the cost limit", async () => {
  const answer = await stack.query(`{ mlModelServices(first: 100) { totalCount nodes { id name owners { name } tags { tagFQN } } } }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.mlModelServices.nodes).toHaveLength(N);
});

import { startStack, type GraphQLAnswer, type Stack } from "../helpers/stack.js";

/**
 * `catalogServices`: services of several kinds in one list, paged by the gateway's composed cursor,
 * against the local catalog over HTTP, counting the upstream list calls of each page.
 */
let stack: Stack;

/** Three kinds the sample data leaves empty, in `ServiceKind` order, with their collections and a service type. */
const KINDS = [
  { value: "DRIVE", T: "DriveService", collection: "driveServices", serviceType: "CustomDrive" },
  { value: "LLM", T: "LlmService", collection: "llmServices", serviceType: "CustomLLM" },
  { value: "SECURITY", T: "SecurityService", collection: "securityServices", serviceType: "Ranger" },
];
const PER_KIND = 7;
const NAMES = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"];

beforeAll(async () => {
  stack = await startStack();
  // Seeded out of name order: the list's order is the catalog's, by name.
  for (const kind of KINDS) {
    const inputs = [...NAMES].reverse().map((name) => ({ name: `${kind.value.toLowerCase()}_${name}`, serviceType: kind.serviceType, connection: { type: kind.serviceType } }));
    const answer = await stack.query(`mutation($i: [Create${kind.T}Input!]!) { createOrUpdate${kind.T}s(inputs: $i) { error { message } } }`, { i: inputs });
    expect(answer.errors).toBeUndefined();
    expect(answer.data[`createOrUpdate${kind.T}s`].every((r: { error: unknown }) => r.error === null)).toBe(true);
  }
}, 30_000);
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

/** The list calls each kind's collection received since the last reset. */
function listCalls(): Record<string, number> {
  return Object.fromEntries(
    KINDS.map((kind) => [kind.value, stack.upstream(`/api/v1/services/${kind.collection}`).filter((r) => r.method === "GET" && r.path === `/api/v1/services/${kind.collection}`).length]),
  );
}

const PAGE = `query($after: String, $kinds: [ServiceKind!]) {
  r: catalogServices(first: 4, after: $after, kinds: $kinds) {
    edges { cursor node { __typename name owners { name } } }
    nodes { name }
    pageInfo { hasNextPage endCursor }
  }
}`;

test("three kinds of seven services walked four at a time: no gap, no repeat, one list call per kind a page touches", async () => {
  const kinds = ["SECURITY", "DRIVE", "LLM"];
  const seen: string[] = [];
  const touched: Array<Record<string, number>> = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    stack.catalog.resetRequests();
    const answer: GraphQLAnswer = await stack.query(PAGE, { after, kinds });
    expect(answer.errors).toBeUndefined();
    const { edges, pageInfo } = answer.data!.r;
    seen.push(...edges.map((edge: { node: { __typename: string; name: string } }) => `${edge.node.__typename}:${edge.node.name}`));
    touched.push(listCalls());
    expect(pageInfo.endCursor).toBe(edges[edges.length - 1].cursor);
    for (const call of stack.upstream("/api/v1/services/")) expect(new URLSearchParams(call.query).get("fields")).toBe("owners");
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  const expected = KINDS.flatMap((kind) => NAMES.map((name) => `${kind.T}:${kind.value.toLowerCase()}_${name}`));
  expect(seen).toEqual(expected);
  expect(touched).toEqual([
    { DRIVE: 1, LLM: 0, SECURITY: 0 },
    { DRIVE: 1, LLM: 1, SECURITY: 0 },
    { DRIVE: 0, LLM: 1, SECURITY: 0 },
    { DRIVE: 0, LLM: 1, SECURITY: 1 },
    { DRIVE: 0, LLM: 0, SECURITY: 1 },
    { DRIVE: 0, LLM: 0, SECURITY: 1 },
  ]);
});

const BACK = `query($before: String, $kinds: [ServiceKind!]) {
  r: catalogServices(last: 4, before: $before, kinds: $kinds) {
    edges { cursor node { __typename name } }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
  }
}`;

/** Walks backward from `before` page by page; the services seen, in list order, and each page's list calls. */
async function walkBack(before: string): Promise<{ seen: string[]; touched: Array<Record<string, number>> }> {
  const pages: string[][] = [];
  const touched: Array<Record<string, number>> = [];
  let cursor = before;
  for (let page = 0; page < 10; page++) {
    stack.catalog.resetRequests();
    const answer: GraphQLAnswer = await stack.query(BACK, { before: cursor, kinds: ["SECURITY", "DRIVE", "LLM"] });
    expect(answer.errors).toBeUndefined();
    const { edges, pageInfo } = answer.data!.r;
    touched.push(listCalls());
    pages.unshift(edges.map((edge: { node: { __typename: string; name: string } }) => `${edge.node.__typename}:${edge.node.name}`));
    expect(pageInfo.hasNextPage).toBe(true);
    expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
    expect(pageInfo.endCursor).toBe(edges[edges.length - 1]?.cursor ?? null);
    if (!pageInfo.hasPreviousPage) return { seen: pages.flat(), touched };
    expect(edges).toHaveLength(4);
    cursor = pageInfo.startCursor;
  }
  throw new Error("the backward walk did not end in 10 pages");
}

test("backward from the end cursor and from every edge's cursor: every service before it exactly once, pageInfo exact", async () => {
  const expected = KINDS.flatMap((kind) => NAMES.map((name) => `${kind.T}:${kind.value.toLowerCase()}_${name}`));
  const all = await stack.query(`query { r: catalogServices(first: 100, kinds: [DRIVE, LLM, SECURITY]) { edges { cursor } pageInfo { endCursor hasNextPage hasPreviousPage } } }`);
  expect(all.errors).toBeUndefined();
  expect(all.data.r.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  const cursors = (all.data.r.edges as Array<{ cursor: string }>).map((edge) => edge.cursor);
  expect(cursors).toHaveLength(expected.length);

  const fromEnd = await walkBack(all.data.r.pageInfo.endCursor);
  expect(fromEnd.seen).toEqual(expected.slice(0, -1));
  // 20 services before the end, four a page: SECURITY a-f (the cursor's kind, one call), then LLM read
  // from its start (a first call, then the whole kind), then LLM again, then DRIVE likewise.
  expect(fromEnd.touched).toEqual([
    { DRIVE: 0, LLM: 0, SECURITY: 1 },
    { DRIVE: 0, LLM: 2, SECURITY: 1 },
    { DRIVE: 0, LLM: 1, SECURITY: 0 },
    { DRIVE: 2, LLM: 1, SECURITY: 0 },
    { DRIVE: 1, LLM: 0, SECURITY: 0 },
  ]);

  for (const [i, cursor] of cursors.entries()) {
    const { seen } = await walkBack(cursor);
    expect(seen).toEqual(expected.slice(0, i));
  }
});

test("backward and forward pages meet: the page before an edge ends right before it, hasPreviousPage false only at the start", async () => {
  const first = await stack.query(`query { r: catalogServices(first: 8, kinds: [DRIVE, LLM]) { edges { cursor node { name } } } }`);
  const edges = first.data.r.edges as Array<{ cursor: string; node: { name: string } }>;
  const back = await stack.query(`query($b: String) { r: catalogServices(last: 2, before: $b, kinds: [DRIVE, LLM]) { nodes { name } pageInfo { hasPreviousPage hasNextPage } } }`, { b: edges[7].cursor });
  expect(back.data.r.nodes).toEqual([{ name: "drive_foxtrot" }, { name: "drive_golf" }]);
  expect(back.data.r.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true });
  // A cursor of a kind read backward from its start pages forward like any other.
  const again = await stack.query(`query($b: String) { r: catalogServices(last: 2, before: $b, kinds: [DRIVE, LLM]) { edges { cursor } } }`, { b: edges[7].cursor });
  const onward = await stack.query(`query($a: String) { r: catalogServices(first: 3, after: $a, kinds: [DRIVE, LLM]) { nodes { name } } }`, { a: again.data.r.edges[0].cursor });
  expect(onward.data.r.nodes).toEqual([{ name: "drive_golf" }, { name: "llm_alpha" }, { name: "llm_bravo" }]);
  const start = await stack.query(`query($b: String) { r: catalogServices(last: 2, before: $b, kinds: [DRIVE, LLM]) { nodes { name } pageInfo { hasPreviousPage hasNextPage } } }`, { b: edges[0].cursor });
  expect(start.data.r.nodes).toEqual([]);
  expect(start.data.r.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true });
  // The last service of all: nothing follows it.
  const lastOfAll = await stack.query(`query { r: catalogServices(first: 14, kinds: [DRIVE, LLM]) { pageInfo { hasNextPage endCursor } } }`);
  expect(lastOfAll.data.r.pageInfo.hasNextPage).toBe(false);
  const after = await stack.query(`query($a: String) { r: catalogServices(first: 2, after: $a, kinds: [DRIVE, LLM]) { nodes { name } pageInfo { hasNextPage hasPreviousPage } } }`, { a: lastOfAll.data.r.pageInfo.endCursor });
  expect(after.data.r).toEqual({ nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  // A page that ends exactly where a kind ends still knows whether another kind follows.
  const seven = await stack.query(`query { r: catalogServices(first: 7, kinds: [DRIVE, LLM]) { pageInfo { hasNextPage } } }`);
  expect(seven.data.r.pageInfo.hasNextPage).toBe(true);
  const onlyDrive = await stack.query(`query { r: catalogServices(first: 7, kinds: [DRIVE]) { pageInfo { hasNextPage } } }`);
  expect(onlyDrive.data.r.pageInfo.hasNextPage).toBe(false);
});

test.each([
  ["last without before", `catalogServices(last: 2)`, "last"],
  ["first and last", `catalogServices(first: 2, last: 2, before: "x")`, "last"],
  ["after and before", `catalogServices(after: "x", before: "y")`, "after"],
  ["a malformed before", `catalogServices(last: 2, before: "nope")`, "before"],
])("%s is BAD_USER_INPUT naming %s's argument, and nothing is asked upstream", async (_what, field, argument) => {
  const answer = await stack.query(`query { ${field} { nodes { name } } }`);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: argument });
  expect(stack.upstream("/api/v1/services/")).toHaveLength(0);
});

test("every edge's cursor resumes right after it, across a kind boundary too", async () => {
  const first = await stack.query(`query { r: catalogServices(first: 8, kinds: [DRIVE, LLM]) { edges { cursor node { name } } } }`);
  expect(first.errors).toBeUndefined();
  const edges = first.data.r.edges as Array<{ cursor: string; node: { name: string } }>;
  expect(edges.map((e) => e.node.name)).toEqual([...NAMES.map((n) => `drive_${n}`), "llm_alpha"]);
  const resumed = await stack.query(`query($a: String) { r: catalogServices(first: 2, after: $a, kinds: [DRIVE, LLM]) { nodes { name } } }`, { a: edges[6].cursor });
  expect(resumed.data.r.nodes).toEqual([{ name: "llm_alpha" }, { name: "llm_bravo" }]);
  stack.catalog.resetRequests();
  const middle = await stack.query(`query($a: String) { r: catalogServices(first: 2, after: $a, kinds: [DRIVE, LLM]) { nodes { name } } }`, { a: edges[2].cursor });
  expect(middle.data.r.nodes).toEqual([{ name: "drive_delta" }, { name: "drive_echo" }]);
  expect(listCalls()).toEqual({ DRIVE: 1, LLM: 0, SECURITY: 0 });
});

test("without kinds, every service kind in ServiceKind order; the last page says there is no next", async () => {
  const answer = await stack.query(`query { r: catalogServices(first: 100) { nodes { __typename name } pageInfo { hasNextPage } } }`);
  expect(answer.errors).toBeUndefined();
  const types = (answer.data.r.nodes as Array<{ __typename: string }>).map((n) => n.__typename);
  expect(types[0]).toBe("ApiService");
  expect(types).toEqual(expect.arrayContaining(["DatabaseService", "DriveService", "MlModelService", "PipelineService", "SecurityService"]));
  expect(types.indexOf("DatabaseService")).toBeLessThan(types.indexOf("DriveService"));
  expect(types.lastIndexOf("DriveService")).toBeLessThan(types.indexOf("LlmService"));
  expect(answer.data.r.pageInfo.hasNextPage).toBe(false);
});

test.each([
  ["not base64 JSON", "nope"],
  ["a JSON that is no cursor", Buffer.from(JSON.stringify({ kind: "DRIVE", after: 3, offset: 0 })).toString("base64url")],
  ["a negative offset", Buffer.from(JSON.stringify({ kind: "DRIVE", after: null, offset: -1 })).toString("base64url")],
  ["a kind not asked", Buffer.from(JSON.stringify({ kind: "DATABASE", after: null, offset: 0 })).toString("base64url")],
])("a malformed cursor (%s) is BAD_USER_INPUT naming after, and nothing is asked upstream", async (_what, cursor) => {
  const answer = await stack.query(`query($a: String) { catalogServices(first: 2, after: $a, kinds: [DRIVE, LLM]) { nodes { name } } }`, { a: cursor });
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  expect(stack.upstream("/api/v1/services/")).toHaveLength(0);
});

test("first out of range is BAD_USER_INPUT naming first", async () => {
  const answer = await stack.query(`query { catalogServices(first: 1001) { nodes { name } } }`);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
});

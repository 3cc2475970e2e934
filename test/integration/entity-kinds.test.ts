import { startStack, type Stack } from "../helpers/stack.js";
import { KIND_ROWS, type KindRow } from "../helpers/kind-rows.js";

/**
 * One suite over every row of the table of kinds: each operation of the pattern through the gateway,
 * against the local catalog over HTTP, asserting the REST calls the catalog received.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

const ALICE = { id: "1b7c8e0a-2f0e-4b7a-9a53-6b1f1c0e2d11", type: "user" };
const BOB_ID = "11111111-0000-4000-8000-000000000003";
const FIELDS = "id name fullyQualifiedName version description deleted owners { id name } tags { tagFQN } followers { id } dataProducts { name }";

let counter = 0;
function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}_${Date.now().toString(36)}`;
}

function calls(row: KindRow, method?: string) {
  return stack.upstream(`/api/v1/${row.collection}`).filter((r) => method === undefined || r.method === method);
}

function param(query: string, name: string): string | null {
  return new URLSearchParams(query).get(name);
}

async function create(row: KindRow, extra: Record<string, unknown> = {}) {
  const answer = await stack.query(`mutation($i: Create${row.T}Input!) { r: create${row.T}(input: $i) { ${FIELDS} } }`, {
    i: { ...row.createInput(uniqueName("k")), ...extra },
  });
  expect(answer.errors).toBeUndefined();
  stack.catalog.resetRequests();
  return answer.data.r;
}

describe.each(KIND_ROWS.map((row) => [row.T, row] as const))("%s", (_T, row) => {
  const { T, field, plural } = row;

  test("get by id and by fully qualified name: one GET each, fields from the selection", async () => {
    const entity = await create(row, { owners: [ALICE] });
    const byId = await stack.query(`query($id: ID) { r: ${field}(id: $id) { id owners { name } tags { tagFQN } } }`, { id: entity.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.r.owners).toEqual([{ name: "alice" }]);
    const [get] = calls(row, "GET");
    expect(get.path).toBe(`/api/v1/${row.collection}/${entity.id}`);
    expect(param(get.query, "fields")).toBe("owners,tags");
    stack.catalog.resetRequests();
    const byName = await stack.query(`query($f: String) { r: ${field}(fullyQualifiedName: $f) { id name } }`, { f: entity.fullyQualifiedName });
    expect(byName.data.r).toEqual({ id: entity.id, name: entity.name });
    expect(calls(row, "GET")[0].path).toBe(`/api/v1/${row.collection}/name/${encodeURIComponent(entity.fullyQualifiedName)}`);
    expect(param(calls(row, "GET")[0].query, "fields")).toBeNull();
  });

  test("list: one GET with limit (the page and one more), fields and the kind's filters", async () => {
    await create(row);
    const answer = await stack.query(`query { r: ${plural}(first: 2${row.listArgs}) { totalCount nodes { id tags { tagFQN } } pageInfo { hasNextPage } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.r.nodes.length).toBeGreaterThan(0);
    const [list] = calls(row, "GET");
    expect(list.path).toBe(`/api/v1/${row.collection}`);
    // One row more than the page: whether more follows is then known exactly.
    expect(param(list.query, "limit")).toBe("3");
    expect(param(list.query, "fields")).toBe("tags");
    for (const [name, value] of Object.entries(row.listFilters)) expect(param(list.query, name)).toBe(value);
  });

  test("create: POST of the create request", async () => {
    const input = row.createInput(uniqueName("c"));
    const answer = await stack.query(`mutation($i: Create${T}Input!) { r: create${T}(input: $i) { id name version } }`, { i: input });
    expect(answer.errors).toBeUndefined();
    const [post] = calls(row, "POST");
    expect(post.path).toBe(`/api/v1/${row.collection}`);
    expect(JSON.parse(post.body)).toEqual(row.createRequest(input));
  });

  test("createOrUpdate: PUT; created from the status", async () => {
    const input = row.createInput(uniqueName("p"));
    const q = `mutation($i: Create${T}Input!) { r: createOrUpdate${T}(input: $i) { created e: ${field} { id description } } }`;
    const first = await stack.query(q, { i: input });
    const second = await stack.query(q, { i: { ...input, description: "again" } });
    expect(first.data.r.created).toBe(true);
    expect(second.data.r).toMatchObject({ created: false, e: { id: first.data.r.e.id, description: "again" } });
    const puts = calls(row, "PUT");
    expect(puts.map((p) => p.path)).toEqual([`/api/v1/${row.collection}`, `/api/v1/${row.collection}`]);
    expect(JSON.parse(puts[1].body)).toEqual(row.createRequest({ ...input, description: "again" }));
  });

  test("createOrUpdate…s: one result per input, in order", async () => {
    const inputs = [row.createInput(uniqueName("b1")), { ...row.createInput("bad::name") }, row.createInput(uniqueName("b2"))];
    const answer = await stack.query(`mutation($i: [Create${T}Input!]!) { r: createOrUpdate${T}s(inputs: $i) { index created error { field } e: ${field} { name } } }`, { i: inputs });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.r.map((r: { index: number }) => r.index)).toEqual([0, 1, 2]);
    expect(answer.data.r[1]).toMatchObject({ error: { field: "inputs[1].name" }, e: null });
    expect(answer.data.r[2]).toMatchObject({ created: true, e: { name: inputs[2].name } });
    const sent = calls(row, "PUT").flatMap((p) => {
      const body = JSON.parse(p.body);
      return Array.isArray(body) ? body : [body];
    });
    expect(sent.map((b: { name: string }) => b.name)).toEqual([inputs[0].name, inputs[2].name]);
  });

  test("update: GET with the touched relations, then PATCH with If-Match and the computed operations", async () => {
    const entity = await create(row);
    const answer = await stack.query(
      `mutation($id: ID, $i: Update${T}Input!) { r: update${T}(id: $id, input: $i) { changed patch { op path value } e: ${field} { version } } }`,
      { id: entity.id, i: { ...row.updateInput, owners: [{ name: "alice", type: "user" }] } },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.r.changed).toBe(true);
    const [get] = calls(row, "GET");
    expect(param(get.query, "fields")).toBe("owners");
    const [patch] = calls(row, "PATCH");
    expect(patch.path).toBe(`/api/v1/${row.collection}/${entity.id}`);
    expect(patch.headers["if-match"]).toBe(`W/"${entity.version.toFixed(1)}"`);
    expect(JSON.parse(patch.body)).toEqual(expect.arrayContaining([...row.updateOps, { op: expect.stringMatching(/^(add|replace)$/), path: "/owners", value: [ALICE] }]));
    expect(stack.upstream("/api/v1/users/name/alice")).toHaveLength(1);
  });

  test("patch: raw operations with If-Match of expectedVersion", async () => {
    const entity = await create(row);
    const op = { op: "add", path: "/description", value: "raw" };
    const answer = await stack.query(
      `mutation($f: String, $o: [JsonPatchOperationInput!]!, $v: Float) { r: patch${T}(fullyQualifiedName: $f, operations: $o, expectedVersion: $v) { changed e: ${field} { description } } }`,
      { f: entity.fullyQualifiedName, o: [op], v: entity.version },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.r.e.description).toBe("raw");
    const [patch] = calls(row, "PATCH");
    expect(patch.path).toBe(`/api/v1/${row.collection}/name/${encodeURIComponent(entity.fullyQualifiedName)}`);
    expect(patch.headers["if-match"]).toBe(`W/"${entity.version.toFixed(1)}"`);
    expect(JSON.parse(patch.body)).toEqual([op]);
  });

  test("versions: GET /versions, newest first, bounded by first", async () => {
    const entity = await create(row);
    await stack.query(`mutation($id: ID) { update${T}(id: $id, input: { description: "v2" }) { changed } }`, { id: entity.id });
    stack.catalog.resetRequests();
    const answer = await stack.query(`query($id: ID) { r: ${field}(id: $id) { all: versions { version } one: versions(first: 1) { version } } }`, { id: entity.id });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.r.all.map((v: { version: number }) => v.version)).toEqual([0.2, 0.1]);
    expect(answer.data.r.one).toEqual([{ version: 0.2 }]);
    expect(calls(row, "GET").filter((c) => c.path.endsWith("/versions"))).toHaveLength(1);
    const tooMany = await stack.query(`query($id: ID) { r: ${field}(id: $id) { versions(first: 1001) { version } } }`, { id: entity.id });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  test("delete and restore: DELETE with hardDelete and recursive, PUT /restore after a check", async () => {
    const entity = await create(row);
    const deleted = await stack.query(`mutation($id: ID) { r: delete${T}(id: $id) { deleted } }`, { id: entity.id });
    expect(deleted.data.r.deleted).toBe(true);
    const [del] = calls(row, "DELETE");
    expect(del.path).toBe(`/api/v1/${row.collection}/${entity.id}`);
    expect(param(del.query, "hardDelete")).toBe("false");
    expect(param(del.query, "recursive")).toBe("false");
    stack.catalog.resetRequests();
    const restored = await stack.query(`mutation($id: ID!) { r: restore${T}(id: $id) { deleted } }`, { id: entity.id });
    expect(restored.data.r.deleted).toBe(false);
    const restore = calls(row, "PUT");
    expect(restore.map((r) => r.path)).toEqual([`/api/v1/${row.collection}/restore`]);
    expect(JSON.parse(restore[0].body)).toEqual({ id: entity.id });
  });

  test("follow and unfollow: PUT /followers with the user id as a JSON string, DELETE /followers/{userId}", async () => {
    const entity = await create(row);
    const followed = await stack.query(`mutation($id: ID!, $u: ID!) { r: follow${T}(id: $id, userId: $u) { followers { id } } }`, { id: entity.id, u: BOB_ID });
    expect(followed.errors).toBeUndefined();
    expect(followed.data.r.followers).toEqual([{ id: BOB_ID }]);
    const [put] = calls(row, "PUT");
    expect(put.path).toBe(`/api/v1/${row.collection}/${entity.id}/followers`);
    expect(JSON.parse(put.body)).toBe(BOB_ID);
    stack.catalog.resetRequests();
    const unfollowed = await stack.query(`mutation($id: ID!, $u: ID!) { r: unfollow${T}(id: $id, userId: $u) { followers { id } } }`, { id: entity.id, u: BOB_ID });
    expect(unfollowed.data.r.followers).toEqual([]);
    expect(calls(row, "DELETE")[0].path).toBe(`/api/v1/${row.collection}/${entity.id}/followers/${BOB_ID}`);
    const unknown = await stack.query(`mutation($id: ID!) { r: follow${T}(id: $id, userId: "00000000-0000-4000-8000-000000000000") { id } }`, { id: entity.id });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });
  });

  test("federation: entities resolve by id and by fully qualified name, one GET for both", async () => {
    const entity = await create(row);
    const answer = await stack.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${T} { id name } } }`,
      { r: [{ __typename: T, id: entity.id }, { __typename: T, fullyQualifiedName: entity.fullyQualifiedName }] },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities).toEqual([
      { __typename: T, id: entity.id, name: entity.name },
      { __typename: T, id: entity.id, name: entity.name },
    ]);
    expect(calls(row, "GET")).toHaveLength(1);
  });

  test("owners by name: an unknown name is BAD_USER_INPUT naming the input path, and nothing is written", async () => {
    const answer = await stack.query(`mutation($i: Create${T}Input!) { r: create${T}(input: $i) { id } }`, {
      i: { ...row.createInput(uniqueName("o")), owners: [{ name: "alice", type: "user" }, { name: "nobody", type: "team" }] },
    });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.owners[1].name" });
    expect(calls(row).filter((c) => c.method !== "GET")).toHaveLength(0);
  });
});

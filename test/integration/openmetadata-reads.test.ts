import { openMetadataRest } from "../helpers/openmetadata-rest.js";
import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
let rest: ReturnType<typeof openMetadataRest>;

beforeAll(async () => {
  stack = await startStack();
  rest = openMetadataRest(stack.catalog.url);
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

/** The GETs of single ML model services the catalog received (lists and versions excluded). */
function serviceGets() {
  return stack.upstream("/api/v1/services/mlmodelServices/").filter((r) => r.method === "GET" && !r.path.includes("/versions"));
}

describe("reading one service", () => {
  test("by fully qualified name and by id, with DateTime converted from epoch milliseconds", async () => {
    const byName = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { id name fullyQualifiedName serviceType displayName description version updatedAt updatedBy href deleted connection } }`);
    expect(byName.errors).toBeUndefined();
    const service = byName.data.mlModelService;
    expect(service).toMatchObject({ name: "mlflow_svc", fullyQualifiedName: "mlflow_svc", serviceType: "Mlflow", deleted: false });
    expect(service.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(service.connection).toMatchObject({ type: "Mlflow" });

    const byId = await stack.query(`query($id: ID) { mlModelService(id: $id) { name version } }`, { id: service.id });
    expect(byId.data.mlModelService).toEqual({ name: "mlflow_svc", version: service.version });
  });

  test("a pipeline service by name", async () => {
    const answer = await stack.query(`{ pipelineService(fullyQualifiedName: "sample_airflow") { name serviceType } }`);
    expect(answer.data.pipelineService).toEqual({ name: "sample_airflow", serviceType: "Airflow" });
  });

  test("an absent service is null, not an error", async () => {
    const answer = await stack.query(`{ a: mlModelService(fullyQualifiedName: "no_such_service") { id } b: mlModelService(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ a: null, b: null });
  });

  test("exactly one of id and fullyQualifiedName is required", async () => {
    const none = await stack.query(`{ mlModelService { id } }`);
    expect(none.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const both = await stack.query(`{ mlModelService(id: "x", fullyQualifiedName: "y") { id } }`);
    expect(both.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(both.errors?.[0].message).toMatch(/exactly one of id and fullyQualifiedName/);
    expect(stack.upstream()).toHaveLength(0);
  });

  test("the fields parameter follows the selection: relations only when selected", async () => {
    await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`);
    await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name owners { name } ...T } } fragment T on MlModelService { tags { tagFQN } }`);
    const [plain, withRelations] = serviceGets();
    expect(new URLSearchParams(plain.query).get("fields")).toBeNull();
    expect(new URLSearchParams(withRelations.query).get("fields")?.split(",").sort()).toEqual(["owners", "tags"]);
  });

  test("upstream errors are coded, carry the upstream status and message, and never the token", async () => {
    const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { id } }`, undefined, { authorization: "Bearer " });
    const error = answer.errors?.[0];
    expect(error?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(error?.extensions?.upstream).toMatchObject({ service: "openmetadata", status: 401 });
    expect(JSON.stringify(answer)).not.toContain("Bearer");
  });
});

describe("upstream calls per operation", () => {
  test("aliases of the same service cost one call", async () => {
    const answer = await stack.query(`{
      a: mlModelService(fullyQualifiedName: "mlflow_svc") { id }
      b: mlModelService(fullyQualifiedName: "mlflow_svc") { name owners { name } }
      c: mlModelService(fullyQualifiedName: "mlflow_svc") { tags { tagFQN } }
    }`);
    expect(answer.errors).toBeUndefined();
    expect(serviceGets()).toHaveLength(1);
    expect(new URLSearchParams(serviceGets()[0].query).get("fields")?.split(",").sort()).toEqual(["owners", "tags"]);
  });

  test("an id and a name of the same service in one operation cost one call", async () => {
    const first = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { id } }`);
    stack.catalog.resetRequests();
    const id = first.data.mlModelService.id;
    const answer = await stack.query(`query($id: ID) {
      byId: mlModelService(id: $id) { name }
      byName: mlModelService(fullyQualifiedName: "mlflow_svc") { id }
    }`, { id });
    expect(answer.data).toEqual({ byId: { name: "mlflow_svc" }, byName: { id } });
    expect(serviceGets()).toHaveLength(1);
  });

  test("_entities with repeated representations costs one call per distinct service", async () => {
    const ids = (await stack.query(`{ mlModelServices(first: 3) { nodes { id fullyQualifiedName } } }`)).data.mlModelServices.nodes;
    stack.catalog.resetRequests();
    const representations = [
      ...ids.map((s: { id: string }) => ({ __typename: "MlModelService", id: s.id })),
      ...ids.map((s: { id: string }) => ({ __typename: "MlModelService", id: s.id })),
      ...ids.map((s: { fullyQualifiedName: string }) => ({ __typename: "MlModelService", fullyQualifiedName: s.fullyQualifiedName })),
    ];
    const answer = await stack.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on MlModelService { id fullyQualifiedName owners { name } } } }`,
      { r: representations },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities).toHaveLength(9);
    expect(answer.data._entities.map((e: { id: string }) => e.id)).toEqual([...ids, ...ids, ...ids].map((s: { id: string }) => s.id));
    expect(serviceGets()).toHaveLength(ids.length);
  });
});

describe("names that need care", () => {
  const names = ["dots.in.name", "slash/in/name", "percent%25name", 'quote"name', "space in name", "ünïcødé 名前", "mix. /%\"é"];

  test.each(names)("%s round-trips by name and by id", async (name) => {
    const created = await rest.createMlModelService(name);
    const byName = await stack.query(`query($f: String) { mlModelService(fullyQualifiedName: $f) { id name fullyQualifiedName } }`, {
      f: created.fullyQualifiedName,
    });
    expect(byName.errors).toBeUndefined();
    expect(byName.data.mlModelService).toEqual({ id: created.id, name, fullyQualifiedName: created.fullyQualifiedName });
    // The FQN travelled as one path segment: nothing after /name/ but one encoded segment.
    const request = stack.upstream("/mlmodelServices/name/").at(-1)!;
    expect(request.path.split("/name/")[1]).toBe(encodeURIComponent(created.fullyQualifiedName));
    const byId = await stack.query(`query($id: ID) { mlModelService(id: $id) { name } }`, { id: created.id });
    expect(byId.data.mlModelService).toEqual({ name });
  });

  test("a dotted name is found by its unquoted name too", async () => {
    const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "dots.in.name") { fullyQualifiedName } }`);
    expect(answer.data.mlModelService).toEqual({ fullyQualifiedName: '"dots.in.name"' });
  });
});

describe("lists", () => {
  let scratch: Stack;
  beforeAll(async () => {
    scratch = await startStack({ catalog: { seed: false } });
    const scratchRest = openMetadataRest(scratch.catalog.url);
    for (let i = 0; i < 25; i++) await scratchRest.createMlModelService(`paged_${String(i).padStart(2, "0")}`);
  });
  afterAll(() => scratch.close());

  test("25 services in pages of 10 with totalCount, forwards and back", async () => {
    const page = `query($after: String, $before: String) {
      mlModelServices(first: 10, after: $after, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { name }
      }
    }`;
    const seen: string[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const answer = await scratch.query(page, { after });
      expect(answer.errors).toBeUndefined();
      const connection = answer.data.mlModelServices;
      expect(connection.totalCount).toBe(25);
      sizes.push(connection.nodes.length);
      seen.push(...connection.nodes.map((n: { name: string }) => n.name));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `paged_${String(i).padStart(2, "0")}`));

    const last = await scratch.query(page, { after });
    const back = await scratch.query(page, { before: last.data.mlModelServices.pageInfo.startCursor });
    expect(back.data.mlModelServices.nodes.map((n: { name: string }) => n.name)).toEqual(seen.slice(10, 20));
  });

  test("relations selected under nodes or edges are asked for once per page, not per service", async () => {
    scratch.catalog.resetRequests();
    const answer = await scratch.query(`{ mlModelServices(first: 10) { edges { cursor node { name owners { name } } } } }`);
    expect(answer.errors).toBeUndefined();
    const requests = scratch.upstream("/mlmodelServices");
    expect(requests).toHaveLength(1);
    expect(new URLSearchParams(requests[0].query).get("fields")).toBe("owners");
  });

  test("a negative first and both cursors are bad input, with no upstream call", async () => {
    scratch.catalog.resetRequests();
    const big = await scratch.query(`{ mlModelServices(first: -1) { totalCount } }`);
    expect(big.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "first" } });
    const both = await scratch.query(`{ mlModelServices(after: "a", before: "b") { totalCount } }`);
    expect(both.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(scratch.upstream()).toHaveLength(0);
  });
});

describe("soft deletion", () => {
  test("a soft-deleted service is hidden unless include asks for it", async () => {
    const created = await rest.createMlModelService("soon_deleted");
    expect((await rest.call("DELETE", `services/mlmodelServices/${created.id}`)).status).toBe(200);
    const hidden = await stack.query(`{ mlModelService(fullyQualifiedName: "soon_deleted") { id } }`);
    expect(hidden.data.mlModelService).toBeNull();
    const shown = await stack.query(`{ mlModelService(fullyQualifiedName: "soon_deleted", include: DELETED) { id deleted } }`);
    expect(shown.data.mlModelService).toEqual({ id: created.id, deleted: true });
    const all = await stack.query(`{ mlModelServices(first: 100, include: ALL) { nodes { name deleted } } }`);
    expect(all.data.mlModelServices.nodes).toContainEqual({ name: "soon_deleted", deleted: true });
    const active = await stack.query(`{ mlModelServices(first: 100) { nodes { name } } }`);
    expect(active.data.mlModelServices.nodes).not.toContainEqual({ name: "soon_deleted" });
  });
});

describe("versions", () => {
  test("version history newest first, and atVersion including a whole version such as 1.0", async () => {
    let service = await rest.createMlModelService("versioned_service", { description: "v0.1" });
    for (let i = 2; i <= 10; i++) service = await rest.patchDescription("mlmodelServices", service.id, service.version, `v0.${i}`);
    expect(service.version).toBe(1);
    const answer = await stack.query(`query($id: ID) { mlModelService(id: $id) {
      version
      versions { version description }
      whole: atVersion(version: 1.0) { version description }
      first: atVersion(version: 0.1) { version description changeDescription { previousVersion } }
      missing: atVersion(version: 7.5) { version }
      changeDescription { previousVersion fieldsUpdated { name oldValue newValue } }
    } }`, { id: service.id });
    expect(answer.errors).toBeUndefined();
    const got = answer.data.mlModelService;
    expect(got.version).toBe(1);
    expect(got.versions.map((v: { version: number }) => v.version)).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]);
    expect(got.whole).toEqual({ version: 1, description: "v0.10" });
    expect(got.first).toEqual({ version: 0.1, description: "v0.1", changeDescription: null });
    expect(got.missing).toBeNull();
    expect(got.changeDescription).toEqual({ previousVersion: 0.9, fieldsUpdated: [{ name: "description", oldValue: "v0.9", newValue: "v0.10" }] });
    expect(stack.upstream("/versions/1.0")).toHaveLength(1);
  });
});

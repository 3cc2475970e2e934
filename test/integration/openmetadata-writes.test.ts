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

const ALICE = { id: "1b7c8e0a-2f0e-4b7a-9a53-6b1f1c0e2d11", type: "user" };
const BOB = { id: "11111111-0000-4000-8000-000000000003", type: "user" };
const DATA_ENG = { id: "22222222-0000-4000-8000-000000000001", type: "team" };
const MASK = "*********";
const FIELDS = "id name fullyQualifiedName serviceType version description displayName deleted updatedBy owners { id name } tags { tagFQN labelType } domains { id name } connection";

/** Both service kinds, driven by one table like the gateway itself. */
const KINDS = [
  {
    label: "ML model services",
    T: "MlModelService",
    collection: "mlmodelServices",
    serviceType: "Mlflow",
    connection: { type: "Mlflow", trackingUri: "http://mlflow:5000", registryUri: "mysql://db/mlflow" },
    changedKey: ["trackingUri", "http://mlflow:6000"] as const,
    requiredKey: "registryUri",
  },
  {
    label: "pipeline services",
    T: "PipelineService",
    collection: "pipelineServices",
    serviceType: "Airbyte",
    connection: { type: "Airbyte", hostPort: "http://airbyte:8000" },
    changedKey: ["hostPort", "http://airbyte:9000"] as const,
    requiredKey: "hostPort",
  },
];
type Kind = (typeof KINDS)[number];

function ops(kind: Kind) {
  const { T } = kind;
  return {
    create: `mutation($i: Create${T}Input!) { r: create${T}(input: $i) { ${FIELDS} } }`,
    put: `mutation($i: Create${T}Input!) { r: createOrUpdate${T}(input: $i) { created s: ${lower(T)} { ${FIELDS} } } }`,
    update: `mutation($id: ID, $f: String, $i: Update${T}Input!, $v: Float, $dry: Boolean) {
      r: update${T}(id: $id, fullyQualifiedName: $f, input: $i, expectedVersion: $v, dryRun: $dry) { changed patch { op path from value } s: ${lower(T)} { ${FIELDS} } } }`,
    patch: `mutation($id: ID, $f: String, $o: [JsonPatchOperationInput!]!, $v: Float) {
      r: patch${T}(id: $id, fullyQualifiedName: $f, operations: $o, expectedVersion: $v) { changed patch { op path from value } s: ${lower(T)} { ${FIELDS} } } }`,
    delete: `mutation($id: ID, $f: String, $hard: Boolean, $rec: Boolean) { r: delete${T}(id: $id, fullyQualifiedName: $f, hardDelete: $hard, recursive: $rec) { ${FIELDS} } }`,
    restore: `mutation($id: ID!) { r: restore${T}(id: $id) { ${FIELDS} } }`,
    read: `query($id: ID, $inc: Include) { r: ${lower(T)}(id: $id, include: $inc) { ${FIELDS} } }`,
  };
}

function lower(name: string): string {
  return name[0].toLowerCase() + name.slice(1);
}

/** The write calls (anything but GET) the catalog received for services. */
function writes() {
  return stack.upstream("/api/v1/services/").filter((r) => r.method !== "GET");
}

function patchCalls() {
  return stack.upstream("/api/v1/services/").filter((r) => r.method === "PATCH");
}

let counter = 0;
function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}_${Date.now().toString(36)}`;
}

/** Creates a service with every updatable field set, through the gateway. */
async function createFull(kind: Kind, extra: Record<string, unknown> = {}) {
  const answer = await stack.query(ops(kind).create, {
    i: {
      name: uniqueName("full"),
      serviceType: kind.serviceType,
      description: "described",
      displayName: "Displayed",
      connection: kind.connection,
      owners: [ALICE],
      tags: [{ tagFQN: "Tier.Tier1" }],
      domains: ["Sales"],
      ...extra,
    },
  });
  expect(answer.errors).toBeUndefined();
  stack.catalog.resetRequests();
  return answer.data.r;
}

describe.each(KINDS)("$label", (kind) => {
  const q = ops(kind);

  describe("create…", () => {
    test("POSTs the create request as JSON and answers the created entity; the answer primes the loaders", async () => {
      const name = uniqueName("created");
      const answer = await stack.query(q.create, {
        i: { name, serviceType: kind.serviceType, description: "d", connection: kind.connection, owners: [ALICE], tags: [{ tagFQN: "Tier.Tier1" }], domains: ["Sales"] },
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.r).toMatchObject({
        name,
        fullyQualifiedName: name,
        serviceType: kind.serviceType,
        version: 0.1,
        description: "d",
        deleted: false,
        owners: [{ id: ALICE.id, name: "alice" }],
        tags: [{ tagFQN: "Tier.Tier1", labelType: "Manual" }],
        domains: [{ name: "Sales" }],
      });
      const calls = stack.upstream();
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: "POST", path: `/api/v1/services/${kind.collection}` });
      expect(calls[0].headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(calls[0].body)).toEqual({
        name,
        serviceType: kind.serviceType,
        description: "d",
        connection: { config: kind.connection },
        owners: [ALICE],
        tags: [{ tagFQN: "Tier.Tier1", source: "Classification", labelType: "Manual", state: "Confirmed" }],
        domains: ["Sales"],
      });
    });

    test("config.type is filled in from serviceType when left out", async () => {
      const { type: _type, ...untyped } = kind.connection;
      const answer = await stack.query(q.create, { i: { name: uniqueName("untyped"), serviceType: kind.serviceType, connection: untyped } });
      expect(answer.errors).toBeUndefined();
      expect(JSON.parse(writes()[0].body).connection.config.type).toBe(kind.serviceType);
    });

    test("a taken name, soft-deleted included, is ALREADY_EXISTS", async () => {
      const name = uniqueName("taken");
      const first = await stack.query(q.create, { i: { name, serviceType: kind.serviceType, connection: kind.connection } });
      const again = await stack.query(q.create, { i: { name, serviceType: kind.serviceType, connection: kind.connection } });
      expect(again.errors?.[0].extensions).toMatchObject({ code: "ALREADY_EXISTS", upstream: { status: 409 } });
      await stack.query(q.delete, { id: first.data.r.id });
      const afterDelete = await stack.query(q.create, { i: { name, serviceType: kind.serviceType, connection: kind.connection } });
      expect(afterDelete.errors?.[0].extensions?.code).toBe("ALREADY_EXISTS");
    });

    test.each([
      ["a name with ::", { name: "a::b" }, "input.name", /must match/],
      ["an empty name", { name: "" }, "input.name", /size must be between 1 and 256/],
      ["the REST shape {config} as connection", { connection: { config: { type: "X" } } }, "input.connection", /connection is the config object itself/],
      ["an owner that is not a user or team", { owners: [{ id: ALICE.id, type: "domain" }] }, "input.owners[0].type", /user or a team/],
    ])("%s is refused naming the field and the rule, and nothing is sent", async (_label, change, field, rule) => {
      const input = { name: uniqueName("bad"), serviceType: kind.serviceType, connection: kind.connection, ...change };
      const answer = await stack.query(q.create, { i: input });
      const error = answer.errors?.[0];
      expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error?.extensions?.field).toBe(field);
      expect(error?.message).toMatch(rule);
      expect(stack.upstream()).toHaveLength(0);
    });

    test.each([
      ["a missing required connection key", "without", /registryUri|hostPort/],
      ["a config.type other than serviceType", "retyped", /Spline|type/],
      ["an unknown connection key", "extra", /noSuchKey/],
    ])("%s is the upstream's to refuse: its 400 is BAD_USER_INPUT with its message, and nothing is created", async (_label, change, rule) => {
      const connection: Record<string, unknown> = { ...kind.connection };
      if (change === "without") delete connection[kind.requiredKey];
      if (change === "retyped") connection.type = "Spline";
      if (change === "extra") connection.noSuchKey = 1;
      const name = uniqueName("bad");
      const answer = await stack.query(q.create, { i: { name, serviceType: kind.serviceType, connection } });
      const error = answer.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.connection", upstream: { status: 400 } });
      expect(error?.message).toMatch(rule);
      expect(JSON.parse(writes()[0].body).connection.config).toEqual(connection.type ? connection : { type: kind.serviceType, ...connection });
      const read = await stack.query(`query($f: String) { r: ${lower(kind.T)}(fullyQualifiedName: $f) { id } }`, { f: name });
      expect(read.data.r).toBeNull();
    });

    test("an unknown owner, tag or domain is a BAD_USER_INPUT naming the field", async () => {
      const owner = await stack.query(q.create, { i: { name: uniqueName("o"), serviceType: kind.serviceType, connection: kind.connection, owners: [{ id: "00000000-0000-4000-8000-000000000000", type: "user" }] } });
      expect(owner.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.owners" });
      const tag = await stack.query(q.create, { i: { name: uniqueName("t"), serviceType: kind.serviceType, connection: kind.connection, tags: [{ tagFQN: "No.Such" }] } });
      expect(tag.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.tags" });
      const domain = await stack.query(q.create, { i: { name: uniqueName("d"), serviceType: kind.serviceType, connection: kind.connection, domains: ["Nowhere"] } });
      expect(domain.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.domains" });
    });
  });

  describe("createOrUpdate…", () => {
    test("created comes from the status; PUT clears an omitted description and cannot remove owners or tags", async () => {
      const name = uniqueName("put");
      const first = await stack.query(q.put, {
        i: { name, serviceType: kind.serviceType, description: "kept?", connection: kind.connection, owners: [ALICE], tags: [{ tagFQN: "Tier.Tier1" }] },
      });
      expect(first.errors).toBeUndefined();
      expect(first.data.r.created).toBe(true);
      const second = await stack.query(q.put, { i: { name, serviceType: kind.serviceType, connection: kind.connection, tags: [{ tagFQN: "PII.None" }] } });
      expect(second.data.r.created).toBe(false);
      expect(second.data.r.s.description).toBeNull();
      expect(second.data.r.s.owners).toEqual([{ id: ALICE.id, name: "alice" }]);
      expect(second.data.r.s.tags.map((t: { tagFQN: string }) => t.tagFQN).sort()).toEqual(["PII.None", "Tier.Tier1"]);
      const puts = writes();
      expect(puts.map((r) => r.method)).toEqual(["PUT", "PUT"]);
      expect(puts.every((r) => r.path === `/api/v1/services/${kind.collection}`)).toBe(true);
    });

    test("an invalid input sends nothing", async () => {
      const answer = await stack.query(q.put, { i: { name: "x::y", serviceType: kind.serviceType } });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
      expect(stack.upstream()).toHaveLength(0);
    });
  });

  describe("update…", () => {
    test("an omitted field is not touched: an empty input changes nothing and sends nothing", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, { id: service.id, i: {} });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.r).toMatchObject({ changed: false, patch: [], s: { version: service.version, description: "described" } });
      expect(writes()).toHaveLength(0);
    });

    test.each([
      ["description", { op: "remove", path: "/description" }, null],
      ["displayName", { op: "remove", path: "/displayName" }, null],
      ["owners", { op: "replace", path: "/owners", value: [] }, []],
      ["tags", { op: "replace", path: "/tags", value: [] }, []],
      ["domains", { op: "replace", path: "/domains", value: [] }, []],
    ])("null clears %s with one operation and touches nothing else", async (field, op, cleared) => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, { id: service.id, i: { [field]: null } });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.r.changed).toBe(true);
      expect(answer.data.r.patch).toEqual([{ from: null, value: null, ...op }]);
      const after = answer.data.r.s;
      expect(after[field]).toEqual(cleared);
      for (const other of ["description", "displayName", "owners", "tags", "domains", "connection"]) {
        if (other !== field) expect(after[other]).toEqual(service[other]);
      }
      const sent = patchCalls();
      expect(sent).toHaveLength(1);
      expect(JSON.parse(sent[0].body)).toEqual([op]);
      const gets = stack.upstream("/api/v1/services/").filter((r) => r.method === "GET");
      const relation = ["owners", "tags", "domains"].includes(field) ? field : null;
      expect(new URLSearchParams(gets[0].query).get("fields")).toBe(relation);
    });

    test("null for connection is refused and nothing is sent", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, { id: service.id, i: { connection: null } });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.connection" });
      expect(writes()).toHaveLength(0);
    });

    test("lists are replaced whole, with one operation each and no index paths", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, {
        f: service.fullyQualifiedName,
        i: { owners: [BOB, DATA_ENG], tags: [{ tagFQN: "PII.Sensitive" }, { tagFQN: "Tier.Tier2", labelType: "Automated" }], domains: ["Marketing", "Sales"] },
      });
      expect(answer.errors).toBeUndefined();
      const sent = JSON.parse(patchCalls()[0].body);
      expect(sent).toEqual([
        { op: "replace", path: "/owners", value: [BOB, DATA_ENG] },
        {
          op: "replace",
          path: "/tags",
          value: [
            { tagFQN: "PII.Sensitive", source: "Classification", labelType: "Manual", state: "Confirmed" },
            { tagFQN: "Tier.Tier2", source: "Classification", labelType: "Automated", state: "Confirmed" },
          ],
        },
        {
          op: "replace",
          path: "/domains",
          value: [
            { id: "55555555-0000-4000-8000-000000000001", type: "domain" },
            { id: "55555555-0000-4000-8000-000000000002", type: "domain" },
          ],
        },
      ]);
      const after = answer.data.r.s;
      expect(after.owners.map((o: { name: string }) => o.name).sort()).toEqual(["bob", "data-eng"]);
      expect(after.tags).toEqual(
        expect.arrayContaining([
          { tagFQN: "PII.Sensitive", labelType: "Manual" },
          { tagFQN: "Tier.Tier2", labelType: "Automated" },
        ]),
      );
      expect(after.tags).toHaveLength(2);
      expect(after.domains.map((d: { name: string }) => d.name).sort()).toEqual(["Marketing", "Sales"]);
    });

    test("the same members in another order are no change", async () => {
      const service = await createFull(kind, { owners: [ALICE, BOB] });
      const answer = await stack.query(q.update, { id: service.id, i: { owners: [BOB, ALICE], tags: [{ tagFQN: "Tier.Tier1" }], domains: ["Sales"] } });
      expect(answer.data.r).toMatchObject({ changed: false, patch: [] });
      expect(writes()).toHaveLength(0);
    });

    test("an unknown domain is refused naming it, before anything is written", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, { id: service.id, i: { domains: ["Sales", "Nowhere"] } });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.domains[1]" });
      expect(writes()).toHaveLength(0);
    });

    test("connection: only the changed keys are sent, under /connection/config", async () => {
      const service = await createFull(kind);
      const [key, value] = kind.changedKey;
      const answer = await stack.query(q.update, { id: service.id, i: { connection: { ...service.connection, [key]: value } } });
      expect(answer.errors).toBeUndefined();
      expect(JSON.parse(patchCalls()[0].body)).toEqual([{ op: "replace", path: `/connection/config/${key}`, value }]);
      expect(answer.data.r.s.connection[key]).toBe(value);
    });

    test("connection: only the keys given are changed; the others are kept", async () => {
      const service = await createFull(kind);
      const [key, value] = kind.changedKey;
      const answer = await stack.query(q.update, { id: service.id, i: { connection: { [key]: value } } });
      expect(answer.errors).toBeUndefined();
      expect(JSON.parse(patchCalls()[0].body)).toEqual([{ op: "replace", path: `/connection/config/${key}`, value }]);
      expect(answer.data.r.s.connection).toEqual({ ...service.connection, [key]: value });
    });

    test("connection: a result the upstream refuses is BAD_USER_INPUT with its message, and the service is unchanged", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, { id: service.id, i: { connection: { ...service.connection, [kind.requiredKey]: null } } });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.connection", upstream: { status: 400 } });
      expect(JSON.parse(patchCalls()[0].body)).toEqual([{ op: "remove", path: `/connection/config/${kind.requiredKey}` }]);
      const unknown = await stack.query(q.update, { id: service.id, i: { connection: { ...service.connection, bogus: true } } });
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.connection" });
      expect(unknown.errors?.[0].message).toMatch(/bogus/);
      const read = await stack.query(q.read, { id: service.id });
      expect(read.data.r).toMatchObject({ version: service.version, connection: service.connection });
    });

    test("connection: the REST shape {config} is refused, saying connection is the config itself, and nothing is sent", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, { id: service.id, i: { connection: { config: service.connection } } });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.connection" });
      expect(answer.errors?.[0].message).toMatch(/connection is the config object itself/);
      expect(writes()).toHaveLength(0);
    });

    test("sent as JSON Patch with If-Match of the snapshot's version; a stale expectedVersion is CONFLICT and nothing is sent", async () => {
      const service = await createFull(kind);
      const stale = await stack.query(q.update, { id: service.id, i: { description: "x" }, v: 0.7 });
      expect(stale.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: service.version, expectedVersion: 0.7 });
      expect(writes()).toHaveLength(0);

      const answer = await stack.query(q.update, { id: service.id, i: { description: "new" }, v: service.version });
      expect(answer.errors).toBeUndefined();
      const [call] = patchCalls();
      expect(call.path).toBe(`/api/v1/services/${kind.collection}/${service.id}`);
      expect(call.headers["content-type"]).toBe("application/json-patch+json");
      expect(call.headers["if-match"]).toBe(`W/"${service.version.toFixed(1)}"`);
      expect(JSON.parse(call.body)).toEqual([{ op: "replace", path: "/description", value: "new" }]);
      expect(answer.data.r.s).toMatchObject({ description: "new", version: 0.2 });
    });

    test("dryRun answers the operations and sends nothing", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.update, { id: service.id, i: { description: "maybe", owners: [BOB] }, dry: true });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.r.changed).toBe(true);
      expect(answer.data.r.patch).toEqual([
        { op: "replace", path: "/description", from: null, value: "maybe" },
        { op: "replace", path: "/owners", from: null, value: [BOB] },
      ]);
      expect(answer.data.r.s.description).toBe("described");
      expect(writes()).toHaveLength(0);
    });

    test("the answer primes the request's loaders: a second update in the same operation reads nothing more", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(
        `mutation($id: ID) {
          a: update${kind.T}(id: $id, input: { description: "one" }) { s: ${lower(kind.T)} { version description } }
          b: update${kind.T}(id: $id, input: { displayName: "two" }) { s: ${lower(kind.T)} { version description displayName } }
        }`,
        { id: service.id },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data.b.s).toMatchObject({ description: "one", displayName: "two" });
      const calls = stack.upstream("/api/v1/services/");
      expect(calls.map((c) => c.method)).toEqual(["GET", "PATCH", "PATCH"]);
      expect(calls[2].headers["if-match"]).toBe(`W/"${answer.data.a.s.version.toFixed(1)}"`);
    });

    test("an absent or soft-deleted service is NOT_FOUND", async () => {
      const answer = await stack.query(q.update, { id: "00000000-0000-4000-8000-000000000000", i: { description: "x" } });
      expect(answer.errors?.[0].extensions?.code).toBe("NOT_FOUND");
      const service = await createFull(kind);
      await stack.query(q.delete, { id: service.id });
      stack.catalog.resetRequests();
      const deleted = await stack.query(q.update, { id: service.id, i: { description: "x" } });
      expect(deleted.errors?.[0].extensions?.code).toBe("NOT_FOUND");
      expect(writes()).toHaveLength(0);
    });
  });

  describe("patch…", () => {
    test("raw operations, test included, sent as they are with If-Match from expectedVersion", async () => {
      const service = await createFull(kind);
      const operations = [
        { op: "test", path: "/description", value: "described" },
        { op: "copy", from: "/description", path: "/displayName" },
        { op: "replace", path: "/description", value: "patched" },
      ];
      const answer = await stack.query(q.patch, { id: service.id, o: operations, v: service.version });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.r).toMatchObject({ changed: true, s: { description: "patched", displayName: "described" } });
      const [call] = patchCalls();
      expect(call.headers["content-type"]).toBe("application/json-patch+json");
      expect(call.headers["if-match"]).toBe(`W/"${service.version.toFixed(1)}"`);
      expect(JSON.parse(call.body)).toEqual(operations);
    });

    test("without expectedVersion no If-Match is sent", async () => {
      const service = await createFull(kind);
      await stack.query(q.patch, { f: service.fullyQualifiedName, o: [{ op: "add", path: "/description", value: "x" }] });
      expect(patchCalls()[0].headers["if-match"]).toBeUndefined();
      expect(patchCalls()[0].path).toBe(`/api/v1/services/${kind.collection}/name/${encodeURIComponent(service.fullyQualifiedName)}`);
    });

    test.each(["/id", "/name", "/fullyQualifiedName", "/version", "/updatedAt", "/updatedBy", "/href", "/owners/0/href", "/changeDescription", "/deleted"])(
      "an operation on %s is a BAD_USER_INPUT naming the path, and nothing is sent",
      async (path) => {
        const answer = await stack.query(q.patch, { id: "8c0b0f43-7c1a-4d1f-8f62-6a0a1f4c2b77", o: [{ op: "replace", path, value: "x" }] });
        expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "operations[0].path" });
        expect(answer.errors?.[0].message).toContain(path);
        expect(stack.upstream()).toHaveLength(0);
      },
    );

    test("a stale expectedVersion meets the upstream's 412 and is CONFLICT with the current version", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.patch, { id: service.id, o: [{ op: "add", path: "/description", value: "x" }], v: 0.9 });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: service.version, upstream: { status: 412 } });
      const after = await stack.query(q.read, { id: service.id });
      expect(after.data.r.description).toBe("described");
    });

    test("a failing test operation changes nothing", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(q.patch, {
        id: service.id,
        o: [
          { op: "test", path: "/description", value: "something else" },
          { op: "replace", path: "/description", value: "x" },
        ],
      });
      expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      const after = await stack.query(q.read, { id: service.id });
      expect(after.data.r).toMatchObject({ description: "described", version: service.version });
    });
  });

  describe("delete… and restore…", () => {
    test("soft delete, restore, and a restore of an active service is NOT_FOUND with no write", async () => {
      const service = await createFull(kind);
      const deleted = await stack.query(q.delete, { id: service.id });
      expect(deleted.errors).toBeUndefined();
      expect(deleted.data.r).toMatchObject({ id: service.id, deleted: true, version: 0.2 });
      const call = writes()[0];
      expect(call).toMatchObject({ method: "DELETE", path: `/api/v1/services/${kind.collection}/${service.id}` });
      expect(new URLSearchParams(call.query).get("hardDelete")).toBe("false");

      stack.catalog.resetRequests();
      const restored = await stack.query(q.restore, { id: service.id });
      expect(restored.errors).toBeUndefined();
      expect(restored.data.r).toMatchObject({ id: service.id, deleted: false, version: 0.3 });
      expect(writes().map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([["PUT", `/api/v1/services/${kind.collection}/restore`, { id: service.id }]]);

      stack.catalog.resetRequests();
      const again = await stack.query(q.restore, { id: service.id });
      expect(again.errors?.[0].extensions?.code).toBe("NOT_FOUND");
      expect(again.errors?.[0].message).toMatch(/soft-deleted/);
      expect(writes()).toHaveLength(0);
      const unknown = await stack.query(q.restore, { id: "00000000-0000-4000-8000-000000000000" });
      expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
      expect(writes()).toHaveLength(0);
    });

    test("hard delete by name removes the service and its history", async () => {
      const service = await createFull(kind);
      const answer = await stack.query(`mutation($f: String) { r: delete${kind.T}(fullyQualifiedName: $f, hardDelete: true) { id name } }`, { f: service.fullyQualifiedName });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.r).toEqual({ id: service.id, name: service.name });
      expect(new URLSearchParams(writes()[0].query).get("hardDelete")).toBe("true");
      const after = await stack.query(q.read, { id: service.id, inc: "ALL" });
      expect(after.data.r).toBeNull();
      const restore = await stack.query(q.restore, { id: service.id });
      expect(restore.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    });

    test("a soft-deleted service is found again by PUT, which restores it", async () => {
      const service = await createFull(kind);
      await stack.query(q.delete, { id: service.id });
      const put = await stack.query(q.put, { i: { name: service.name, serviceType: kind.serviceType, connection: kind.connection } });
      expect(put.data.r).toMatchObject({ created: false, s: { id: service.id, deleted: false } });
    });
  });
});

describe("secrets in an update's connection", () => {
  test.each([
    ["pipeline", "PipelineService", "fivetran", { type: "Fivetran", apiKey: "key-1", apiSecret: "the-fivetran-secret" }, "apiKey", "key-2", ["apiSecret"]],
    [
      "ML model",
      "MlModelService",
      "sagemaker",
      { type: "SageMaker", awsConfig: { awsAccessKeyId: "AKIA1", awsSecretAccessKey: "the-aws-secret", awsRegion: "us-east-1" } },
      "awsConfig",
      { awsAccessKeyId: "AKIA1", awsSecretAccessKey: MASK, awsRegion: "eu-west-1" },
      ["awsConfig", "awsSecretAccessKey"],
    ],
  ] as const)("%s: the masked secret sent back is never sent as a value, and the stored secret stays", async (_label, T, prefix, config, key, value, secretPath) => {
    const kind = KINDS.find((k) => k.T === T)!;
    const created = await stack.query(ops(kind).create, { i: { name: uniqueName(prefix), serviceType: config.type, connection: config } });
    expect(created.errors).toBeUndefined();
    const service = created.data.r;
    const masked = secretPath.reduce((node: any, k) => node[k], service.connection);
    expect(masked).toBe(MASK);
    stack.catalog.resetRequests();

    const answer = await stack.query(ops(kind).update, { id: service.id, i: { connection: { ...service.connection, [key]: value } } });
    expect(answer.errors).toBeUndefined();
    const body = patchCalls()[0].body;
    expect(body).not.toContain(MASK);
    expect(JSON.parse(body)).toHaveLength(1);

    const asBot = await rest.call("GET", `services/${kind.collection}/${service.id}`, undefined, { authorization: "Bearer ingestion-bot" });
    const stored = secretPath.reduce((node: any, k) => node[k], asBot.body.connection.config);
    const original = secretPath.reduce((node: any, k) => node[k], config as any);
    expect(stored).toBe(original);
  });
});

describe("deleting a service that still has children", () => {
  test("without recursive it is a clear BAD_USER_INPUT naming recursive; with it the service goes", async () => {
    const answer = await stack.query(`mutation { deletePipelineService(fullyQualifiedName: "sample_airflow") { id } }`);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "recursive", upstream: { status: 400 } });
    expect(answer.errors?.[0].message).toMatch(/recursive: true/);
    const recursive = await stack.query(`mutation { deletePipelineService(fullyQualifiedName: "sample_airflow", recursive: true) { name deleted } }`);
    expect(recursive.errors).toBeUndefined();
    expect(recursive.data.deletePipelineService).toEqual({ name: "sample_airflow", deleted: true });
    expect(new URLSearchParams(writes()[1].query).get("recursive")).toBe("true");
  });
});

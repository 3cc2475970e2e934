import fc from "fast-check";
import jsonpatch from "fast-json-patch";
import { ML_MODEL_SERVICE } from "../../../src/openmetadata/kinds.js";
import { relationsFor as relationsOf, toEntityPatch, UnclearableFieldError, type EntityChanges as ServiceChanges } from "../../../src/openmetadata/entity/patch.js";
import type { EntityResource as ServiceResource } from "../../../src/openmetadata/entity/resource.js";
import { FUZZ_SEED } from "../../helpers/fuzz-seed.js";

/** A service kind's patch table, as every service kind has it. */
const toServicePatch = (snapshot: ServiceResource, changes: ServiceChanges) => toEntityPatch(ML_MODEL_SERVICE.patchFields, snapshot, changes);
const relationsFor = (changes: ServiceChanges) => relationsOf(ML_MODEL_SERVICE.patchFields, changes);

const { applyPatch, deepClone } = jsonpatch;

const MASK = "*********";
const alice = { id: "11111111-1111-4111-8111-111111111111", type: "user" };
const dataEng = { id: "22222222-2222-4222-8222-222222222222", type: "team" };
const tier1 = { tagFQN: "Tier.Tier1", source: "Classification", labelType: "Manual", state: "Confirmed" };
const pii = { tagFQN: "PII.Sensitive", source: "Classification", labelType: "Manual", state: "Confirmed" };

function service(extra: Partial<ServiceResource> = {}): ServiceResource {
  return {
    id: "8c0b0f43-7c1a-4d1f-8f62-6a0a1f4c2b77",
    name: "mlflow_prod",
    fullyQualifiedName: "mlflow_prod",
    serviceType: "Mlflow",
    version: 0.2,
    description: "Prod registry",
    connection: { config: { type: "Mlflow", trackingUri: "http://mlflow:5000", registryUri: "mysql://db/mlflow", supportsMetadataExtraction: true } },
    owners: [{ ...alice, name: "alice", fullyQualifiedName: "alice", deleted: false }],
    tags: [{ ...tier1, name: "Tier1" }],
    domains: [],
    ...extra,
  };
}

describe("toServicePatch: omitted, null, values", () => {
  test("an empty input gives no operation", () => {
    expect(toServicePatch(service(), {})).toEqual([]);
  });

  test("description and displayName: a value is add or replace, null is remove, the same value is nothing", () => {
    const base = service({ displayName: undefined });
    expect(toServicePatch(base, { description: "EU" })).toEqual([{ op: "replace", path: "/description", value: "EU" }]);
    expect(toServicePatch(base, { displayName: "Prod" })).toEqual([{ op: "add", path: "/displayName", value: "Prod" }]);
    expect(toServicePatch(base, { description: null })).toEqual([{ op: "remove", path: "/description" }]);
    expect(toServicePatch(base, { displayName: null })).toEqual([]);
    expect(toServicePatch(base, { description: "Prod registry" })).toEqual([]);
    expect(toServicePatch(base, { description: "" })).toEqual([{ op: "replace", path: "/description", value: "" }]);
  });

  test("lists are one whole-array operation, never index paths; null empties the list", () => {
    expect(toServicePatch(service(), { owners: [alice, dataEng] })).toEqual([{ op: "replace", path: "/owners", value: [alice, dataEng] }]);
    expect(toServicePatch(service(), { tags: [pii] })).toEqual([{ op: "replace", path: "/tags", value: [pii] }]);
    expect(toServicePatch(service(), { owners: null })).toEqual([{ op: "replace", path: "/owners", value: [] }]);
    expect(toServicePatch(service({ owners: undefined }), { owners: [alice] })).toEqual([{ op: "add", path: "/owners", value: [alice] }]);
    const domain = { id: "33333333-3333-4333-8333-333333333333", type: "domain" };
    expect(toServicePatch(service(), { domains: [domain] })).toEqual([{ op: "replace", path: "/domains", value: [domain] }]);
  });

  test("a list with the same members, in any order, is no change; duplicates collapse", () => {
    const base = service({ owners: [dataEng, alice] });
    expect(toServicePatch(base, { owners: [alice, dataEng] })).toEqual([]);
    expect(toServicePatch(base, { owners: [alice, dataEng, alice] })).toEqual([]);
    expect(toServicePatch(service({ owners: [] }), { owners: null })).toEqual([]);
    expect(toServicePatch(service({ owners: undefined }), { owners: [] })).toEqual([]);
  });

  test("a tag whose label type or state changes is a change", () => {
    expect(toServicePatch(service(), { tags: [{ ...tier1, state: "Suggested" }] })).toEqual([
      { op: "replace", path: "/tags", value: [{ ...tier1, state: "Suggested" }] },
    ]);
  });

  test("connection: only the keys that differ, below /connection/config", () => {
    const config = { type: "Mlflow", trackingUri: "http://mlflow:6000", registryUri: "mysql://db/mlflow", supportsMetadataExtraction: true };
    expect(toServicePatch(service(), { connection: config })).toEqual([{ op: "replace", path: "/connection/config/trackingUri", value: "http://mlflow:6000" }]);
  });

  test("connection: a key left out is kept, a null member is removed, a new key is added; keys are escaped", () => {
    const base = service({ connection: { config: { type: "CustomPipeline", "a/b": 1, "c~d": { x: 1, y: 2 }, keep: true } } });
    const patch = toServicePatch(base, { connection: { type: "CustomPipeline", "c~d": { x: 1, y: null, z: [1, 2] }, keep: true, added: "v" } });
    expect(patch).toEqual([
      { op: "remove", path: "/connection/config/c~0d/y" },
      { op: "add", path: "/connection/config/c~0d/z", value: [1, 2] },
      { op: "add", path: "/connection/config/added", value: "v" },
    ]);
  });

  test("connection: arrays inside are replaced whole", () => {
    const base = service({ connection: { config: { type: "Airflow", hostPort: "h", filter: { includes: ["a", "b"] } } } });
    expect(toServicePatch(base, { connection: { type: "Airflow", hostPort: "h", filter: { includes: ["b"] } } })).toEqual([
      { op: "replace", path: "/connection/config/filter/includes", value: ["b"] },
    ]);
  });

  test("connection: a masked secret from the client keeps the stored one and is never sent as a value", () => {
    const stored = { type: "Fivetran", apiKey: "k", apiSecret: MASK, nested: { password: MASK } };
    const base = service({ serviceType: "Fivetran", connection: { config: stored } });
    expect(toServicePatch(base, { connection: { ...stored } })).toEqual([]);
    expect(toServicePatch(base, { connection: { ...stored, apiKey: "k2" } })).toEqual([{ op: "replace", path: "/connection/config/apiKey", value: "k2" }]);
    expect(toServicePatch(base, { connection: { ...stored, apiSecret: "new-secret" } })).toEqual([
      { op: "replace", path: "/connection/config/apiSecret", value: "new-secret" },
    ]);
    const noSecret = service({ connection: { config: { type: "Fivetran", apiKey: "k" } } });
    expect(toServicePatch(noSecret, { connection: { type: "Fivetran", apiKey: "k", apiSecret: MASK, extra: { token: MASK, a: 1 } } })).toEqual([
      { op: "add", path: "/connection/config/extra", value: { a: 1 } },
    ]);
    const none = service({ connection: undefined });
    expect(toServicePatch(none, { connection: { type: "Fivetran", apiKey: "k", apiSecret: MASK } })).toEqual([
      { op: "add", path: "/connection", value: { config: { type: "Fivetran", apiKey: "k" } } },
    ]);
    for (const op of toServicePatch(noSecret, { connection: { type: "Fivetran", apiKey: MASK, apiSecret: MASK, x: { y: MASK } } })) {
      expect(JSON.stringify(op)).not.toContain(MASK);
    }
  });

  test("connection: null cannot be cleared", () => {
    expect(() => toServicePatch(service(), { connection: null })).toThrow(UnclearableFieldError);
  });

  test("the snapshot is read with exactly the relations the input touches", () => {
    expect(relationsFor({ description: "x" })).toEqual([]);
    expect(relationsFor({ owners: null, domains: [] })).toEqual(["owners", "domains"]);
    expect(relationsFor({ tags: [], connection: {} })).toEqual(["tags"]);
  });
});

// --- property: for random pairs of service documents, the patch applied to the first gives the second ---

const BASE = { id: "8c0b0f43-7c1a-4d1f-8f62-6a0a1f4c2b77", name: "svc", fullyQualifiedName: "svc", serviceType: "CustomMlModel", version: 0.3 };
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const key = fc.string({ minLength: 1, maxLength: 5 }).filter((k) => !FORBIDDEN_KEYS.has(k));
const scalar = fc.oneof(fc.string({ maxLength: 6 }).filter((s) => s !== MASK), fc.integer(), fc.boolean());
const { config: configValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, fc.array(scalar, { maxLength: 3 }), tie("config")),
  config: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
}));
const userIds = ["a", "b", "c", "d"].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`);
const reference = (type: fc.Arbitrary<string>) => fc.record({ id: fc.constantFrom(...userIds), type });
const tag = fc.record({
  tagFQN: fc.constantFrom("Tier.Tier1", "Tier.Tier2", "PII.Sensitive"),
  source: fc.constantFrom("Classification", "Glossary"),
  labelType: fc.constantFrom("Manual", "Automated"),
  state: fc.constantFrom("Suggested", "Confirmed"),
});
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const document = fc.record({
  description: maybe(fc.string({ maxLength: 8 })),
  displayName: maybe(fc.string({ maxLength: 8 })),
  owners: maybe(fc.array(reference(fc.constantFrom("user", "team")), { maxLength: 3 })),
  tags: maybe(fc.array(tag, { maxLength: 3 })),
  domains: maybe(fc.array(reference(fc.constant("domain")), { maxLength: 2 })),
  connection: configValue.map((config) => ({ config: config as Record<string, unknown> })),
});

/** Everything the second document asks for: present values, and null for what it lacks. */
function changesFrom(source: Record<string, any>, target: Record<string, any>): ServiceChanges {
  return {
    description: target.description ?? null,
    displayName: target.displayName ?? null,
    owners: target.owners ?? null,
    tags: target.tags ?? null,
    domains: target.domains ?? null,
    connection: mergeInput(source.connection.config, target.connection.config),
  };
}

/** The connection input that turns `from` into `to` under merge rules: `to`, plus null for what it drops. */
function mergeInput(from: Record<string, any>, to: Record<string, any>): Record<string, any> {
  const input: Record<string, any> = {};
  for (const key of Object.keys(from)) if (!(key in to)) input[key] = null;
  for (const [key, value] of Object.entries(to)) {
    const old = from[key];
    const objects = [old, value].every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    input[key] = objects ? mergeInput(old, value) : value;
  }
  return input;
}

/** Upstream semantics: list order and duplicates are not a change, an absent list is an empty one. */
function normalized(doc: Record<string, any>) {
  const ids = (list: any[] | undefined, identity: (item: any) => string) => [...new Set((list ?? []).map(identity))].sort();
  const { owners, tags, domains, description, displayName, ...rest } = doc;
  return {
    ...rest,
    ...(description === undefined ? {} : { description }),
    ...(displayName === undefined ? {} : { displayName }),
    owners: ids(owners, (r) => `${r.type}:${r.id}`),
    tags: ids(tags, (t) => [t.tagFQN, t.source, t.labelType, t.state].join("|")),
    domains: ids(domains, (r) => `${r.type}:${r.id}`),
  };
}

function strip(doc: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined));
}

test("property: for random pairs of service documents, the generated patch applied to the first gives the second", () => {
  fc.assert(
    fc.property(document, document, (first, second) => {
      const from = strip({ ...BASE, ...first }) as ServiceResource;
      const to = strip({ ...BASE, ...second });
      const patch = toServicePatch(deepClone(from), changesFrom(from, to));
      for (const op of patch) expect(op.path).not.toMatch(/^\/(owners|tags|domains)\/./);
      const result = applyPatch(deepClone(from), patch, true, false).newDocument;
      expect(normalized(result)).toEqual(normalized(to));
      expect(toServicePatch(result, changesFrom(result, to))).toEqual([]);
    }),
    { numRuns: 500, seed: FUZZ_SEED },
  );
});

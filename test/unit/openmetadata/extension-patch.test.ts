import { ML_MODEL, PIPELINE } from "../../../src/openmetadata/kinds.js";
import { relationsFor, toEntityPatch, type EntityChanges } from "../../../src/openmetadata/entity/patch.js";
import type { EntityResource } from "../../../src/openmetadata/entity/resource.js";

/** `extension` (custom properties) as a data asset's update merges it: key by key, each key whole. */
const toPatch = (snapshot: EntityResource, changes: EntityChanges) => toEntityPatch(ML_MODEL.patchFields, snapshot, changes);

function model(extension?: Record<string, unknown>): EntityResource {
  return {
    id: "8c0b0f43-7c1a-4d1f-8f62-6a0a1f4c2b77",
    name: "churn",
    fullyQualifiedName: "mlflow_prod.churn",
    version: 0.3,
    algorithm: "regression",
    ...(extension === undefined ? {} : { extension }),
  };
}

test("the snapshot is read with the extension relation when extension is touched", () => {
  expect(relationsFor(ML_MODEL.patchFields, { extension: { a: 1 } })).toEqual(["extension"]);
  expect(relationsFor(PIPELINE.patchFields, { extension: { a: 1 } })).toEqual(["extension"]);
});

test("a key added is one add below /extension; the keys left out are kept", () => {
  expect(toPatch(model({ team: "risk", tier: 2 }), { extension: { owner: "alice" } })).toEqual([{ op: "add", path: "/extension/owner", value: "alice" }]);
});

test("a key set to null is removed; a null key the entity lacks sends nothing", () => {
  expect(toPatch(model({ team: "risk", tier: 2 }), { extension: { tier: null, missing: null } })).toEqual([{ op: "remove", path: "/extension/tier" }]);
});

test("a key given with its stored value sends nothing; a changed one is replaced", () => {
  expect(toPatch(model({ team: "risk", tags: ["a", "b"], ref: { id: "1", type: "user" } }), { extension: { team: "risk", tags: ["a", "b"], ref: { id: "1", type: "user" } } })).toEqual([]);
  expect(toPatch(model({ team: "risk", tier: 2 }), { extension: { team: "risk", tier: 3 } })).toEqual([{ op: "replace", path: "/extension/tier", value: 3 }]);
});

test("an object or list property is one whole value: replaced, never merged member by member", () => {
  const stored = model({ ref: { id: "1", type: "user", name: "alice" }, list: [1, 2] });
  expect(toPatch(stored, { extension: { ref: { id: "2", type: "user" }, list: [1] } })).toEqual([
    { op: "replace", path: "/extension/ref", value: { id: "2", type: "user" } },
    { op: "replace", path: "/extension/list", value: [1] },
  ]);
});

test("the mask is a value like any other in custom properties", () => {
  expect(toPatch(model({ code: "x" }), { extension: { code: "*********" } })).toEqual([{ op: "replace", path: "/extension/code", value: "*********" }]);
});

test("an entity without extension gets the whole object added, its null keys left out", () => {
  expect(toPatch(model(), { extension: { team: "risk", gone: null } })).toEqual([{ op: "add", path: "/extension", value: { team: "risk" } }]);
  expect(toPatch(model(), { extension: { gone: null } })).toEqual([]);
  expect(toPatch(model(), { extension: {} })).toEqual([]);
});

test("keys with ~ and / are escaped per RFC 6901", () => {
  expect(toPatch(model({ "a/b": 1, "c~d": 2 }), { extension: { "a/b": 3, "c~d": null, "~/": "new" } })).toEqual([
    { op: "replace", path: "/extension/a~1b", value: 3 },
    { op: "remove", path: "/extension/c~0d" },
    { op: "add", path: "/extension/~0~1", value: "new" },
  ]);
});

test("null removes the whole extension, and sends nothing when there is none", () => {
  expect(toPatch(model({ team: "risk" }), { extension: null })).toEqual([{ op: "remove", path: "/extension" }]);
  expect(toPatch(model(), { extension: null })).toEqual([]);
});

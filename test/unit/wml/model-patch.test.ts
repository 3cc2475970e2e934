import { toModelPatch } from "../../../src/wml/model/patch.js";
import type { ModelResource } from "../../../src/wml/model/resource.js";

const model = (entity: Partial<ModelResource["entity"]> = {}, metadata: Partial<ModelResource["metadata"]> = {}): ModelResource => ({
  metadata: { id: "m1", name: "Ridge", description: "d", tags: ["x"], ...metadata },
  entity: { type: "scikit-learn_1.3", software_spec: { id: "sw-23", name: "runtime-23.1-py3.10" }, ...entity },
});

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
};

test("every patchable path (§5.5) with its allowed ops", () => {
  expect(
    toModelPatch(model({}, { description: undefined }), {
      name: "Ridge 2",
      description: "new",
      tags: ["y"],
      custom: { a: 1 },
      softwareSpec: { name: "runtime-24.1-py3.11" },
      modelVersion: { number: "1.0.0", tag: null },
    }),
  ).toEqual([
    { op: "replace", path: "/name", value: "Ridge 2" },
    { op: "add", path: "/description", value: "new" },
    { op: "replace", path: "/tags", value: ["y"] },
    { op: "add", path: "/custom", value: { a: 1 } },
    { op: "replace", path: "/software_spec", value: { name: "runtime-24.1-py3.11" } },
    { op: "add", path: "/model_version", value: { number: "1.0.0" } },
  ]);
});

test("null removes description, tags and custom; unchanged values and omitted fields send nothing", () => {
  expect(toModelPatch(model({ custom: { a: 1 } }), { description: null, tags: null, custom: null })).toEqual([
    { op: "remove", path: "/description" },
    { op: "remove", path: "/tags" },
    { op: "remove", path: "/custom" },
  ]);
  expect(toModelPatch(model(), { name: "Ridge", softwareSpec: { id: "sw-23" } })).toEqual([]);
  expect(toModelPatch(model(), { softwareSpec: { name: "runtime-23.1-py3.10" } })).toEqual([]);
  expect(toModelPatch(model(), {})).toEqual([]);
});

test.each([
  ["name", { name: null }],
  ["softwareSpec", { softwareSpec: null }],
  ["softwareSpec", { softwareSpec: { id: "a", name: "b" } }],
  ["softwareSpec", { softwareSpec: {} }],
  ["modelVersion", { modelVersion: null }],
  ["modelVersion", { modelVersion: {} }],
  ["tags", { tags: [""] }],
])("%s is refused for %j", (field, input) => {
  expect(fieldOf(() => toModelPatch(model(), input))).toBe(field);
});

import type { DeploymentResource } from "../../../src/wml/deployment/resource.js";
import { toAssetChange, toAssetPatch, toDeploymentPatch } from "../../../src/wml/deployment/patch.js";

function deployment(entity: Partial<DeploymentResource["entity"]> = {}, metadata: Partial<DeploymentResource["metadata"]> = {}): DeploymentResource {
  return {
    metadata: { id: "d1", name: "Diabetes", description: "old", tags: ["a"], owner: "IBMid-1", ...metadata },
    entity: { custom: {}, hardware_spec: { id: "hw-s", name: "S", num_nodes: 1 }, online: {}, status: { state: "ready" }, ...entity },
  };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code?: string }).code, field: (error as { extensions?: { field?: string } }).extensions?.field, message: (error as Error).message };
  }
  return undefined;
};

describe("toDeploymentPatch", () => {
  test("an omitted field is untouched; an empty input is no PATCH at all", () => {
    expect(toDeploymentPatch(deployment(), {})).toEqual({ steps: [], patch: [] });
    expect(toDeploymentPatch(deployment(), { name: undefined })).toEqual({ steps: [], patch: [] });
  });

  test("set fields are replace when present and add when absent; values equal to the current ones send nothing", () => {
    const { steps } = toDeploymentPatch(deployment({}, { description: undefined, tags: undefined }), { name: "Diabetes", description: "new", tags: ["b"], custom: { k: 1 } });
    expect(steps).toEqual([
      {
        kind: "metadata",
        ops: [
          { op: "add", path: "/description", value: "new" },
          { op: "add", path: "/tags", value: ["b"] },
          { op: "add", path: "/custom", value: { k: 1 } },
        ],
      },
    ]);
    const replace = toDeploymentPatch(deployment({ custom: { k: 0 } }), { description: "new", tags: ["b"], custom: { k: 1 } }).patch.map((o) => o.op);
    expect(replace).toEqual(["replace", "replace", "replace"]);
  });

  test("null removes description, tags and custom, and only when set", () => {
    expect(toDeploymentPatch(deployment({ custom: { k: 1 } }), { description: null, tags: null, custom: null }).patch).toEqual([
      { op: "remove", path: "/description" },
      { op: "remove", path: "/tags" },
      { op: "remove", path: "/custom" },
    ]);
    expect(toDeploymentPatch(deployment({}, { description: undefined }), { description: null, custom: null }).patch).toEqual([]);
  });

  test.each([
    ["name", { name: null }],
    ["owner", { owner: null }],
    ["servingName", { servingName: null }],
    ["hardwareSpec", { hardwareSpec: null }],
    ["name", { name: "  " }],
    ["tags", { tags: ["ok", ""] }],
    ["custom", { custom: [1, 2] }],
    ["servingName", { servingName: "Upper" }],
    ["servingName", { servingName: "a".repeat(37) }],
    ["hardwareSpec.numNodes", { hardwareSpec: { numNodes: 0 } }],
    ["hardwareSpec", { hardwareSpec: { name: "M" } }],
    ["hardwareSpec", { hardwareSpec: {} }],
  ])("%s: refused with BAD_USER_INPUT (%j)", (field, input) => {
    expect(codeOf(() => toDeploymentPatch(deployment(), input))).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  test("the serving name: add when no parameters exist, replace keeping the other parameters otherwise, own step after metadata", () => {
    expect(toDeploymentPatch(deployment(), { servingName: "abc_1", description: "x" }).steps).toEqual([
      { kind: "metadata", ops: [{ op: "replace", path: "/description", value: "x" }] },
      { kind: "servingName", ops: [{ op: "add", path: "/online/parameters", value: { serving_name: "abc_1" } }] },
    ]);
    const named = deployment({ online: { parameters: { serving_name: "old", other: 1 } } });
    expect(toDeploymentPatch(named, { servingName: "new_1" }).patch).toEqual([{ op: "replace", path: "/online/parameters", value: { serving_name: "new_1", other: 1 } }]);
    expect(toDeploymentPatch(named, { servingName: "old" }).patch).toEqual([]);
    expect(codeOf(() => toDeploymentPatch(deployment({ online: undefined, batch: {} }), { servingName: "x" }))).toMatchObject({ field: "servingName" });
  });

  test("the owner travels in its own last step; with a serving name change it is refused", () => {
    expect(toDeploymentPatch(deployment(), { owner: "IBMid-2", tags: ["z"] }).steps.map((s) => s.kind)).toEqual(["metadata", "owner"]);
    expect(codeOf(() => toDeploymentPatch(deployment(), { owner: "IBMid-2", servingName: "n" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "owner" });
    expect(toDeploymentPatch(deployment({ online: { parameters: { serving_name: "n" } } }), { owner: "IBMid-2", servingName: "n" }).steps.map((s) => s.kind)).toEqual(["owner"]);
  });

  test("hardware: online deployments scale with the current spec named; batch deployments change the spec but do not scale", () => {
    expect(toDeploymentPatch(deployment(), { hardwareSpec: { numNodes: 3 } }).patch).toEqual([{ op: "replace", path: "/hardware_spec", value: { name: "S", num_nodes: 3 } }]);
    expect(toDeploymentPatch(deployment(), { hardwareSpec: { numNodes: 1 } }).patch).toEqual([]);
    expect(toDeploymentPatch(deployment(), { hardwareSpec: { name: "S", numNodes: 2 } }).patch).toEqual([{ op: "replace", path: "/hardware_spec", value: { name: "S", num_nodes: 2 } }]);
    const batch = deployment({ online: undefined, batch: {}, hardware_spec: { id: "hw-s", name: "S" } });
    expect(toDeploymentPatch(batch, { hardwareSpec: { name: "M" } }).patch).toEqual([{ op: "replace", path: "/hardware_spec", value: { name: "M" } }]);
    expect(codeOf(() => toDeploymentPatch(batch, { hardwareSpec: { numNodes: 2 } }))).toMatchObject({ field: "hardwareSpec.numNodes" });
  });

  test("only add, remove and replace are ever produced", () => {
    const { patch } = toDeploymentPatch(deployment({ custom: { a: 1 } }), { name: "n", description: null, tags: ["t"], custom: { b: 2 }, hardwareSpec: { numNodes: 2 }, servingName: "s" });
    expect(new Set(patch.map((o) => o.op))).toEqual(new Set(["replace", "remove", "add"]));
  });
});

describe("asset changes", () => {
  test("the asset alone is exactly one replace /asset with {id, rev}", () => {
    expect(toAssetChange({ asset: { id: "0b0c0d0e-0000-4000-8000-000000000001", rev: "3" } })).toEqual([{ op: "replace", path: "/asset", value: { id: "0b0c0d0e-0000-4000-8000-000000000001", rev: "3" } }]);
    expect(toAssetPatch({ id: "0b0c0d0e-0000-4000-8000-000000000001" })).toEqual([{ op: "replace", path: "/asset", value: { id: "0b0c0d0e-0000-4000-8000-000000000001" } }]);
    expect(toDeploymentPatch(deployment(), { asset: { id: "0b0c0d0e-0000-4000-8000-000000000001", rev: null } })).toEqual({ steps: [{ kind: "asset", ops: [{ op: "replace", path: "/asset", value: { id: "0b0c0d0e-0000-4000-8000-000000000001" } }] }], patch: [{ op: "replace", path: "/asset", value: { id: "0b0c0d0e-0000-4000-8000-000000000001" } }] });
    expect(toAssetChange({ name: "x" })).toBeUndefined();
  });

  test("an asset with anything else is refused, naming the other fields; a null asset too; rev must be a number from 1", () => {
    const mixed = codeOf(() => toAssetChange({ asset: { id: "0b0c0d0e-0000-4000-8000-000000000001" }, description: null, owner: "x" }));
    expect(mixed).toMatchObject({ code: "BAD_USER_INPUT", field: "asset" });
    expect(mixed?.message).toContain("description, owner");
    expect(codeOf(() => toAssetChange({ asset: null }))).toMatchObject({ field: "asset" });
    for (const rev of ["v2", "0", "01", ""]) expect(codeOf(() => toAssetPatch({ id: "0b0c0d0e-0000-4000-8000-000000000001", rev }))).toMatchObject({ field: "asset.rev" });
    expect(toAssetPatch({ id: "0b0c0d0e-0000-4000-8000-000000000001", rev: "10" })).toEqual([{ op: "replace", path: "/asset", value: { id: "0b0c0d0e-0000-4000-8000-000000000001", rev: "10" } }]);
    expect(codeOf(() => toAssetPatch({ id: "" }))).toMatchObject({ field: "asset.id" });
    expect(codeOf(() => toAssetPatch({ id: ".." }))).toMatchObject({ field: "asset.id" });
  });
});

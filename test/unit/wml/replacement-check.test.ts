import { checkReplacement, frameworkOf } from "../../../src/wml/deployment/replacement-check.js";
import type { DeploymentResource } from "../../../src/wml/deployment/resource.js";
import type { ModelResource } from "../../../src/wml/model/resource.js";

const schema = (fields: Array<[string, string]>) => ({ input: [{ id: "in", type: "struct", fields: fields.map(([name, type]) => ({ name, type })) }] });
const model = (id: string, entity: ModelResource["entity"], rev?: string): ModelResource => ({ metadata: { id, ...(rev && { rev }) }, entity });
const online = (asset?: { id: string; rev?: string }, extra: Partial<DeploymentResource["entity"]> = {}): DeploymentResource => ({
  metadata: { id: "d1" },
  entity: { ...(asset && { asset }), online: {}, deployed_asset_type: "model", ...extra },
});
const sklearn = { type: "scikit-learn_1.3", software_spec: { id: "s1", name: "runtime-23.1-py3.10" }, schemas: schema([["a", "double"], ["b", "integer"]]) };

test("frameworkOf cuts the version only", () => {
  expect(frameworkOf("scikit-learn_1.3")).toBe("scikit-learn");
  expect(frameworkOf("tensorflow_2.12")).toBe("tensorflow");
  expect(frameworkOf("wml-hybrid_0.1")).toBe("wml-hybrid");
  expect(frameworkOf("spss-modeler")).toBe("spss-modeler");
  expect(frameworkOf(undefined)).toBeUndefined();
});

test("same framework, spec and fields in another order: no problem", () => {
  const candidate = model("m2", { ...sklearn, type: "scikit-learn_1.1", schemas: schema([["b", "integer"], ["a", "double"]]) });
  expect(checkReplacement(online({ id: "m1", rev: "1" }), model("m1", sklearn, "1"), candidate, { id: "m2" })).toEqual([]);
});

test("a field of another type is a schema mismatch; a missing schema on either side is reported as missing", () => {
  const retyped = model("m2", { ...sklearn, schemas: schema([["a", "string"], ["b", "integer"]]) });
  expect(checkReplacement(online({ id: "m1" }), model("m1", sklearn), retyped, { id: "m2" }).map((p) => p.code)).toEqual(["INPUT_SCHEMA_MISMATCH"]);
  const bare = model("m2", { ...sklearn, schemas: { input: [] } });
  const problems = checkReplacement(online({ id: "m1" }), model("m1", { ...sklearn, schemas: undefined }), bare, { id: "m2" });
  expect(problems).toEqual([{ code: "INPUT_SCHEMA_MISSING", message: expect.stringMatching(/deployed model .* and the candidate .* have no input schema/) }]);
});

test("R Shiny apps and deployments without an asset are not replaceable", () => {
  const candidate = model("m2", sklearn);
  expect(checkReplacement(online({ id: "m1" }, { online: undefined, r_shiny: {}, deployed_asset_type: "r_shiny" }), null, candidate, { id: "m2" }).map((p) => p.code)).toEqual(["NOT_REPLACEABLE"]);
  expect(checkReplacement(online(undefined), null, candidate, { id: "m2" }).map((p) => p.code)).toEqual(["NOT_REPLACEABLE"]);
});

test("a missing candidate is ASSET_NOT_FOUND and nothing else is compared", () => {
  expect(checkReplacement(online({ id: "m1" }), model("m1", sklearn), null, { id: "m2", rev: "3" })).toEqual([{ code: "ASSET_NOT_FOUND", message: "model 'm2' revision 3 is not in the deployment's space" }]);
});

test("software specifications compare by id when both have one, else by name", () => {
  const byName = model("m2", { ...sklearn, software_spec: { name: "runtime-23.1-py3.10" } });
  expect(checkReplacement(online({ id: "m1" }), model("m1", sklearn), byName, { id: "m2" })).toEqual([]);
  const other = model("m2", { ...sklearn, software_spec: { id: "s2", name: "runtime-24.1-py3.11" } });
  expect(checkReplacement(online({ id: "m1" }), model("m1", sklearn), other, { id: "m2" }).map((p) => p.code)).toEqual(["SOFTWARE_SPEC_MISMATCH"]);
});

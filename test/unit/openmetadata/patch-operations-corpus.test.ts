import { GatewayError } from "../../../src/errors.js";
import { checkPatchOperations, type PatchOperationInput } from "../../../src/openmetadata/entity/validate.js";
import { loadJsonPatchCorpus } from "../../helpers/json-patch-corpus.js";

/**
 * The gateway's own checks of raw operations (patch…) against the RFC 6902 corpus: they must never
 * refuse a valid patch, except writes to the whole document, which a service PATCH refuses by design.
 * (The corpus through the local catalog's PATCH lives in test/local-catalog/openmetadata/.)
 */
const valid = loadJsonPatchCorpus<PatchOperationInput>().filter(
  (c) => !c.disabled && c.error === undefined && c.patch.length > 0 && c.patch.every((op) => op.path !== "" && op.op !== "_get"),
);

test("the corpus has valid cases to check", () => {
  expect(valid.length).toBeGreaterThan(50);
});

test.each(valid.map((c, i) => [i, c.comment ?? JSON.stringify(c.patch).slice(0, 60), c] as const))("valid case %i (%s) passes the gateway's checks unchanged", (_i, _label, c) => {
  const checked = checkPatchOperations(c.patch);
  expect(checked).toEqual(
    c.patch.map((op) => {
      const { op: name, path, from, value } = op as PatchOperationInput & Record<string, unknown>;
      if (name === "move" || name === "copy") return { op: name, path, from };
      if (name === "remove") return { op: name, path };
      return { op: name, path, value };
    }),
  );
});

test("whole-document writes are refused by design", () => {
  expect(() => checkPatchOperations([{ op: "replace", path: "", value: {} }])).toThrow(GatewayError);
});

import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { CatalogError } from "../../../src/local-catalog/openmetadata/errors.js";
import { applyJsonPatch } from "../../../src/local-catalog/openmetadata/json-patch.js";
import { loadJsonPatchCorpus } from "../../helpers/json-patch-corpus.js";
import { PIPE, startTestCatalog, type TestCatalog } from "./helpers.js";

const corpus = loadJsonPatchCorpus();

describe("RFC 6902 corpus through the PATCH handler's patch function (json-patch.ts)", () => {
  test("the corpus is present and has disabled, error and success cases", () => {
    expect(corpus.filter((c) => c.disabled).length).toBeGreaterThan(0);
    expect(corpus.filter((c) => c.error).length).toBeGreaterThan(0);
  });

  for (const c of corpus) {
    const name = `${c.label}: ${c.comment ?? c.error ?? "case"}`;
    if (c.disabled) {
      test.skip(name, () => undefined);
    } else if (c.error !== undefined) {
      test(`${name} is rejected with a 400`, () => {
        let thrown: unknown;
        try {
          applyJsonPatch(c.doc, c.patch);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(CatalogError);
        expect((thrown as CatalogError).status).toBe(400);
      });
    } else {
      test(`${name} produces the expected document`, () => {
        const result = applyJsonPatch(c.doc, c.patch);
        if (c.expected !== undefined) expect(result).toEqual(c.expected);
      });
    }
  }

  test("the input document is never mutated", () => {
    const doc = { a: [1, 2] };
    applyJsonPatch(doc, [{ op: "add", path: "/a/-", value: 3 }]);
    expect(doc).toEqual({ a: [1, 2] });
  });
});

describe("RFC 6902 corpus through HTTP PATCH on a free-form connection field", () => {
  let t: TestCatalog;
  let id: string;
  beforeAll(async () => {
    t = await startTestCatalog({}, false);
    const created = await t.call("POST", PIPE, { body: { name: "corpus", serviceType: "CustomPipeline", connection: { config: { connectionOptions: {} } } } });
    id = created.json.id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Cases whose document is an object of string values fit `connectionOptions` (a string map). */
  const fitting = corpus.filter(
    (c) =>
      !c.disabled &&
      typeof c.doc === "object" &&
      c.doc !== null &&
      !Array.isArray(c.doc) &&
      Object.values(c.doc).every((v) => typeof v === "string") &&
      (c.expected === undefined ||
        (typeof c.expected === "object" && c.expected !== null && !Array.isArray(c.expected) && Object.values(c.expected).every((v) => typeof v === "string"))) &&
      c.patch.every((op) => typeof (op as { path?: unknown }).path === "string" && (op as { path: string }).path !== ""),
  );

  test("some corpus cases fit a string map", () => {
    expect(fitting.length).toBeGreaterThan(3);
  });

  for (const c of fitting) {
    test(`${c.label}: ${c.comment ?? c.error ?? "case"} behaves the same over HTTP`, async () => {
      const prefix = "/connection/config/connectionOptions";
      await t.call("PATCH", `${PIPE}/${id}`, { body: [{ op: "replace", path: prefix, value: c.doc }] });
      const rebase = (op: Record<string, unknown>) => ({
        ...op,
        path: `${prefix}${op.path as string}`,
        ...(typeof op.from === "string" ? { from: `${prefix}${op.from}` } : {}),
      });
      const answer = await t.call("PATCH", `${PIPE}/${id}`, { body: c.patch.map((op) => rebase(op as Record<string, unknown>)) });
      if (c.error !== undefined) expect(answer.status).toBe(400);
      else {
        expect(answer.status).toBe(200);
        if (c.expected !== undefined) expect(answer.json.connection.config.connectionOptions).toEqual(c.expected);
      }
    });
  }
});

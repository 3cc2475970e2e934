import { GatewayError } from "../../../src/errors.js";
import { ML_MODEL_SERVICE, PIPELINE_SERVICE } from "../../../src/openmetadata/kinds.js";
import { checkCreateInput, checkPatchOperations, checkUpdateInput } from "../../../src/openmetadata/entity/validate.js";

/** The BAD_USER_INPUT `fn` throws: its field and message. */
function rejection(fn: () => unknown): { field: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const gateway = error as GatewayError;
    expect(gateway.code).toBe("BAD_USER_INPUT");
    return { field: gateway.extensions.field, message: gateway.message };
  }
  throw new Error("expected a BAD_USER_INPUT");
}

describe("create input", () => {
  const mlflow = { type: "Mlflow", trackingUri: "http://mlflow:5000", registryUri: "mysql://db/mlflow" };

  test("a valid input passes, with or without config.type", () => {
    expect(() => checkCreateInput(ML_MODEL_SERVICE, { name: "ok.name with spaces", serviceType: "Mlflow", connection: mlflow })).not.toThrow();
    const { type: _type, ...untyped } = mlflow;
    expect(() => checkCreateInput(ML_MODEL_SERVICE, { name: "ok", serviceType: "Mlflow", connection: untyped })).not.toThrow();
    expect(() => checkCreateInput(PIPELINE_SERVICE, { name: "ok", serviceType: "CustomPipeline" })).not.toThrow();
  });

  test("name rules: 1 to 256 characters, no ::", () => {
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "", serviceType: "Sklearn" }))).toEqual({
      field: "input.name",
      message: expect.stringMatching(/size must be between 1 and 256/),
    });
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a::b", serviceType: "Sklearn" })).message).toMatch(/must match/);
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "x".repeat(257), serviceType: "Sklearn" })).field).toBe("input.name");
  });

  test("connection: an object, never the REST shape {config}; what it holds is the upstream's to check", () => {
    expect(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Mlflow", connection: { ...mlflow, foo: 1 } })).not.toThrow();
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Mlflow", connection: { config: mlflow } }))).toEqual({
      field: "input.connection",
      message: expect.stringMatching(/connection is the config object itself/),
    });
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Mlflow", connection: "x" })).field).toBe("input.connection");
  });

  test("owners are users or teams; tags and domains not empty; a prefix names the bulk item", () => {
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Sklearn", owners: [{ id: "x", type: "domain" }] }, "inputs[2]")).field).toBe(
      "inputs[2].owners[0].type",
    );
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Sklearn", tags: [{ tagFQN: " " }] })).field).toBe("input.tags[0].tagFQN");
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Sklearn", domains: ["ok", ""] })).field).toBe("input.domains[1]");
  });
});

describe("update input", () => {
  test("connection null or not an object is refused; other nulls are clears", () => {
    expect(rejection(() => checkUpdateInput(ML_MODEL_SERVICE, { connection: null })).field).toBe("input.connection");
    expect(rejection(() => checkUpdateInput(ML_MODEL_SERVICE, { connection: [1] })).field).toBe("input.connection");
    expect(() => checkUpdateInput(ML_MODEL_SERVICE, { description: null, displayName: null, owners: null, tags: null, domains: null })).not.toThrow();
  });
});

describe("raw patch operations", () => {
  test("valid operations pass through exactly, stray members dropped; test may read anything", () => {
    expect(
      checkPatchOperations([
        { op: "test", path: "/version", value: 0.2 },
        { op: "add", path: "/description", value: "x", from: "/ignored" },
        { op: "remove", path: "/displayName", value: "ignored" },
        { op: "copy", from: "/description", path: "/displayName" },
        { op: "move", from: "/owners/0", path: "/owners/1" },
        { op: "replace", path: "/connection/config/a~1b", value: null },
      ]),
    ).toEqual([
      { op: "test", path: "/version", value: 0.2 },
      { op: "add", path: "/description", value: "x" },
      { op: "remove", path: "/displayName" },
      { op: "copy", from: "/description", path: "/displayName" },
      { op: "move", from: "/owners/0", path: "/owners/1" },
      { op: "replace", path: "/connection/config/a~1b", value: null },
    ]);
  });

  test.each([
    ["/id"],
    ["/name"],
    ["/fullyQualifiedName"],
    ["/version"],
    ["/updatedAt"],
    ["/updatedBy"],
    ["/href"],
    ["/owners/0/href"],
    ["/changeDescription"],
    ["/changeDescription/fieldsAdded/0"],
    ["/incrementalChangeDescription"],
    ["/deleted"],
    [""],
  ])("a write to %j is refused, naming the path", (path) => {
    const { field, message } = rejection(() => checkPatchOperations([{ op: "add", path: "/description", value: "x" }, { op: "replace", path, value: 1 }]));
    expect(field).toBe("operations[1].path");
    expect(message).toContain(JSON.stringify(path));
  });

  test("shape: op names, pointers, from, value", () => {
    expect(rejection(() => checkPatchOperations([{ op: "merge", path: "/a", value: 1 }])).field).toBe("operations[0].op");
    expect(rejection(() => checkPatchOperations([{ op: "add", path: "description", value: 1 }])).field).toBe("operations[0].path");
    expect(rejection(() => checkPatchOperations([{ op: "add", path: "/a~2", value: 1 }])).field).toBe("operations[0].path");
    expect(rejection(() => checkPatchOperations([{ op: "move", path: "/a" }])).field).toBe("operations[0].from");
    expect(rejection(() => checkPatchOperations([{ op: "copy", path: "/a", from: "b" }])).field).toBe("operations[0].from");
    expect(rejection(() => checkPatchOperations([{ op: "move", path: "/description", from: "/name" }])).field).toBe("operations[0].from");
    expect(rejection(() => checkPatchOperations([{ op: "replace", path: "/a" }])).field).toBe("operations[0].value");
    expect(rejection(() => checkPatchOperations([{ op: "test", path: "/a" }])).field).toBe("operations[0].value");
    expect(rejection(() => checkPatchOperations([])).field).toBe("operations");
  });
});

describe("owners by id or by name", () => {
  test("exactly one of id and name; a name may be given instead of an id", () => {
    expect(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Sklearn", owners: [{ name: "alice", type: "user" }] })).not.toThrow();
    expect(rejection(() => checkCreateInput(ML_MODEL_SERVICE, { name: "a", serviceType: "Sklearn", owners: [{ id: "x", name: "alice", type: "user" }] }))).toEqual({
      field: "input.owners[0]",
      message: expect.stringMatching(/exactly one of id and name/),
    });
    expect(rejection(() => checkUpdateInput(ML_MODEL_SERVICE, { owners: [{ type: "team" }] })).field).toBe("input.owners[0]");
    expect(rejection(() => checkUpdateInput(ML_MODEL_SERVICE, { owners: [{ name: " ", type: "team" }] })).field).toBe("input.owners[0].name");
  });
});

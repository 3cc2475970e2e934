import { startStack, type Stack } from "../helpers/stack.js";

/**
 * RFC 6902 and the patch table's rules hold alike for `update…` and `patch…`, checked before any call:
 * a refusal names the operation's member and nothing reaches the upstream.
 */
describe("patch rules, before any call", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  const refusals: Array<[string, string, unknown[], string]> = [
    ["a move into its own child", "patchMlModelService", [{ op: "move", from: "/tags", path: "/tags/0" }], "operations[0].from"],
    ["a move of a member into its own child", "patchMlModelService", [{ op: "move", from: "/connection", path: "/connection/config/x" }], "operations[0].from"],
    ["remove /connection", "patchMlModelService", [{ op: "remove", path: "/connection" }], "operations[0].path"],
    ["remove /connection/config", "patchMlModelService", [{ op: "remove", path: "/connection/config" }], "operations[0].path"],
    ["move /connection away", "patchMlModelService", [{ op: "move", from: "/connection", path: "/description" }], "operations[0].from"],
    ["replace /connection with null", "patchMlModelService", [{ op: "replace", path: "/connection", value: null }], "operations[0].value"],
    ["replace /connection/config with a string", "patchMlModelService", [{ op: "replace", path: "/connection/config", value: "a key file" }], "operations[0].value"],
    ["a path that is not a JSON Pointer", "patchMlModelService", [{ op: "replace", path: "description", value: "x" }], "operations[0].path"],
    ["an escape that is not ~0 or ~1", "patchMlModelService", [{ op: "replace", path: "/description~2", value: "x" }], "operations[0].path"],
    ["remove a required field (the algorithm of a model)", "patchMlModel", [{ op: "remove", path: "/algorithm" }], "operations[1].path"],
  ];

  test.each(refusals)("%s is BAD_USER_INPUT naming it, with no upstream call", async (_name, mutation, operations, field) => {
    const target = mutation === "patchMlModel" ? `fullyQualifiedName: "mlflow_svc.diabetes_ridge"` : `fullyQualifiedName: "mlflow_svc"`;
    const ops = mutation === "patchMlModel" ? [{ op: "test", path: "/name", value: "diabetes_ridge" }, ...operations] : operations;
    const answer = await stack.query(`mutation($ops: [JsonPatchOperationInput!]!) { ${mutation}(${target}, operations: $ops) { changed } }`, { ops });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(answer.errors?.[0]?.message).not.toContain("a key file");
    expect(stack.upstream()).toEqual([]);
  });

  test("update… refuses clearing the connection the same way", async () => {
    const answer = await stack.query(`mutation { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { connection: null }) { changed } }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.connection" });
    expect(stack.upstream()).toEqual([]);
  });
});

import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { openMetadataRest } from "../helpers/openmetadata-rest.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * No path segment the gateway builds may be empty, `.` or `..`: an id not in the upstream's id format is
 * refused before any call, naming the argument; a name made of dots is sent encoded, so it addresses the
 * entity of that name and never the collection.
 */
describe("path segments", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  const UUID = "00000000-0000-4000-8000-000000000000";
  const refusals: Array<[string, string, string]> = [
    ["mlModelService(id)", `{ mlModelService(id: ".") { name } }`, "id"],
    ["mlModelService(id ..)", `{ mlModelService(id: "..") { name } }`, "id"],
    ["mlModel(id)", `{ mlModel(id: "not-a-uuid") { name } }`, "id"],
    ["deleteMlModelService(id)", `mutation { deleteMlModelService(id: "..", hardDelete: true, recursive: true) { id } }`, "id"],
    ["restoreMlModelService(id)", `mutation { restoreMlModelService(id: "..") { id } }`, "id"],
    ["followMlModelService(id)", `mutation { followMlModelService(id: "..", userId: "${UUID}") { id } }`, "id"],
    ["followMlModelService(userId)", `mutation { followMlModelService(id: "${UUID}", userId: "..") { id } }`, "userId"],
    ["unfollowMlModelService(userId)", `mutation { unfollowMlModelService(id: "${UUID}", userId: ".") { id } }`, "userId"],
    ["deployment(id)", `{ deployment(id: ".") { id } }`, "id"],
    ["deployment(id ..)", `{ deployment(id: "..") { id } }`, "id"],
    ["deployment(servingName)", `{ deployment(servingName: "..") { id } }`, "servingName"],
    ["model(id)", `{ model(id: "..") { id } }`, "id"],
    ["updateModel(id)", `mutation { updateModel(id: "..", input: { description: "x" }) { changed } }`, "id"],
    ["patchDeployment(id)", `mutation { patchDeployment(id: "..", operations: [{ op: "replace", path: "/description", value: "x" }]) { changed } }`, "id"],
    ["createModelRevision(modelId)", `mutation { createModelRevision(modelId: "..") { rev } }`, "modelId"],
    ["assetReplacementCheck(deploymentId)", `{ assetReplacementCheck(deploymentId: ".", asset: { id: "${SAMPLE_MODEL_IDS.diabetesRidge}" }) { ok } }`, "deploymentId"],
    ["assetReplacementCheck(asset.id)", `{ assetReplacementCheck(deploymentId: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}", asset: { id: ".." }) { ok } }`, "asset.id"],
  ];

  test.each(refusals)("%s: a malformed id is BAD_USER_INPUT naming it, with no upstream call", async (_name, query, field) => {
    const answer = await stack.query(query);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(stack.upstream()).toEqual([]);
  });

  test("_entities: a representation's malformed id is refused with no upstream call, for every keyed type", async () => {
    const representations = [
      { __typename: "MlModelService", id: ".." },
      { __typename: "PipelineService", fullyQualifiedName: "" },
      { __typename: "MlModel", id: "." },
      { __typename: "Deployment", id: ".." },
      { __typename: "Model", id: "." },
    ];
    for (const representation of representations) {
      const answer = await stack.query(`query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, { r: [representation] });
      expect({ representation, code: answer.errors?.[0]?.extensions?.code }).toEqual({ representation, code: "BAD_USER_INPUT" });
    }
    expect(stack.upstream()).toEqual([]);
  });

  test("an FQN of dots reaches /name/{fqn} encoded, never the collection", async () => {
    for (const fqn of [".", ".."]) {
      stack.catalog.resetRequests();
      const read = await stack.query(`query($f: String!) { pipelineService(fullyQualifiedName: $f) { name } }`, { f: fqn });
      expect(read.errors).toBeUndefined();
      expect(read.data.pipelineService).toBeNull();
      const deleted = await stack.query(`mutation($f: String!) { deleteMlModelService(fullyQualifiedName: $f, hardDelete: true, recursive: true) { id } }`, { f: fqn });
      expect(deleted.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const patched = await stack.query(`mutation($f: String!) { patchMlModelService(fullyQualifiedName: $f, operations: [{ op: "replace", path: "/description", value: "x" }]) { changed } }`, {
        f: fqn,
      });
      expect(patched.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const paths = stack.upstream().map((r) => `${r.method} ${r.path}`);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) expect(path).toMatch(new RegExp(`/name/${fqn.replaceAll(".", "%2E")}$`));
    }
  });

  test("a service named with dots is read back through its FQN", async () => {
    const rest = openMetadataRest(stack.catalog.url);
    const created = await rest.createMlModelService("..");
    const fqn = created.fullyQualifiedName as string;
    const read = await stack.query(`query($f: String!) { mlModelService(fullyQualifiedName: $f) { name } }`, { f: fqn });
    expect(read.data?.mlModelService).toEqual({ name: ".." });
  });

  test("a pipeline status for an FQN of dots goes to that FQN's status", async () => {
    const answer = await stack.query(`mutation { addPipelineStatus(fullyQualifiedName: "..", status: { timestamp: "2026-01-01T00:00:00.000Z", executionStatus: Successful }) { name } }`);
    expect(answer.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    for (const r of stack.upstream()) expect(r.path).toMatch(/\/v1\/pipelines\/%2E%2E\/status$/);
  });
});

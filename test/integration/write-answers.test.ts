import { SAMPLE_GLOSSARY_TERM } from "../../src/local-catalog/openmetadata/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

// Answers that say what happened: exact versions only, what a delete answers, an unknown domain filter,
// a glossary term sent without its source, restore by id or by name.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

async function ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const answer = await stack.query(query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

async function createService(name: string): Promise<{ id: string; version: number }> {
  return (await ok(`mutation { r: createMlModelService(input: { name: "${name}", serviceType: Mlflow, description: "v0.1" }) { id version } }`)).r;
}

test("atVersion answers only an exact version: 0.15 is null, with no call for it; 0.1 and 0.2 are found", async () => {
  const service = await createService("versioned_exactly");
  await ok(`mutation { updateMlModelService(id: "${service.id}", input: { description: "v0.2" }) { changed } }`);
  stack.catalog.resetRequests();
  const data = await ok(`{ s: mlModelService(id: "${service.id}") {
    between: atVersion(version: 0.15) { version } zero: atVersion(version: 0) { version } beyond: atVersion(version: 0.3) { version }
    one: atVersion(version: 0.1) { version description } two: atVersion(version: 0.2) { version description } } }`);
  expect(data.s).toEqual({ between: null, zero: null, beyond: null, one: { version: 0.1, description: "v0.1" }, two: { version: 0.2, description: "v0.2" } });
  const versionCalls = stack.upstream(`/${service.id}/versions/`).map((r) => r.path.split("/").at(-1));
  expect(versionCalls.sort()).toEqual(["0.1", "0.2", "0.3"]);
});

test("delete answers deleted: true; after a soft delete the entity is found with include: ALL, after a hard delete never again", async () => {
  const soft = await createService("deleted_softly");
  const hard = await createService("deleted_hard");
  const softly = await ok(`mutation { r: deleteMlModelService(id: "${soft.id}") { id deleted version } }`);
  expect(softly.r).toEqual({ id: soft.id, deleted: true, version: 0.2 });
  const hardly = await ok(`mutation { r: deleteMlModelService(fullyQualifiedName: "deleted_hard", hardDelete: true) { id name deleted } }`);
  expect(hardly.r).toEqual({ id: hard.id, name: "deleted_hard", deleted: true });
  const after = await ok(`{ soft: mlModelService(id: "${soft.id}", include: ALL) { deleted } hard: mlModelService(id: "${hard.id}", include: ALL) { deleted } }`);
  expect(after).toEqual({ soft: { deleted: true }, hard: null });
});

test("restore takes an id or a fully qualified name, exactly one; an active one is NOT_FOUND and nothing is written", async () => {
  const service = await createService("restored_by_name");
  await ok(`mutation { deleteMlModelService(id: "${service.id}") { id } }`);
  const restored = await ok(`mutation { r: restoreMlModelService(fullyQualifiedName: "restored_by_name") { id deleted } }`);
  expect(restored.r).toEqual({ id: service.id, deleted: false });
  stack.catalog.resetRequests();
  const again = await stack.query(`mutation { r: restoreMlModelService(fullyQualifiedName: "restored_by_name") { id } }`);
  expect(again.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect(stack.upstream().filter((r) => r.method !== "GET")).toEqual([]);
  for (const [args, field] of [
    [`id: "${service.id}", fullyQualifiedName: "restored_by_name"`, "id"],
    ["", "fullyQualifiedName"],
  ]) {
    const refused = await stack.query(`mutation { r: restoreMlModelService${args ? `(${args})` : ""} { id } }`);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  }
});

test("an unknown domain filter is BAD_USER_INPUT naming domain", async () => {
  const answer = await stack.query(`{ mlModelServices(domain: "NoSuchDomain") { totalCount } }`);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "domain" });
  expect(answer.errors?.[0].message).toContain("NoSuchDomain");
});

test("a glossary term sent without source: Glossary is refused with the hint to set it; with it, it is applied", async () => {
  const service = await createService("glossary_tagged");
  const refused = await stack.query(`mutation { updateMlModelService(id: "${service.id}", input: { tags: [{ tagFQN: "${SAMPLE_GLOSSARY_TERM.fqn}" }] }) { changed } }`);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.tags" });
  expect(refused.errors?.[0].message).toMatch(/set source: Glossary/);
  const applied = await ok(`mutation { r: updateMlModelService(id: "${service.id}", input: { tags: [{ tagFQN: "${SAMPLE_GLOSSARY_TERM.fqn}", source: Glossary }] }) { s: mlModelService { tags { tagFQN source } } } }`);
  expect(applied.r.s.tags).toEqual([{ tagFQN: SAMPLE_GLOSSARY_TERM.fqn, source: "Glossary" }]);
});

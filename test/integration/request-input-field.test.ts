import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const UPDATE_BY_VARIABLE = "mutation($in: UpdateMlModelServiceInput!) { updateMlModelService(fullyQualifiedName: \"mlflow_svc\", input: $in) { changed } }";

test.each<[string, string, Record<string, unknown> | undefined, string]>([
  ["a literal of the wrong type", '{ mlModelServices(first: "ten") { totalCount } }', undefined, "first"],
  ["a variable of the wrong type names the argument it feeds", "query($n: Int) { mlModelServices(first: $n) { totalCount } }", { n: "ten" }, "first"],
  ["a required variable left out", "query($id: ID!) { mlModelService(id: $id) { name } }", {}, "id"],
  ["a required input field missing in a variable", UPDATE_BY_VARIABLE, { in: { tags: [{ source: "Classification" }] } }, "input.tags[0].tagFQN"],
  ["an unknown input field in a variable", UPDATE_BY_VARIABLE, { in: { description: "x", nope: 1 } }, "input.nope"],
  ["a wrongly typed list item in a variable", UPDATE_BY_VARIABLE, { in: { tags: [{ tagFQN: "Tier.Tier1" }, 7] } }, "input.tags[1]"],
  ["a required input field missing in a literal", 'mutation { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { tags: [{ source: Classification }] }) { changed } }', undefined, "input.tags[0].tagFQN"],
  ["an unknown input field in a literal", 'mutation { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { nope: 1 }) { changed } }', undefined, "input.nope"],
  ["a required argument left out", 'mutation { updateMlModelService(fullyQualifiedName: "mlflow_svc") { changed } }', undefined, "input"],
  ["null for a non-null argument", 'mutation { followMlModelService(id: null, userId: "u") { name } }', undefined, "id"],
  ["an unknown argument", "{ mlModelServices(bogus: 1) { totalCount } }", undefined, "bogus"],
  ["a variable used twice keeps its own name", "query($n: Int) { a: mlModelServices(first: $n) { totalCount } b: pipelineServices(first: $n) { totalCount } }", { n: "ten" }, "n"],
])("%s: BAD_USER_INPUT names it in extensions.field, and nothing reaches the catalog", async (_case, query, variables, field) => {
  stack.catalog.resetRequests();
  const answer = await stack.query(query, variables);
  expect(answer.status).toBe(400);
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(stack.upstream()).toEqual([]);
});

test.each([
  ['{"query":"{ __typename }","variables":"{}"}', "variables"],
  ['{"query":"{ __typename }","operationName":5}', "operationName"],
  ['{"query":"{ __typename }","extensions":"x"}', "extensions"],
  ['{"query":5}', "query"],
  ['{"variables":{}}', "query"],
])("a request body %s whose member is malformed names it in extensions.field", async (body, field) => {
  stack.catalog.resetRequests();
  const response = await fetch(stack.url, { method: "POST", headers: { "content-type": "application/json" }, body });
  expect(response.status).toBe(400);
  const answer = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors[0].extensions.field).toBe(field);
  expect(stack.upstream()).toEqual([]);
});

test.each([
  ["a syntax error", "{ mlModelServices(first: 1) { totalCount }"],
  ["an unknown field", "{ mlModelServices(first: 1) { nope } }"],
])("%s is about no argument: BAD_USER_INPUT without extensions.field", async (_case, query) => {
  const answer = await stack.query(query);
  expect(answer.status).toBe(400);
  expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(answer.errors?.[0].extensions).not.toHaveProperty("field");
});

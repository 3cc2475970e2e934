import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { buildSchema } from "../../src/schema.js";
import { operationCost } from "../../src/security/cost.js";

const schema = buildSchema();

/** The cost of a document's only operation, lists without a size argument counted as `defaultListSize`. */
function cost(source: string, variables: Record<string, unknown> = {}, defaultListSize = 100): number {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return operationCost(schema, operation, fragments, { variables, defaultListSize });
}

test("a list counts its size argument's default; a list in a list multiplies", () => {
  // service 1, versions 1, version ×100 (versions(first: Int = 100))
  expect(cost(`{ mlModelService(fullyQualifiedName: "x") { versions { version } } }`)).toBe(1 + 1 + 100);
  // service 1, versions 1, versions ×100, versions ×100², version ×100³
  expect(cost(`{ mlModelService(fullyQualifiedName: "x") { versions { versions { versions { version } } } } }`)).toBe(1 + 1 + 100 + 100 ** 2 + 100 ** 3);
  // The size argument's default, not DEFAULT_LIST_SIZE, sizes a list that has one.
  expect(cost(`{ mlModelService(fullyQualifiedName: "x") { versions { versions { version } } } }`, {}, 10)).toBe(1 + 1 + 100 + 100 ** 2);
});

test("a list without a size argument counts DEFAULT_LIST_SIZE", () => {
  // model 1, deployments 1, id ×size
  expect(cost(`{ model(id: "x") { deployments { id } } }`, {}, 10)).toBe(1 + 1 + 10);
  expect(cost(`{ model(id: "x") { deployments { id } } }`, {}, 100)).toBe(1 + 1 + 100);
});

test("a paged field's first (given, from a variable, or its default) sizes the lists of its page", () => {
  expect(cost(`{ mlModelServices(first: 5) { totalCount nodes { name versions { version } } } }`)).toBe(1 + 1 + 1 + 5 * (1 + 1) + 5 * 100);
  expect(cost(`query($n: Int) { mlModelServices(first: $n) { nodes { name } } }`, { n: 50 })).toBe(1 + 1 + 50);
  expect(cost(`{ mlModelServices { nodes { name } } }`)).toBe(1 + 1 + 20); // every connection's default page size
  expect(cost(`{ mlModelServices(first: 2) { edges { node { name } } pageInfo { hasNextPage } } }`)).toBe(1 + 1 + 2 + 2 + 1 + 1);
});

test("fragments count where they are spread; introspection counts nothing", () => {
  const viaFragment = cost(`{ mlModelService(fullyQualifiedName: "x") { ...F } } fragment F on MlModelService { versions { versions { version } } }`);
  expect(viaFragment).toBe(cost(`{ mlModelService(fullyQualifiedName: "x") { versions { versions { version } } } }`));
  expect(cost(`{ __schema { types { name fields { name } } } }`)).toBe(0);
});

test("a list answering one item per element of a list argument counts that many", () => {
  const representations = Array.from({ length: 9 }, (_, i) => ({ __typename: "MlModelService", id: String(i) }));
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on MlModelService { name versions { version } } } }`;
  expect(cost(query, { r: representations })).toBe(1 + 9 * (1 + 1) + 9 * 100);
});

test("an entity's reference lists are declared small; a page of 50 services with owners and tags stays well within the limit", () => {
  const page = `{ mlModelServices(first: 50) { nodes { id name owners { id name } tags { tagFQN } } pageInfo { hasNextPage } } }`;
  expect(cost(page)).toBe(1 + 1 + 50 * 4 + 50 * 10 * 2 + 50 * 10 + 1 + 1);
  expect(cost(page)).toBeLessThan(10_000);
});

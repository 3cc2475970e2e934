import { parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from "graphql";
import { selectedFieldNames } from "../../src/graphql/selection.js";

function infoFor(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition").map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

test("fields through fragments, inline fragments and a path", () => {
  const info = infoFor(`{
    list { nodes { name ...F ... on X { tags { a } } } edges { node { domains { id } } } }
  }
  fragment F on X { owners { id } ...G }
  fragment G on X { description }`);
  expect([...selectedFieldNames(info, ["nodes"])].sort()).toEqual(["description", "name", "owners", "tags"]);
  expect([...selectedFieldNames(info, ["edges", "node"])]).toEqual(["domains"]);
  expect([...selectedFieldNames(info)].sort()).toEqual(["edges", "nodes"]);
});

test("a fragment spread twice, or cyclically, is read once", () => {
  const info = infoFor(`{ one { ...F ...F } } fragment F on X { a ...F }`);
  expect([...selectedFieldNames(info)]).toEqual(["a"]);
});

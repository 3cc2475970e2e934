import { composeServices } from "@apollo/composition";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kind, parse, print, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from "graphql";
import { writeSubgraphSdl } from "../../src/print-schema.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { ALL_EXTENDED_ENTITIES, EXTENDED_ENTITIES, opsTypeDefs, type ExtendedEntity } from "./ops-subgraph.js";

let stack: Stack;
let dir: string;
let sdl: string;

beforeAll(async () => {
  stack = await startStack();
  dir = mkdtempSync(join(tmpdir(), "subgraph-sdl-"));
  sdl = readFileSync(writeSubgraphSdl(join(dir, "nested", "schema.graphql")), "utf8");
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await stack.close();
});

/** The extended entities the catalog subgraph declares with the key the ops subgraph uses. */
function declaredEntities(): ExtendedEntity[] {
  return (Object.keys(EXTENDED_ENTITIES) as ExtendedEntity[]).filter((name) =>
    new RegExp(`type ${name}\\b[^{]*@key\\(fields: "${EXTENDED_ENTITIES[name]}"\\)`).test(sdl),
  );
}

test("print-schema writes the SDL the live subgraph answers to _service { sdl }", async () => {
  const answer = await stack.query(`{ _service { sdl } }`);
  expect(answer.errors).toBeUndefined();
  expect(sdl.trim()).toBe(answer.data._service.sdl.trim());
  expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
  expect(sdl).toContain("_entities(representations: [_Any!]!): [_Entity]!");
});

test("the catalog declares every entity the supergraph extends, by its key", () => {
  expect(declaredEntities()).toEqual(ALL_EXTENDED_ENTITIES);
});

/** How the supergraph joins a type: the graphs and keys of its `@join__type`, and which graph resolves a field. */
function joins(supergraph: string, typeName: string, fieldName: string) {
  const type = parse(supergraph).definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName);
  const argument = (node: ConstDirectiveNode, name: string) => print(node.arguments?.find((a) => a.name.value === name)?.value ?? { kind: Kind.NULL });
  const types = (type?.directives ?? []).filter((d) => d.name.value === "join__type").map((d) => `${argument(d, "graph")} ${argument(d, "key")}`);
  const field = type?.fields?.find((f) => f.name.value === fieldName);
  const fieldGraphs = (field?.directives ?? []).filter((d) => d.name.value === "join__field").map((d) => argument(d, "graph"));
  return { types: types.sort(), fieldGraphs };
}

test("the SDL composes with a second subgraph that extends the catalog's entities", () => {
  const entities = declaredEntities();
  const result = composeServices([
    { name: "catalog", typeDefs: parse(sdl), url: "http://catalog.invalid/graphql" },
    { name: "ops", typeDefs: opsTypeDefs(entities), url: "http://ops.invalid/graphql" },
  ]);
  expect(result.errors?.map((e) => e.message)).toBeUndefined();
  for (const name of entities) {
    const joined = joins(result.supergraphSdl ?? "", name, "openIncidents");
    expect({ name, ...joined, types: joined.types.filter((t) => t.startsWith("OPS")) }).toEqual({ name, types: [`OPS "${EXTENDED_ENTITIES[name]}"`], fieldGraphs: ["OPS"] });
    expect(joined.types.some((t) => t.startsWith("CATALOG"))).toBe(true);
  }
});

test("composition fails when the second subgraph keys an entity by a field the catalog does not have", () => {
  const broken = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { ping: Boolean }
    type MlModelService @key(fields: "registryUrl") { registryUrl: String! incidentsCount: Int }
  `);
  const result = composeServices([
    { name: "catalog", typeDefs: parse(sdl), url: "http://catalog.invalid/graphql" },
    { name: "ops", typeDefs: broken, url: "http://ops.invalid/graphql" },
  ]);
  expect(result.errors?.length ?? 0).toBeGreaterThan(0);
});

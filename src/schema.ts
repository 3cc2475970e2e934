import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type DocumentNode, type GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Resolvers } from "./__generated__/resolvers-types.js";
import { DateTimeScalar, JSONScalar } from "./graphql/scalars.js";
import { serviceResolvers } from "./openmetadata/service/resolvers.js";
import { projectRoot } from "./project-root.js";
import { deploymentChangedResolvers } from "./wml/deployment-changed/resolvers.js";
import { deploymentResolvers } from "./wml/deployment/resolvers.js";
import { modelResolvers } from "./wml/model/resolvers.js";

/** The registry: each SDL file of schema/ with the resolvers that back it. One line per concept. */
const MODULES: ReadonlyArray<{ file: string; resolvers?: Resolvers }> = [
  { file: "base.graphql", resolvers: { JSON: JSONScalar, DateTime: DateTimeScalar } },
  { file: "catalog-service.graphql" },
  { file: "mlmodel-service.graphql", resolvers: serviceResolvers },
  { file: "pipeline-service.graphql" },
  { file: "deployment.graphql", resolvers: deploymentResolvers },
  { file: "model.graphql", resolvers: modelResolvers },
  { file: "deployment-changed.graphql", resolvers: deploymentChangedResolvers },
];

/** The SDL documents in registry order. */
function loadTypeDefs(): DocumentNode[] {
  return MODULES.map((module) => parse(readFileSync(join(projectRoot, "schema", module.file), "utf8")));
}

/** Builds the federation subgraph schema, once per process. */
export function buildSchema(): GraphQLSchema {
  const typeDefs = loadTypeDefs();
  return buildSubgraphSchema(
    MODULES.map((module, index) => ({ typeDefs: typeDefs[index], resolvers: module.resolvers })),
  );
}

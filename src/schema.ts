import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLScalarType, parse, type DocumentNode, type GraphQLSchema } from "graphql";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Resolvers } from "./__generated__/resolvers-types.js";
import { DateTimeScalar, JSONScalar } from "./graphql/scalars.js";
import { openMetadataResolvers } from "./openmetadata/kinds.js";
import { projectRoot } from "./project-root.js";
import { deploymentChangedResolvers } from "./wml/deployment-changed/resolvers.js";
import { deploymentResolvers } from "./wml/deployment/resolvers.js";
import { modelResolvers } from "./wml/model/resolvers.js";

/** The resolvers of each concept; the SDL is every file of schema/ (codegen reads the same files). */
const RESOLVERS: readonly Resolvers[] = [{ JSON: JSONScalar, DateTime: DateTimeScalar }, openMetadataResolvers, deploymentResolvers, modelResolvers, deploymentChangedResolvers];

/** The SDL documents of schema/, in file name order. */
function loadTypeDefs(): DocumentNode[] {
  const directory = join(projectRoot, "schema");
  return readdirSync(directory)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => parse(readFileSync(join(directory, file), "utf8")));
}

/** The resolver maps merged type by type (several concepts add fields to `Query` and `Mutation`). */
function mergeResolvers(maps: readonly Resolvers[]): Resolvers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const current = merged[type];
      merged[type] = current && typeof current === "object" && !(current instanceof GraphQLScalarType) ? { ...current, ...fields } : fields;
    }
  }
  return merged as Resolvers;
}

/** Builds the federation subgraph schema, once per process. */
export function buildSchema(): GraphQLSchema {
  const [first, ...rest] = loadTypeDefs();
  return buildSubgraphSchema([{ typeDefs: first, resolvers: mergeResolvers(RESOLVERS) }, ...rest.map((typeDefs) => ({ typeDefs }))]);
}

import type { EntityKind } from "./entity/kind.js";
import { resolversOf } from "./entity/resolvers.js";
import { mlModelKind } from "./mlmodel/kind.js";
import { pipelineKind } from "./pipeline/kind.js";
import { serviceKind } from "./service/kind.js";

/**
 * The table of OpenMetadata kinds: one row per entity kind with the generic REST shape
 * (openmetadata-contract.md §3). Everything the gateway serves for a kind — queries, mutations, type
 * fields, loaders, payload keys — is built from its row by the engine (src/openmetadata/entity/); a row's
 * GraphQL names must match its SDL file in schema/ (test/unit/openmetadata/kinds-table.test.ts).
 */
export const ML_MODEL_SERVICE: EntityKind = serviceKind({
  entityType: "mlmodelService",
  collection: "mlmodelServices",
  typename: "MlModelService",
  field: "mlModelService",
  plural: "mlModelServices",
  children: [{ field: "mlModels", kind: () => ML_MODEL }],
});

export const PIPELINE_SERVICE: EntityKind = serviceKind({
  entityType: "pipelineService",
  collection: "pipelineServices",
  typename: "PipelineService",
  field: "pipelineService",
  plural: "pipelineServices",
  children: [{ field: "pipelines", kind: () => PIPELINE }],
});

export const DATABASE_SERVICE: EntityKind = serviceKind({
  entityType: "databaseService",
  collection: "databaseServices",
  typename: "DatabaseService",
  field: "databaseService",
  plural: "databaseServices",
});

export const ML_MODEL: EntityKind = mlModelKind(() => ML_MODEL_SERVICE);

export const PIPELINE: EntityKind = pipelineKind(() => PIPELINE_SERVICE);

export const ENTITY_KINDS: readonly EntityKind[] = [ML_MODEL_SERVICE, PIPELINE_SERVICE, DATABASE_SERVICE, ML_MODEL, PIPELINE];

/** The resolvers of every kind of the table. */
export const openMetadataResolvers = resolversOf(ENTITY_KINDS);

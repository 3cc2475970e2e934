import type { EntityKind } from "./entity/kind.js";
import { resolversOf } from "./entity/resolvers.js";
import { mlModelKind } from "./mlmodel/kind.js";
import { pipelineKind } from "./pipeline/kind.js";
import { catalogServicesField } from "./service/catalog-services.js";
import { isServiceKind, serviceKind } from "./service/kind.js";

/**
 * The table of OpenMetadata kinds: one row per entity kind with the generic REST shape
 * (docs/upstream/openmetadata.md §3). Everything the gateway serves for a kind — queries, mutations, type
 * fields, loaders, payload keys — is built from its row by the engine (src/openmetadata/entity/); a row's
 * GraphQL names must match its SDL file in schema/ (test/unit/openmetadata/kinds-table.test.ts).
 */
export const ML_MODEL_SERVICE: EntityKind = serviceKind({
  entityType: "mlmodelService",
  typename: "MlModelService",
  children: [{ field: "mlModels", kind: () => ML_MODEL }],
});

export const PIPELINE_SERVICE: EntityKind = serviceKind({
  entityType: "pipelineService",
  typename: "PipelineService",
  children: [{ field: "pipelines", kind: () => PIPELINE }],
});

export const DATABASE_SERVICE: EntityKind = serviceKind({ entityType: "databaseService", typename: "DatabaseService" });

export const DASHBOARD_SERVICE: EntityKind = serviceKind({ entityType: "dashboardService", typename: "DashboardService" });

export const MESSAGING_SERVICE: EntityKind = serviceKind({ entityType: "messagingService", typename: "MessagingService" });

export const STORAGE_SERVICE: EntityKind = serviceKind({ entityType: "storageService", typename: "StorageService" });

export const SEARCH_SERVICE: EntityKind = serviceKind({ entityType: "searchService", typename: "SearchService" });

export const API_SERVICE: EntityKind = serviceKind({ entityType: "apiService", typename: "ApiService" });

export const METADATA_SERVICE: EntityKind = serviceKind({ entityType: "metadataService", typename: "MetadataService", lacks: ["dataProducts"] });

export const DRIVE_SERVICE: EntityKind = serviceKind({ entityType: "driveService", typename: "DriveService" });

export const SECURITY_SERVICE: EntityKind = serviceKind({ entityType: "securityService", typename: "SecurityService" });

export const LLM_SERVICE: EntityKind = serviceKind({ entityType: "llmService", typename: "LlmService" });

export const MCP_SERVICE: EntityKind = serviceKind({ entityType: "mcpService", typename: "McpService" });

export const ML_MODEL: EntityKind = mlModelKind(() => ML_MODEL_SERVICE);

export const PIPELINE: EntityKind = pipelineKind(() => PIPELINE_SERVICE);

export const ENTITY_KINDS: readonly EntityKind[] = [
  ML_MODEL_SERVICE,
  PIPELINE_SERVICE,
  DATABASE_SERVICE,
  DASHBOARD_SERVICE,
  MESSAGING_SERVICE,
  STORAGE_SERVICE,
  SEARCH_SERVICE,
  API_SERVICE,
  METADATA_SERVICE,
  DRIVE_SERVICE,
  SECURITY_SERVICE,
  LLM_SERVICE,
  MCP_SERVICE,
  ML_MODEL,
  PIPELINE,
];

/** The resolvers of every kind of the table, and `catalogServices` over its service kinds. */
export const openMetadataResolvers = resolversOf(ENTITY_KINDS, { catalogServices: catalogServicesField(ENTITY_KINDS.filter(isServiceKind)) });

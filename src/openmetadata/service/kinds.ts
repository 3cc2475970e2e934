/**
 * The OpenMetadata service kinds the gateway serves. OpenMetadata has one REST shape for every service
 * kind (openmetadata-contract.md §3), so the behaviour is written once and driven by this table.
 */
export interface ServiceKind {
  /** OpenMetadata's entity type string (note the lower-case `m` of `mlmodelService`, §1.2). */
  readonly entityType: "mlmodelService" | "pipelineService";
  /** The REST collection below `/v1/services/`. */
  readonly collection: "mlmodelServices" | "pipelineServices";
  /** The GraphQL object type. */
  readonly typename: "MlModelService" | "PipelineService";
}

export const ML_MODEL_SERVICE: ServiceKind = { entityType: "mlmodelService", collection: "mlmodelServices", typename: "MlModelService" };
export const PIPELINE_SERVICE: ServiceKind = { entityType: "pipelineService", collection: "pipelineServices", typename: "PipelineService" };

/** Every kind, for registries that iterate (loaders, the schema's `__resolveType`). */
export const SERVICE_KINDS = [ML_MODEL_SERVICE, PIPELINE_SERVICE] as const;

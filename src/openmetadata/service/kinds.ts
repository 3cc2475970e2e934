/**
 * The OpenMetadata service kinds the gateway serves. OpenMetadata has one REST shape for every service
 * kind (openmetadata-contract.md §3), so the behaviour is written once and given the kind it serves.
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

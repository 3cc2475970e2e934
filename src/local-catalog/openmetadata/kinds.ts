import { ML_MODEL_SERVICE_TYPES, PIPELINE_SERVICE_TYPES, type ServiceEntityType } from "./connection-definitions.js";

/** One service collection as the catalog serves it (openmetadata-contract.md §1.2, §2.2). */
export interface ServiceKind {
  /** OpenMetadata's entity type string (note the lower-case `m` of `mlmodelService`, §1.2). */
  readonly entityType: ServiceEntityType;
  /** The REST collection below `/v1/services/`. */
  readonly collection: "mlmodelServices" | "pipelineServices";
  readonly serviceTypes: readonly string[];
  /** Create-request keys this kind accepts besides the common ones (§2.2). */
  readonly extraCreateKeys: readonly string[];
}

/** The two collections the catalog serves; every route and rule is written once over this table. */
export const SERVICE_KINDS: readonly ServiceKind[] = [
  { entityType: "mlmodelService", collection: "mlmodelServices", serviceTypes: ML_MODEL_SERVICE_TYPES, extraCreateKeys: [] },
  { entityType: "pipelineService", collection: "pipelineServices", serviceTypes: PIPELINE_SERVICE_TYPES, extraCreateKeys: ["scheduleInterval", "lifeCycle"] },
];

import { ML_MODEL_SERVICE_TYPES, PIPELINE_SERVICE_TYPES, type ServiceKindName } from "../../openmetadata/service/service-types.js";

/** One service collection: everything that differs between ML model services and pipeline services. */
export interface ServiceKind {
  /** Path segment under `/api/v1/services/`. */
  readonly collection: string;
  /** `entityType` used in messages, references and history (openmetadata-contract.md §1.2). */
  readonly entityType: ServiceKindName;
  readonly serviceTypes: readonly string[];
  /** Create-request keys this kind accepts besides the common ones (§2.2). */
  readonly extraCreateKeys: readonly string[];
}

/** The two collections the catalog serves; every route and rule is written once over this table. */
export const SERVICE_KINDS: readonly ServiceKind[] = [
  { collection: "mlmodelServices", entityType: "mlmodelService", serviceTypes: ML_MODEL_SERVICE_TYPES, extraCreateKeys: [] },
  {
    collection: "pipelineServices",
    entityType: "pipelineService",
    serviceTypes: PIPELINE_SERVICE_TYPES,
    extraCreateKeys: ["scheduleInterval", "lifeCycle"],
  },
];

import { ML_MODEL_SERVICE, PIPELINE_SERVICE, type ServiceKind as CollectionKind } from "../../openmetadata/service/kinds.js";
import { ML_MODEL_SERVICE_TYPES, PIPELINE_SERVICE_TYPES } from "../../openmetadata/service/service-types.js";

/** One service collection as the catalog serves it: the shared kind plus what the server validates. */
export interface ServiceKind extends CollectionKind {
  readonly serviceTypes: readonly string[];
  /** Create-request keys this kind accepts besides the common ones (§2.2). */
  readonly extraCreateKeys: readonly string[];
}

/** The two collections the catalog serves; every route and rule is written once over this table. */
export const SERVICE_KINDS: readonly ServiceKind[] = [
  { ...ML_MODEL_SERVICE, serviceTypes: ML_MODEL_SERVICE_TYPES, extraCreateKeys: [] },
  { ...PIPELINE_SERVICE, serviceTypes: PIPELINE_SERVICE_TYPES, extraCreateKeys: ["scheduleInterval", "lifeCycle"] },
];

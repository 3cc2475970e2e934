import { PIPELINE_CONNECTIONS, PIPELINE_SERVICE_TYPES } from "../connection-definitions.js";
import { serviceKind } from "../service-row.js";

/** `/v1/services/pipelineServices` (`entity/services/pipelineService.json`, `api/services/createPipelineService.json`). */
export const PIPELINE_SERVICE = serviceKind({
  entityType: "pipelineService",
  path: "services/pipelineServices",
  keys: [
    "id", "name", "fullyQualifiedName", "serviceType", "description", "displayName", "version", "updatedAt", "updatedBy", "impersonatedBy",
    "testConnectionResult", "tags", "pipelines", "connection", "owners", "href", "changeDescription", "incrementalChangeDescription", "deleted",
    "entityStatus", "dataProducts", "followers", "domains", "ingestionRunner",
  ],
  // `scheduleInterval` and `lifeCycle` are read and dropped: the entity schema has neither.
  createKeys: [
    "name", "displayName", "description", "serviceType", "connection", "tags", "owners", "scheduleInterval", "dataProducts", "domains", "lifeCycle",
    "ingestionRunner", "entityStatus",
  ],
  types: PIPELINE_SERVICE_TYPES,
  connections: PIPELINE_CONNECTIONS,
});

import { ML_MODEL_CONNECTIONS, ML_MODEL_SERVICE_TYPES } from "../connection-definitions.js";
import { serviceKind } from "../service-row.js";

/** `/v1/services/mlmodelServices` (`entity/services/mlmodelService.json`, `api/services/createMlModelService.json`). */
export const ML_MODEL_SERVICE = serviceKind({
  entityType: "mlmodelService",
  path: "services/mlmodelServices",
  keys: [
    "id", "name", "fullyQualifiedName", "serviceType", "description", "displayName", "version", "updatedAt", "updatedBy", "impersonatedBy",
    "pipelines", "connection", "testConnectionResult", "tags", "owners", "href", "changeDescription", "incrementalChangeDescription", "deleted",
    "entityStatus", "dataProducts", "followers", "domains", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "tags", "owners", "dataProducts", "domains", "ingestionRunner", "entityStatus"],
  types: ML_MODEL_SERVICE_TYPES,
  connections: ML_MODEL_CONNECTIONS,
});

import { definitions } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/securityServices` (`entity/services/securityService.json`,
 * `api/services/createSecurityService.json`): Ranger. No connector is checked beyond its `type`: it
 * takes any object whose `type` is its service type (docs/upstream/openmetadata.md §2.3).
 */
export const SECURITY_SERVICE = serviceKind({
  entityType: "securityService",
  path: "services/securityServices",
  keys: [
    "id", "name", "fullyQualifiedName", "serviceType", "description", "displayName", "version", "updatedAt", "updatedBy", "impersonatedBy",
    "testConnectionResult", "tags", "serviceAttributes", "connection", "pipelines", "owners", "href", "changeDescription",
    "incrementalChangeDescription", "deleted", "dataProducts", "dataContract", "followers", "domains", "ingestionRunner",
  ],
  createKeys: [
    "name", "displayName", "description", "serviceType", "connection", "tags", "serviceAttributes", "owners", "dataProducts", "domains",
    "ingestionRunner",
  ],
  types: ["Ranger"],
  connections: definitions(),
});

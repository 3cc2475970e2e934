import { definitions } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/mcpServices` (`entity/services/mcpService.json`, `api/services/createMcpService.json`):
 * Model Context Protocol servers. No connector is checked beyond its `type`: it takes any object whose
 * `type` is its service type (docs/upstream/openmetadata.md §2.3).
 */
export const MCP_SERVICE = serviceKind({
  entityType: "mcpService",
  path: "services/mcpServices",
  keys: [
    "id", "name", "fullyQualifiedName", "serviceType", "description", "displayName", "version", "updatedAt", "updatedBy", "pipelines", "connection",
    "testConnectionResult", "tags", "serviceAttributes", "owners", "href", "changeDescription", "incrementalChangeDescription", "deleted",
    "dataProducts", "followers", "domains", "ingestionRunner",
  ],
  createKeys: [
    "name", "displayName", "description", "tags", "serviceAttributes", "serviceType", "connection", "owners", "dataProducts", "domains",
    "ingestionRunner",
  ],
  types: ["Mcp"],
  connections: definitions(),
});

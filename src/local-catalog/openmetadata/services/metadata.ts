import { definitions } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/metadataServices` (`entity/services/metadataService.json`,
 * `api/services/createMetadataService.json`): other catalogs (Amundsen, Atlas, Alation, Collibra, another
 * OpenMetadata, …). This kind has no data products. No connector is checked beyond its `type`: each
 * takes any object whose `type` is its service type (docs/upstream/openmetadata.md §2.3).
 */
export const METADATA_SERVICE = serviceKind({
  entityType: "metadataService",
  path: "services/metadataServices",
  keys: [
    "id", "name", "fullyQualifiedName", "displayName", "serviceType", "description", "connection", "pipelines", "version", "updatedAt", "updatedBy",
    "impersonatedBy", "testConnectionResult", "tags", "serviceAttributes", "owners", "href", "changeDescription", "incrementalChangeDescription",
    "deleted", "entityStatus", "provider", "followers", "domains", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "owners", "tags", "domains", "ingestionRunner", "entityStatus"],
  types: ["Amundsen", "MetadataES", "OpenMetadata", "Atlas", "Alation", "AlationSink", "Collibra"],
  connections: definitions(),
});

import { awsCredentials, filterPattern, supports } from "../connection-credentials.js";
import { arr, connector, definitions, map, str } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/storageServices` (`entity/services/storageService.json`,
 * `api/services/createStorageService.json`). S3, the common connector, is checked as written from
 * `entity/services/connections/storage/s3Connection.json` (docs/upstream/openmetadata.md §2.3).
 */
const CONNECTIONS = definitions(
  connector(
    "S3",
    {
      awsConfig: awsCredentials,
      bucketNames: arr(str()),
      connectionOptions: map(),
      connectionArguments: map(),
      containerFilterPattern: filterPattern,
      ...supports("MetadataExtraction"),
    },
    ["awsConfig"],
  ),
);

/** The storage service row. */
export const STORAGE_SERVICE = serviceKind({
  entityType: "storageService",
  path: "services/storageServices",
  keys: [
    "id", "name", "fullyQualifiedName", "displayName", "serviceType", "description", "connection", "pipelines", "testConnectionResult", "tags",
    "serviceAttributes", "style", "version", "updatedAt", "updatedBy", "impersonatedBy", "href", "owners", "changeDescription",
    "incrementalChangeDescription", "deleted", "entityStatus", "dataProducts", "dataContract", "followers", "domains", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "tags", "owners", "dataProducts", "domains", "ingestionRunner", "entityStatus"],
  types: ["S3", "ADLS", "GCS", "CustomStorage"],
  connections: CONNECTIONS,
});

import { awsCredentials, clientSslConfig, filterPattern, supports, verifySSL } from "../connection-credentials.js";
import { connector, definitions, obj, oneOf, secret, str } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/apiServices` (`entity/services/apiService.json`, `api/services/createApiService.json`).
 * Rest, the common connector, is checked as written from the newest
 * `entity/services/connections/api/restConnection.json` seen (docs/upstream/openmetadata.md §2.3): the
 * OpenAPI schema is required, as a URL, a file path or an S3 object; the flat keys of older versions
 * are accepted beside it.
 */
const CONNECTIONS = definitions(
  connector(
    "Rest",
    {
      openAPISchemaConnection: oneOf(
        obj({ openAPISchemaURL: str() }, ["openAPISchemaURL"]),
        obj({ openAPISchemaFilePath: str() }, ["openAPISchemaFilePath"]),
        obj({ openAPISchemaS3URL: str(), awsCredentials }, ["openAPISchemaS3URL", "awsCredentials"]),
      ),
      token: secret(),
      docURL: str(),
      apiCollectionFilterPattern: filterPattern,
      apiEndpointFilterPattern: filterPattern,
      verifySSL,
      sslConfig: clientSslConfig,
      // Older versions' flat keys.
      openAPISchemaURL: str(),
      openAPISchemaFilePath: str(),
      ...supports("MetadataExtraction"),
    },
    ["openAPISchemaConnection"],
  ),
);

/** The API service row. */
export const API_SERVICE = serviceKind({
  entityType: "apiService",
  path: "services/apiServices",
  keys: [
    "id", "name", "fullyQualifiedName", "displayName", "serviceType", "description", "connection", "pipelines", "testConnectionResult", "tags",
    "followers", "version", "updatedAt", "updatedBy", "impersonatedBy", "href", "owners", "changeDescription", "incrementalChangeDescription",
    "deleted", "entityStatus", "dataProducts", "dataContract", "domains", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "tags", "owners", "dataProducts", "domains", "ingestionRunner", "entityStatus"],
  types: ["Rest", "WEBHOOK"],
  connections: CONNECTIONS,
});

import { awsCredentials, certificatesConfig, filterPattern, supports, verifySSL } from "../connection-credentials.js";
import { connector, definitions, int, map, obj, oneOf, secret, str } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/searchServices` (`entity/services/searchService.json`,
 * `api/services/createSearchService.json`). The connectors checked are the common ones, written from
 * `entity/services/connections/search/*.json` (docs/upstream/openmetadata.md §2.3): the union of the
 * properties of the versions seen (neither requires a key), the `format: password` secrets.
 */

/** `search/elasticSearch/{basicAuth,apiAuth}.json`. */
const basicAuth = obj({ username: str(), password: secret() });
const apiAuth = obj({ apiKey: secret(), apiKeyId: str() });
const common = { connectionTimeoutSecs: int(30), connectionArguments: map(), searchIndexFilterPattern: filterPattern, ...supports("MetadataExtraction") };

const CONNECTIONS = definitions(
  // `caCert` is an older version's key.
  connector("ElasticSearch", { hostPort: str(), authType: oneOf(basicAuth, apiAuth), sslConfig: certificatesConfig, caCert: str(), ...common }),
  connector("OpenSearch", { hostPort: str(), authType: oneOf(basicAuth, apiAuth, awsCredentials), verifySSL, sslConfig: certificatesConfig, ...common }),
);

/** The search service row. */
export const SEARCH_SERVICE = serviceKind({
  entityType: "searchService",
  path: "services/searchServices",
  keys: [
    "id", "name", "fullyQualifiedName", "displayName", "serviceType", "description", "connection", "pipelines", "testConnectionResult", "tags",
    "style", "version", "updatedAt", "updatedBy", "impersonatedBy", "href", "owners", "changeDescription", "incrementalChangeDescription", "deleted",
    "entityStatus", "dataProducts", "dataContract", "followers", "domains", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "tags", "owners", "dataProducts", "domains", "ingestionRunner", "entityStatus"],
  types: ["ElasticSearch", "OpenSearch", "CustomSearch"],
  connections: CONNECTIONS,
});

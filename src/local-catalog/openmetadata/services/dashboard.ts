import { basicAuth, clientSslConfig, filterPattern, supports, verifySSL } from "../connection-credentials.js";
import { connector, definitions, int, obj, oneOf, secret, str } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";
import { DATABASE_CONNECTIONS } from "./database.js";

/**
 * `/v1/services/dashboardServices` (`entity/services/dashboardService.json`,
 * `api/services/createDashboardService.json`). The connectors checked are the common ones, written from
 * `entity/services/connections/dashboard/*.json` (docs/upstream/openmetadata.md §2.3): the union of the
 * properties of the versions seen, each version's required keys, the `format: password` secrets.
 */

const filters = { dashboardFilterPattern: filterPattern, chartFilterPattern: filterPattern, dataModelFilterPattern: filterPattern, projectFilterPattern: filterPattern };
const repository = { repositoryOwner: str(), repositoryName: str(), token: secret() };
/** `security/credentials/{github,bitbucket,gitlab}Credentials.json`, or none. */
const gitCredentials = oneOf(
  obj({}),
  obj(repository, ["repositoryOwner", "repositoryName"]),
  obj({ type: str({ default: "BitBucket", enum: ["BitBucket"] }), gitHostURL: str({ default: "https://bitbucket.org" }), ...repository, branch: str() }, [
    "repositoryOwner",
    "repositoryName",
    "branch",
  ]),
  obj({ type: str({ default: "Gitlab", enum: ["Gitlab"] }), gitHostURL: str({ default: "https://gitlab.com" }), ...repository }, ["repositoryOwner", "repositoryName"]),
);

const CONNECTIONS = definitions(
  connector(
    "Superset",
    {
      hostPort: str({ default: "http://localhost:8088" }),
      // `utils/supersetApiConnection.json`, or Superset's own Postgres or Mysql database.
      connection: oneOf(
        obj({ provider: str({ default: "db", enum: ["db", "ldap"] }), username: str(), password: secret() }, ["provider", "username", "password"]),
        DATABASE_CONNECTIONS.Postgres,
        DATABASE_CONNECTIONS.Mysql,
      ),
      ...filters,
      ...supports("MetadataExtraction"),
    },
    ["hostPort", "connection"],
  ),
  connector(
    "Looker",
    {
      clientId: str(),
      clientSecret: secret(),
      hostPort: str(),
      gitCredentials,
      // The older name of `gitCredentials`.
      githubCredentials: gitCredentials,
      ...filters,
      ...supports("MetadataExtraction"),
    },
    ["hostPort", "clientId", "clientSecret"],
  ),
  connector(
    "Tableau",
    {
      hostPort: str(),
      authType: oneOf(basicAuth, obj({ personalAccessTokenName: str(), personalAccessTokenSecret: secret() }, ["personalAccessTokenName", "personalAccessTokenSecret"])),
      siteName: str(),
      paginationLimit: int(10),
      apiVersion: str(),
      proxyURL: str(),
      verifySSL,
      sslConfig: clientSslConfig,
      // Older versions' keys.
      env: str(),
      siteUrl: str(),
      ...filters,
      ...supports("MetadataExtraction"),
    },
    ["hostPort"],
  ),
);

/** The dashboard service row. */
export const DASHBOARD_SERVICE = serviceKind({
  entityType: "dashboardService",
  path: "services/dashboardServices",
  keys: [
    "id", "name", "fullyQualifiedName", "displayName", "serviceType", "description", "connection", "pipelines", "testConnectionResult", "tags",
    "owners", "version", "updatedAt", "updatedBy", "impersonatedBy", "href", "changeDescription", "incrementalChangeDescription", "deleted",
    "entityStatus", "dataProducts", "domains", "followers", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "tags", "owners", "dataProducts", "domains", "ingestionRunner", "entityStatus"],
  types: [
    "Superset", "Looker", "Tableau", "Redash", "Metabase", "PowerBI", "PowerBIReportServer", "Mode", "CustomDashboard", "DomoDashboard", "QuickSight",
    "QlikSense", "Lightdash", "MicroStrategy", "QlikCloud", "Sigma", "ThoughtSpot", "Grafana", "Hex",
  ],
  connections: CONNECTIONS,
});

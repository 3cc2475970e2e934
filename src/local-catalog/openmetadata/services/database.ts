import { awsCredentials, azureCredentials, clientSslConfig, filterPattern, gcpCredentials, supports } from "../connection-credentials.js";
import { arr, bool, connector, definitions, int, map, num, obj, oneOf, secret, str } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/databaseServices` (`entity/services/databaseService.json`,
 * `api/services/createDatabaseService.json`). The connectors checked are the common ones, written from
 * `entity/services/connections/database/*.json` (docs/upstream/openmetadata.md §2.3): the union of the
 * properties of the versions seen, each version's required keys, the `format: password` secrets.
 */

/** `database/common/{basicAuth,iamAuthConfig,azureConfig}.json`: a password, AWS IAM or Azure credentials. */
const databaseAuth = oneOf(obj({ password: secret() }), obj({ awsConfig: awsCredentials }), obj({ azureConfig: azureCredentials }));
const filters = {
  schemaFilterPattern: filterPattern,
  tableFilterPattern: filterPattern,
  databaseFilterPattern: filterPattern,
  storedProcedureFilterPattern: filterPattern,
};
/** The capabilities Snowflake and BigQuery declare. */
const warehouseCapabilities = supports(
  "MetadataExtraction",
  "IncrementalMetadataExtraction",
  "UsageExtraction",
  "LineageExtraction",
  "DBTExtraction",
  "Profiler",
  "Database",
  "QueryComment",
  "SystemProfile",
  "DataDiff",
);
const options = { connectionOptions: map(), connectionArguments: map(), sampleDataStorageConfig: map() };

/** The database connectors the catalog checks (Superset and others embed Mysql and Postgres ones). */
export const DATABASE_CONNECTIONS = definitions(
  connector(
    "Mysql",
    {
      scheme: str({ default: "mysql+pymysql", enum: ["mysql+pymysql"] }),
      username: str(),
      authType: databaseAuth,
      hostPort: str(),
      databaseName: str(),
      databaseSchema: str(),
      sslConfig: clientSslConfig,
      // Older versions' SSL keys.
      sslCA: str(),
      sslCert: str(),
      sslKey: str(),
      ...options,
      ...filters,
      ...supports("MetadataExtraction", "DBTExtraction", "Profiler", "QueryComment", "DataDiff", "UsageExtraction", "LineageExtraction"),
      useSlowLogs: bool(false),
    },
    ["hostPort", "username"],
  ),
  connector(
    "Postgres",
    {
      scheme: str({ default: "postgresql+psycopg2", enum: ["postgresql+psycopg2", "pgspider+psycopg2"] }),
      username: str(),
      authType: databaseAuth,
      hostPort: str(),
      database: str(),
      ingestAllDatabases: bool(false),
      sslMode: str({ enum: ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] }),
      sslConfig: clientSslConfig,
      classificationName: str({ default: "PostgresPolicyTags" }),
      queryStatementSource: str({ default: "pg_stat_statements" }),
      ...options,
      ...filters,
      ...supports("MetadataExtraction", "UsageExtraction", "LineageExtraction", "DBTExtraction", "Profiler", "Database", "QueryComment", "DataDiff"),
    },
    ["hostPort", "username", "database"],
  ),
  // The schema's top-level `oneOf` over `authType` (basic: username and password; oauth2: oauth; keyPair:
  // username and privateKey) is not enforced: only the keys every branch requires are.
  connector(
    "Snowflake",
    {
      scheme: str({ default: "snowflake", enum: ["snowflake"] }),
      username: str(),
      password: secret(),
      authType: str({ default: "basic", enum: ["basic", "oauth2", "keyPair"] }),
      oauth: obj(
        { clientId: str(), clientSecret: secret(), refreshToken: secret(), accessToken: secret(), expiresAt: int(), tokenEndpoint: str(), scopes: arr(str()) },
        ["clientId", "clientSecret", "refreshToken"],
      ),
      account: str(),
      role: str(),
      database: str(),
      warehouse: str(),
      queryTag: str(),
      accountUsageSchema: str({ default: "SNOWFLAKE.ACCOUNT_USAGE" }),
      privateKey: secret(),
      snowflakePrivatekeyPassphrase: secret(),
      includeTransientTables: bool(true),
      includeStreams: bool(false),
      includeStages: bool(false),
      clientSessionKeepAlive: bool(false),
      ...options,
      ...filters,
      ...warehouseCapabilities,
      creditCost: num(3.3),
      snowflakeSourceHost: str({ default: "app.snowflake.com" }),
    },
    ["account", "warehouse"],
  ),
  connector(
    "BigQuery",
    {
      scheme: str({ default: "bigquery", enum: ["bigquery"] }),
      hostPort: str({ default: "bigquery.googleapis.com" }),
      billingProjectId: str(),
      credentials: gcpCredentials,
      taxonomyProjectID: arr(str()),
      taxonomyLocation: str({ default: "us" }),
      usageLocation: str({ default: "us" }),
      // Older versions' keys.
      classificationName: str(),
      partitionQueryDuration: int(),
      partitionQuery: str(),
      partitionField: str(),
      ...options,
      ...filters,
      ...warehouseCapabilities,
      costPerTB: num(6.25),
    },
    ["credentials"],
  ),
);

/** The database service row. */
export const DATABASE_SERVICE = serviceKind({
  entityType: "databaseService",
  path: "services/databaseServices",
  keys: [
    "id", "name", "fullyQualifiedName", "displayName", "serviceType", "description", "connection", "pipelines", "testConnectionResult", "tags",
    "serviceAttributes", "style", "version", "updatedAt", "updatedBy", "impersonatedBy", "owners", "href", "followers", "changeDescription",
    "incrementalChangeDescription", "deleted", "entityStatus", "dataProducts", "dataContract", "domains", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "tags", "serviceType", "connection", "owners", "dataProducts", "domains", "ingestionRunner", "entityStatus"],
  types: [
    "BigQuery", "BigTable", "Mysql", "Redshift", "Snowflake", "Postgres", "Timescale", "Mssql", "MicrosoftAccess", "Oracle", "Athena", "Hive",
    "Impala", "Presto", "Trino", "Vertica", "Glue", "MariaDB", "Druid", "Db2", "Clickhouse", "Databricks", "AzureSQL", "DynamoDB", "SingleStore",
    "SQLite", "DeltaLake", "Salesforce", "PinotDB", "Datalake", "DomoDatabase", "QueryLog", "CustomDatabase", "Dbt", "SapHana", "SapSuccessFactors",
    "MongoDB", "Cassandra", "Couchbase", "Greenplum", "Doris", "StarRocks", "UnityCatalog", "SAS", "Teradata", "SapErp", "Synapse", "Exasol",
    "Cockroach", "SSAS", "Epic", "ServiceNow", "Dremio", "MicrosoftFabric", "BurstIQ", "Informix", "Iomete", "QuestDB", "Data360", "SapBw4Hana",
  ],
  connections: DATABASE_CONNECTIONS,
});

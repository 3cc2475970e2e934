import { awsCredentials, azureCredentials, basicAuth, filterPattern, gcpCredentials, sslConfig, supportsMetadataExtraction, verifySSL } from "./connection-credentials.js";
import { any, arr, bool, connector, definitions, int, map, num, obj, oneOf, secret, str } from "./connection-spec.js";

/**
 * The catalog's knowledge of each ML model and pipeline service type's `connection.config`
 * (docs/upstream/openmetadata.md §2.3), written from OpenMetadata's JSON schemas
 * (`entity/services/connections/{mlmodel,pipeline}/*.json` and the `security/` files they refer to).
 * Each definition lists its properties in schema order, the required ones, the schema defaults the
 * server materialises, and the `format: password` properties it masks (§1.3). References the schema
 * subset leaves dangling (database backends, S3 storage, §13.2) are open objects whose `password` keys
 * are still treated as secrets.
 */

/** A database connection the subset does not carry (Airflow backend, Wherescape metastore, SSIS): open, secret `password`. */
const databaseConnection = obj({ password: secret(), authType: obj({ password: secret() }, [], true) }, [], true);
/** Airflow's metadata database: `Backend`, or a MySQL / Postgres / MSSQL / SQLite connection. */
const airflowBackend = oneOf(obj({ type: str({ default: "Backend", enum: ["Backend"] }) }), databaseConnection);

/** The ML model service connectors (`entity/services/connections/mlmodel/*.json`). */
export const ML_MODEL_CONNECTIONS = definitions(
  connector("Mlflow", { trackingUri: str(), registryUri: str(), supportsMetadataExtraction }, ["trackingUri", "registryUri"]),
  connector("Sklearn", { supportsMetadataExtraction }),
  connector("CustomMlModel", { sourcePythonClass: str(), connectionOptions: map() }, ["sourcePythonClass", "type"]),
  connector("SageMaker", { awsConfig: awsCredentials, mlModelFilterPattern: filterPattern, supportsMetadataExtraction }, ["awsConfig"]),
  connector("VertexAI", { credentials: gcpCredentials, location: str(), mlModelFilterPattern: filterPattern }, ["credentials", "location"]),
);

/** The pipeline service connectors (`entity/services/connections/pipeline/*.json`). */
export const PIPELINE_CONNECTIONS = definitions(
  connector("Airflow", { hostPort: str(), numberOfStatus: int(10), connection: airflowBackend, supportsMetadataExtraction }, ["hostPort", "connection"]),
  // The schema requires `connection` but defines no such property (and forbids unknown ones): Jackson
  // generates no field for it, so the server cannot ask for it.
  connector("Wherescape", { hostPort: str(), metastore: databaseConnection, supportsMetadataExtraction }),
  // `packageConnection` is an S3 connection (not in the subset) or a local path string.
  connector("SSIS", { databaseConnection, packageConnection: any(), supportsMetadataExtraction }, ["databaseConnection", "packageConnection"]),
  connector("GluePipeline", { awsConfig: awsCredentials, supportsMetadataExtraction }, ["awsConfig"]),
  connector(
    "KinesisFirehose",
    { awsConfig: awsCredentials, messagingServiceName: str(), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
    ["awsConfig"],
  ),
  connector(
    "Airbyte",
    { hostPort: str(), username: str(), password: secret(), apiVersion: str({ default: "api/v1" }), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
    ["hostPort"],
  ),
  connector(
    "Fivetran",
    { apiKey: str(), hostPort: str({ default: "https://api.fivetran.com" }), apiSecret: secret(), limit: int(1000), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
    ["apiKey", "apiSecret"],
  ),
  connector("Flink", { hostPort: str({ default: "https://api.flink.com" }), verifySSL, sslConfig, pipelineFilterPattern: filterPattern }, ["hostPort"]),
  connector(
    "Dagster",
    { host: str(), token: secret(), timeout: int(1000), stripAssetKeyPrefix: int(0), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
    ["host"],
  ),
  connector(
    "Nifi",
    {
      hostPort: str(),
      nifiConfig: oneOf(
        obj({ username: str(), password: secret(), verifySSL: bool(false) }),
        obj({ certificateAuthorityPath: str(), clientCertificatePath: str(), clientkeyPath: str() }),
      ),
      supportsMetadataExtraction,
    },
    ["hostPort"],
  ),
  connector(
    "DomoPipeline",
    { clientId: str(), secretToken: secret(), accessToken: str(), apiHost: str({ default: "api.domo.com" }), sandboxDomain: str(), supportsMetadataExtraction },
    ["clientId", "secretToken", "sandboxDomain"],
  ),
  connector("CustomPipeline", { sourcePythonClass: str(), connectionOptions: map(), pipelineFilterPattern: filterPattern }, ["type"]),
  connector(
    "DatabricksPipeline",
    { hostPort: str(), token: secret(), connectionTimeout: num(120), httpPath: str(), connectionArguments: map(), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
    ["hostPort", "token"],
  ),
  connector("Spline", { hostPort: str(), uiHostPort: str(), supportsMetadataExtraction }, ["hostPort"]),
  connector("Spark", { pipelineFilterPattern: filterPattern }),
  connector(
    "OpenLineage",
    {
      brokerConfig: oneOf(
        obj(
          {
            brokersUrl: str(),
            topicName: str(),
            consumerGroupName: str(),
            consumerOffsets: str({ default: "earliest", enum: ["earliest", "latest"] }),
            poolTimeout: num(1.0),
            sessionTimeout: int(30),
            securityProtocol: str({ default: "PLAINTEXT", enum: ["PLAINTEXT", "SASL_PLAINTEXT", "SSL", "SASL_SSL"] }),
            sslConfig,
            // `saslMechanism` is a messaging enum the subset does not carry; `saslPassword` is a plain string, not `format: password`.
            saslConfig: obj({ saslMechanism: str({ default: "PLAIN" }), saslUsername: str(), saslPassword: str() }),
          },
          ["brokersUrl", "topicName"],
        ),
        obj(
          {
            streamName: str(),
            awsConfig: awsCredentials,
            consumerOffsets: str({ default: "TRIM_HORIZON", enum: ["TRIM_HORIZON", "LATEST"] }),
            poolTimeout: num(1.0),
            sessionTimeout: int(30),
          },
          ["streamName", "awsConfig"],
        ),
      ),
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    },
    ["brokerConfig"],
  ),
  connector(
    "KafkaConnect",
    { hostPort: str(), KafkaConnectConfig: obj({ username: str(), password: secret() }), verifySSL: bool(true), messagingServiceName: str(), pipelineFilterPattern: filterPattern },
    ["hostPort"],
  ),
  connector(
    "DBTCloud",
    {
      host: str(),
      discoveryAPI: str(),
      accountId: str(),
      jobIds: arr(),
      projectIds: arr(),
      numberOfRuns: int(100),
      token: secret(),
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    },
    ["host", "discoveryAPI", "accountId", "token"],
  ),
  connector("Matillion", {
    connection: oneOf(
      obj(
        { type: str({ default: "MatillionETL", enum: ["MatillionETL"] }), hostPort: str({ default: "localhost" }), username: str(), password: secret(), sslConfig },
        ["hostPort", "username", "password"],
      ),
    ),
    pipelineFilterPattern: filterPattern,
    supportsMetadataExtraction,
  }),
  connector(
    "Stitch",
    { hostPort: str({ default: "https://api.stitchdata.com/v4" }), token: secret(), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
    ["hostPort", "token"],
  ),
  connector(
    "DataFactory",
    {
      subscription_id: str(),
      resource_group_name: str(),
      factory_name: str(),
      run_filter_days: int(7),
      configSource: azureCredentials,
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    },
    ["subscription_id", "resource_group_name", "factory_name"],
  ),
  connector(
    "Snowplow",
    {
      deployment: str({ default: "BDP", enum: ["BDP", "Community"] }),
      consoleUrl: str(),
      apiKey: secret(),
      organizationId: str(),
      configPath: str(),
      cloudProvider: str({ default: "AWS", enum: ["AWS", "GCP", "Azure"] }),
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    },
    ["type", "deployment"],
  ),
  connector(
    "Mulesoft",
    {
      hostPort: str({ default: "https://anypoint.mulesoft.com" }),
      authentication: oneOf(basicAuth, obj({ clientId: str(), clientSecret: secret() }, ["clientId", "clientSecret"])),
      organizationId: str(),
      environmentId: str(),
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    },
    ["authentication"],
  ),
  connector(
    "MicrosoftFabricPipeline",
    {
      tenantId: str(),
      clientId: str(),
      clientSecret: secret(),
      workspaceId: str(),
      authorityUri: str({ default: "https://login.microsoftonline.com/" }),
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    },
    ["tenantId", "clientId", "clientSecret", "workspaceId"],
  ),
  connector(
    "TableauPipeline",
    {
      hostPort: str(),
      authType: oneOf(basicAuth, obj({ personalAccessTokenName: str(), personalAccessTokenSecret: secret() }, ["personalAccessTokenName", "personalAccessTokenSecret"])),
      siteName: str(),
      apiVersion: str(),
      verifySSL,
      sslConfig,
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    },
    ["hostPort"],
  ),
);

/** ML model service types (`mlModelServiceType` of `entity/services/mlmodelService.json`), in schema order. */
export const ML_MODEL_SERVICE_TYPES: readonly string[] = ["Mlflow", "Sklearn", "CustomMlModel", "SageMaker", "VertexAI"];

/** Pipeline service types (`pipelineServiceType` of `entity/services/pipelineService.json`, newest), in schema order. */
export const PIPELINE_SERVICE_TYPES: readonly string[] = [
  "Airflow",
  "GluePipeline",
  "KinesisFirehose",
  "Airbyte",
  "Fivetran",
  "Flink",
  "Dagster",
  "Nifi",
  "DomoPipeline",
  "CustomPipeline",
  "DatabricksPipeline",
  "Spline",
  "Spark",
  "OpenLineage",
  "KafkaConnect",
  "DBTCloud",
  "Matillion",
  "Stitch",
  "DataFactory",
  "Wherescape",
  "SSIS",
  "Snowplow",
  "Mulesoft",
  "MicrosoftFabricPipeline",
  "TableauPipeline",
];

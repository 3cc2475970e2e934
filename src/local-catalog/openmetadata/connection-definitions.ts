import { any, arr, bool, collectSecrets, int, map, num, obj, oneOf, secret, str, type FieldSpec, type ObjectSpec } from "./connection-spec.js";

/**
 * The catalog's knowledge of each service type's `connection.config` (openmetadata-contract.md §2.3),
 * written from OpenMetadata's JSON schemas (`entity/services/connections/{mlmodel,pipeline}/*.json` and
 * the `security/` files they refer to). Each definition lists its properties in schema order, the
 * required ones, the schema defaults the server materialises, and the `format: password` properties it
 * masks (§1.3). References the schema subset leaves dangling (database backends, S3 storage, §13.2) are
 * open objects whose `password` keys are still treated as secrets.
 */

/** The entity type of the collection a service type belongs to. */
export type ServiceEntityType = "mlmodelService" | "pipelineService";

/** One service type's `connection.config` definition. */
export interface ConnectionDefinition {
  readonly serviceType: string;
  readonly kind: ServiceEntityType;
  readonly config: ObjectSpec;
}

const supportsMetadataExtraction = bool(true);
const filterPattern = obj({ includes: arr(), excludes: arr() });
/** `security/credentials/awsCredentials.json`. */
const awsCredentials = obj(
  {
    awsAccessKeyId: str(),
    awsSecretAccessKey: secret(),
    awsRegion: str(),
    awsSessionToken: str(),
    endPointURL: str(),
    profileName: str(),
    assumeRoleArn: str(),
    assumeRoleSessionName: str({ default: "OpenMetadataSession" }),
    assumeRoleSourceIdentity: str(),
  },
  ["awsRegion"],
);
/** `security/credentials/gcpCredentials.json`: values, a file path, an external account, or ADC. */
const gcpCredentials = obj(
  {
    gcpConfig: oneOf(
      obj({
        type: str(),
        projectId: any(),
        privateKeyId: str(),
        privateKey: secret(),
        clientEmail: str(),
        clientId: str(),
        authUri: str({ default: "https://accounts.google.com/o/oauth2/auth" }),
        tokenUri: str({ default: "https://oauth2.googleapis.com/token" }),
        authProviderX509CertUrl: str({ default: "https://www.googleapis.com/oauth2/v1/certs" }),
        clientX509CertUrl: str(),
      }),
      obj({ type: str({ default: "gcp_credential_path", enum: ["gcp_credential_path"] }), path: str(), projectId: any() }, [], true),
      obj({
        type: str({ default: "external_account", enum: ["external_account"] }),
        externalType: str({ default: "external_account", enum: ["external_account"] }),
        audience: str(),
        subjectTokenType: str(),
        tokenURL: str(),
        credentialSource: map(),
      }),
      obj({ type: str({ default: "gcp_adc", enum: ["gcp_adc"] }), projectId: any() }, [], true),
    ),
    gcpImpersonateServiceAccount: obj({ impersonateServiceAccount: str(), lifetime: int(3600) }, [], true),
  },
  ["gcpConfig"],
);
/** `security/credentials/azureCredentials.json` as DataFactory's `configSource`. */
const azureCredentials = obj({ clientId: str(), clientSecret: secret(), tenantId: str(), accountName: str() }, ["clientId", "clientSecret", "tenantId", "accountName"]);
const basicAuth = obj({ username: str(), password: secret() }, ["username", "password"]);
const sslConfig = oneOf(obj({ certificatePath: str() }));
const verifySSL = str({ default: "no-ssl", enum: ["no-ssl", "ignore", "validate"] });
/** A database connection the subset does not carry (Airflow backend, Wherescape metastore, SSIS): open, secret `password`. */
const databaseConnection = obj({ password: secret(), authType: obj({ password: secret() }, [], true) }, [], true);
/** Airflow's metadata database: `Backend`, or a MySQL / Postgres / MSSQL / SQLite connection. */
const airflowBackend = oneOf(obj({ type: str({ default: "Backend", enum: ["Backend"] }) }), databaseConnection);

function definition(kind: ServiceEntityType, serviceType: string, properties: Record<string, FieldSpec>, required: readonly string[] = []): ConnectionDefinition {
  return { serviceType, kind, config: obj({ type: str({ default: serviceType, enum: [serviceType] }), ...properties }, required) };
}
const ml = (serviceType: string, properties: Record<string, FieldSpec>, required: readonly string[] = []) => definition("mlmodelService", serviceType, properties, required);
const pipeline = (serviceType: string, properties: Record<string, FieldSpec>, required: readonly string[] = []) =>
  definition("pipelineService", serviceType, properties, required);

/** Every connection definition, keyed by service type. */
export const CONNECTION_DEFINITIONS: Readonly<Record<string, ConnectionDefinition>> = Object.fromEntries(
  [
    ml("Mlflow", { trackingUri: str(), registryUri: str(), supportsMetadataExtraction }, ["trackingUri", "registryUri"]),
    ml("Sklearn", { supportsMetadataExtraction }),
    ml("CustomMlModel", { sourcePythonClass: str(), connectionOptions: map() }, ["sourcePythonClass", "type"]),
    ml("SageMaker", { awsConfig: awsCredentials, mlModelFilterPattern: filterPattern, supportsMetadataExtraction }, ["awsConfig"]),
    ml("VertexAI", { credentials: gcpCredentials, location: str(), mlModelFilterPattern: filterPattern }, ["credentials", "location"]),
    pipeline("Airflow", { hostPort: str(), numberOfStatus: int(10), connection: airflowBackend, supportsMetadataExtraction }, ["hostPort", "connection"]),
    // The schema requires `connection` but defines no such property (and forbids unknown ones): Jackson
    // generates no field for it, so the server cannot ask for it.
    pipeline("Wherescape", { hostPort: str(), metastore: databaseConnection, supportsMetadataExtraction }),
    // `packageConnection` is an S3 connection (not in the subset) or a local path string.
    pipeline("SSIS", { databaseConnection, packageConnection: any(), supportsMetadataExtraction }, ["databaseConnection", "packageConnection"]),
    pipeline("GluePipeline", { awsConfig: awsCredentials, supportsMetadataExtraction }, ["awsConfig"]),
    pipeline(
      "KinesisFirehose",
      { awsConfig: awsCredentials, messagingServiceName: str(), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
      ["awsConfig"],
    ),
    pipeline(
      "Airbyte",
      { hostPort: str(), username: str(), password: secret(), apiVersion: str({ default: "api/v1" }), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
      ["hostPort"],
    ),
    pipeline(
      "Fivetran",
      { apiKey: str(), hostPort: str({ default: "https://api.fivetran.com" }), apiSecret: secret(), limit: int(1000), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
      ["apiKey", "apiSecret"],
    ),
    pipeline("Flink", { hostPort: str({ default: "https://api.flink.com" }), verifySSL, sslConfig, pipelineFilterPattern: filterPattern }, ["hostPort"]),
    pipeline(
      "Dagster",
      { host: str(), token: secret(), timeout: int(1000), stripAssetKeyPrefix: int(0), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
      ["host"],
    ),
    pipeline(
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
    pipeline(
      "DomoPipeline",
      { clientId: str(), secretToken: secret(), accessToken: str(), apiHost: str({ default: "api.domo.com" }), sandboxDomain: str(), supportsMetadataExtraction },
      ["clientId", "secretToken", "sandboxDomain"],
    ),
    pipeline("CustomPipeline", { sourcePythonClass: str(), connectionOptions: map(), pipelineFilterPattern: filterPattern }, ["type"]),
    pipeline(
      "DatabricksPipeline",
      { hostPort: str(), token: secret(), connectionTimeout: num(120), httpPath: str(), connectionArguments: map(), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
      ["hostPort", "token"],
    ),
    pipeline("Spline", { hostPort: str(), uiHostPort: str(), supportsMetadataExtraction }, ["hostPort"]),
    pipeline("Spark", { pipelineFilterPattern: filterPattern }),
    pipeline(
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
    pipeline(
      "KafkaConnect",
      { hostPort: str(), KafkaConnectConfig: obj({ username: str(), password: secret() }), verifySSL: bool(true), messagingServiceName: str(), pipelineFilterPattern: filterPattern },
      ["hostPort"],
    ),
    pipeline(
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
    pipeline("Matillion", {
      connection: oneOf(
        obj(
          { type: str({ default: "MatillionETL", enum: ["MatillionETL"] }), hostPort: str({ default: "localhost" }), username: str(), password: secret(), sslConfig },
          ["hostPort", "username", "password"],
        ),
      ),
      pipelineFilterPattern: filterPattern,
      supportsMetadataExtraction,
    }),
    pipeline(
      "Stitch",
      { hostPort: str({ default: "https://api.stitchdata.com/v4" }), token: secret(), pipelineFilterPattern: filterPattern, supportsMetadataExtraction },
      ["hostPort", "token"],
    ),
    pipeline(
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
    pipeline(
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
    pipeline(
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
    pipeline(
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
    pipeline(
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
  ].map((d) => [d.serviceType, d]),
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

const secretPathCache = new Map<string, readonly string[]>();

/** Dotted paths (inside `connection.config`) of the `format: password` properties of a service type (§1.3). */
export function secretPaths(serviceType: string): readonly string[] {
  let paths = secretPathCache.get(serviceType);
  if (!paths) {
    const definition = CONNECTION_DEFINITIONS[serviceType];
    paths = definition ? collectSecrets(definition.config) : [];
    secretPathCache.set(serviceType, paths);
  }
  return paths;
}

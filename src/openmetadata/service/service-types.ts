/**
 * OpenMetadata service types and their connection definitions, shared by the gateway (which validates
 * inputs before sending them) and the local catalog (which validates what it stores).
 *
 * Written from OpenMetadata's JSON schemas (`entity/services/mlmodelService.json`,
 * `entity/services/pipelineService.json`, `entity/services/connections/**`, `security/**`); see
 * openmetadata-contract.md §2.3 and §13. Each connection definition lists its properties in schema
 * order, the required ones, the schema defaults the server materialises, and the `format: password`
 * properties the server masks (§1.3). References the schema subset leaves dangling (database backends,
 * S3 storage) are modelled as open objects.
 */

import { isPlainObject } from "../../plain-object.js";
import type { ServiceKind } from "./kinds.js";

/** One property of a connection definition. */
export type FieldSpec =
  | { readonly type: "string"; readonly secret?: true; readonly default?: string; readonly enum?: readonly string[] }
  | { readonly type: "integer" | "number"; readonly default?: number }
  | { readonly type: "boolean"; readonly default?: boolean }
  | { readonly type: "array" }
  /** A free-form object (`connectionOptions`, `connectionArguments`, GCP `credentialSource`). */
  | { readonly type: "map" }
  /** Anything (a `oneOf` of scalars, or a reference the schema subset does not carry). */
  | { readonly type: "any" }
  | ObjectSpec
  | { readonly type: "oneOf"; readonly options: readonly ObjectSpec[] };

/** An object property: closed (`additionalProperties: false`) unless `open`. */
export interface ObjectSpec {
  readonly type: "object";
  readonly properties: Readonly<Record<string, FieldSpec>>;
  readonly required?: readonly string[];
  readonly open?: boolean;
}

/** The two service collections this project serves (openmetadata-contract.md §1.2), by entity type. */
type ServiceKindName = ServiceKind["entityType"];

/** One service type's `connection.config` definition. */
export interface ConnectionDefinition {
  readonly serviceType: string;
  readonly kind: ServiceKindName;
  readonly config: ObjectSpec;
}

/** One problem found in a connection, with the dotted path of the offending field. */
export interface ConnectionProblem {
  readonly path: string;
  /** `unknown`: a key the schema does not allow; `required`: a missing key; `type`: wrong JSON type or value. */
  readonly kind: "unknown" | "required" | "type";
  readonly message: string;
}

/** The mask the server shows instead of a secret to non-bot callers (§1.3). */
export const SECRET_MASK = "*********";

const str = (extra: { default?: string; enum?: readonly string[] } = {}): FieldSpec => ({ type: "string", ...extra });
const secret = (): FieldSpec => ({ type: "string", secret: true });
const int = (value?: number): FieldSpec => (value === undefined ? { type: "integer" } : { type: "integer", default: value });
const num = (value?: number): FieldSpec => (value === undefined ? { type: "number" } : { type: "number", default: value });
const bool = (value?: boolean): FieldSpec => (value === undefined ? { type: "boolean" } : { type: "boolean", default: value });
const arr = (): FieldSpec => ({ type: "array" });
const map = (): FieldSpec => ({ type: "map" });
const any = (): FieldSpec => ({ type: "any" });
const obj = (properties: Record<string, FieldSpec>, required: readonly string[] = [], open = false): ObjectSpec => ({
  type: "object",
  properties,
  required,
  open,
});
const oneOf = (...options: ObjectSpec[]): FieldSpec => ({ type: "oneOf", options });

const supportsMetadataExtraction = bool(true);
const filterPattern = obj({ includes: arr(), excludes: arr() });
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
const azureCredentials = obj(
  { clientId: str(), clientSecret: secret(), tenantId: str(), accountName: str() },
  ["clientId", "clientSecret", "tenantId", "accountName"],
);
const basicAuth = obj({ username: str(), password: secret() }, ["username", "password"]);
const sslConfig = oneOf(obj({ certificatePath: str() }));
const verifySSL = str({ default: "no-ssl", enum: ["no-ssl", "ignore", "validate"] });
/** Airflow's metadata database: `Backend`, or a database connection (not in the schema subset: open, secret `password`). */
const airflowBackend = oneOf(
  obj({ type: str({ default: "Backend", enum: ["Backend"] }) }),
  obj(
    {
      type: str({ enum: ["Mysql", "Postgres", "Mssql", "SQLite"] }),
      password: secret(),
      authType: obj({ password: secret() }, [], true),
    },
    ["type"],
    true,
  ),
);
/** A database connection the subset does not carry (Wherescape metastore, SSIS database). */
const databaseConnection = obj({ password: secret(), authType: obj({ password: secret() }, [], true) }, [], true);

function definition(kind: ServiceKindName, serviceType: string, properties: Record<string, FieldSpec>, required: readonly string[] = []): ConnectionDefinition {
  return { serviceType, kind, config: obj({ type: str({ default: serviceType, enum: [serviceType] }), ...properties }, required) };
}
const ml = (serviceType: string, properties: Record<string, FieldSpec>, required: readonly string[] = []) =>
  definition("mlmodelService", serviceType, properties, required);
const pipeline = (serviceType: string, properties: Record<string, FieldSpec>, required: readonly string[] = []) =>
  definition("pipelineService", serviceType, properties, required);

/** Every connection definition, keyed by service type. */
export const CONNECTION_DEFINITIONS: Readonly<Record<string, ConnectionDefinition>> = Object.fromEntries(
  [
    ml("Mlflow", { trackingUri: str(), registryUri: str(), supportsMetadataExtraction }, ["trackingUri", "registryUri"]),
    ml("Sklearn", { supportsMetadataExtraction }),
    ml("CustomMlModel", { sourcePythonClass: str(), connectionOptions: map() }, ["type", "sourcePythonClass"]),
    ml("SageMaker", { awsConfig: awsCredentials, mlModelFilterPattern: filterPattern, supportsMetadataExtraction }, ["awsConfig"]),
    ml("VertexAI", { credentials: gcpCredentials, location: str(), mlModelFilterPattern: filterPattern }, ["credentials", "location"]),
    pipeline(
      "Airflow",
      { hostPort: str(), numberOfStatus: int(10), connection: airflowBackend, supportsMetadataExtraction },
      ["hostPort", "connection"],
    ),
    // The schema lists `connection` as required but defines no such property; the server cannot enforce it.
    pipeline("Wherescape", { hostPort: str(), metastore: databaseConnection, supportsMetadataExtraction }),
    pipeline(
      "SSIS",
      { databaseConnection, packageConnection: { type: "map" }, supportsMetadataExtraction },
      ["databaseConnection", "packageConnection"],
    ),
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
      {
        apiKey: str(),
        hostPort: str({ default: "https://api.fivetran.com" }),
        apiSecret: secret(),
        limit: int(1000),
        pipelineFilterPattern: filterPattern,
        supportsMetadataExtraction,
      },
      ["apiKey", "apiSecret"],
    ),
    pipeline(
      "Flink",
      { hostPort: str({ default: "https://api.flink.com" }), verifySSL, sslConfig, pipelineFilterPattern: filterPattern },
      ["hostPort"],
    ),
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
      {
        hostPort: str(),
        token: secret(),
        connectionTimeout: num(120),
        httpPath: str(),
        connectionArguments: map(),
        pipelineFilterPattern: filterPattern,
        supportsMetadataExtraction,
      },
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
      {
        hostPort: str(),
        KafkaConnectConfig: obj({ username: str(), password: secret() }),
        verifySSL: bool(true),
        messagingServiceName: str(),
        pipelineFilterPattern: filterPattern,
      },
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
        authType: oneOf(
          basicAuth,
          obj({ personalAccessTokenName: str(), personalAccessTokenSecret: secret() }, ["personalAccessTokenName", "personalAccessTokenSecret"]),
        ),
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

/** ML model service types (`mlModelServiceType` enum), in schema order. */
export const ML_MODEL_SERVICE_TYPES: readonly string[] = ["Mlflow", "Sklearn", "CustomMlModel", "SageMaker", "VertexAI"];

/** Pipeline service types (`pipelineServiceType` enum, newest), in schema order. */
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

/** The service types of one collection. */
export function serviceTypesOf(kind: ServiceKindName): readonly string[] {
  return kind === "mlmodelService" ? ML_MODEL_SERVICE_TYPES : PIPELINE_SERVICE_TYPES;
}

/** The longest entity name the server accepts (`type/basic.json#/definitions/entityName`, §8.2). */
const ENTITY_NAME_MAX_LENGTH = 256;

/** The entity-name pattern as the server prints it in bean-validation messages (§4.3). */
const ENTITY_NAME_PATTERN = "^((?!::).)*$";

/**
 * The bean-validation violations of an entity name (without the field prefix): `size must be between
 * 1 and 256` and/or `must match "^((?!::).)*$"` (§8.2). Empty when the name is valid.
 */
export function entityNameViolations(name: string): string[] {
  const violations: string[] = [];
  if (name.length < 1 || name.length > ENTITY_NAME_MAX_LENGTH) violations.push(`size must be between 1 and ${ENTITY_NAME_MAX_LENGTH}`);
  if (name.includes("::") || /[\n\r\u2028\u2029\u0085]/.test(name)) violations.push(`must match "${ENTITY_NAME_PATTERN}"`);
  return violations;
}

/** True when OpenMetadata accepts `name` as an entity name: 1..256 characters, no `::` (§8.2). */
export function isValidEntityName(name: string): boolean {
  return entityNameViolations(name).length === 0;
}

/**
 * Checks a service's `connection` (`{ config: {...} }`) against the definition of `serviceType`:
 * unknown keys, required keys, JSON types, and `config.type` equal to the service type. Service types
 * without a definition accept any keys but still need a matching `type`.
 */
export function checkConnection(serviceType: string, connection: unknown): ConnectionProblem[] {
  if (!isPlainObject(connection)) return [{ path: "connection", kind: "type", message: "connection must be an object" }];
  const problems: ConnectionProblem[] = [];
  for (const key of Object.keys(connection)) {
    if (key !== "config") problems.push({ path: `connection.${key}`, kind: "unknown", message: `connection.${key} is not a known field of a ${serviceType} connection` });
  }
  const config = connection.config;
  if (config === undefined || config === null) return problems;
  if (!isPlainObject(config)) return [...problems, { path: "connection.config", kind: "type", message: "connection.config must be an object" }];
  if (config.type !== undefined && config.type !== serviceType) {
    problems.push({
      path: "connection.config.type",
      kind: "type",
      message: `connection.config.type must be ${serviceType} (the serviceType), got ${JSON.stringify(config.type)}`,
    });
  }
  const definition = CONNECTION_DEFINITIONS[serviceType];
  if (!definition) return problems;
  const { type: _type, ...rest } = config;
  const withoutType: ObjectSpec = { ...definition.config, required: (definition.config.required ?? []).filter((k) => k !== "type") };
  problems.push(...checkObject(withoutType, rest, "connection.config", serviceType));
  return problems;
}

/** {@link checkConnection} as human-readable messages naming the field, e.g. `connection.config.trackingUri is required for Mlflow`. */
export function validateConnection(serviceType: string, connection: unknown): string[] {
  return checkConnection(serviceType, connection).map((p) => p.message);
}

/**
 * A copy of `config` with the schema defaults filled in (as the server materialises them, §2.3) and
 * known keys in schema order; `type` defaults to the service type.
 */
export function withConnectionDefaults(serviceType: string, config: Record<string, unknown>): Record<string, unknown> {
  const definition = CONNECTION_DEFINITIONS[serviceType];
  if (!definition) return { type: serviceType, ...config };
  return fillObject(definition.config, config);
}

/** Dotted paths (inside `connection.config`) of the `format: password` properties of a service type. */
export function secretPaths(serviceType: string): readonly string[] {
  const cached = secretPathCache.get(serviceType);
  if (cached) return cached;
  const definition = CONNECTION_DEFINITIONS[serviceType];
  const paths = definition ? [...new Set(collectSecrets(definition.config, ""))] : [];
  secretPathCache.set(serviceType, paths);
  return paths;
}

const secretPathCache = new Map<string, readonly string[]>();

function collectSecrets(spec: FieldSpec, prefix: string): string[] {
  if (spec.type === "string") return spec.secret ? [prefix] : [];
  if (spec.type === "oneOf") return spec.options.flatMap((o) => collectSecrets(o, prefix));
  if (spec.type !== "object") return [];
  return Object.entries(spec.properties).flatMap(([key, child]) => collectSecrets(child, prefix ? `${prefix}.${key}` : key));
}

function checkObject(spec: ObjectSpec, value: Record<string, unknown>, path: string, serviceType: string): ConnectionProblem[] {
  const problems: ConnectionProblem[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childSpec = Object.hasOwn(spec.properties, key) ? spec.properties[key] : undefined; // `__proto__`, `constructor` are keys like any other
    const childPath = `${path}.${key}`;
    if (!childSpec) {
      if (!spec.open) problems.push({ path: childPath, kind: "unknown", message: `${childPath} is not a known field of a ${serviceType} connection` });
      continue;
    }
    if (child === null) continue;
    problems.push(...checkField(childSpec, child, childPath, serviceType));
  }
  for (const key of spec.required ?? []) {
    if (value[key] === undefined || value[key] === null) {
      problems.push({ path: `${path}.${key}`, kind: "required", message: `${path}.${key} is required for ${serviceType}` });
    }
  }
  return problems;
}

function checkField(spec: FieldSpec, value: unknown, path: string, serviceType: string): ConnectionProblem[] {
  const wrong = (expected: string): ConnectionProblem[] => [
    { path, kind: "type", message: `${path} must be ${expected} for ${serviceType}, got ${JSON.stringify(value)}` },
  ];
  switch (spec.type) {
    case "string":
      if (typeof value !== "string") return wrong("a string");
      if (spec.enum && !spec.enum.includes(value)) return wrong(`one of ${spec.enum.join(", ")}`);
      return [];
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? [] : wrong("an integer");
    case "number":
      return typeof value === "number" ? [] : wrong("a number");
    case "boolean":
      return typeof value === "boolean" ? [] : wrong("a boolean");
    case "array":
      return Array.isArray(value) ? [] : wrong("an array");
    case "map":
      return isPlainObject(value) ? [] : wrong("an object");
    case "any":
      return [];
    case "object":
      return isPlainObject(value) ? checkObject(spec, value, path, serviceType) : wrong("an object");
    case "oneOf": {
      if (!isPlainObject(value)) return wrong("an object");
      let best: ConnectionProblem[] | undefined;
      for (const option of spec.options) {
        const problems = checkObject(option, value, path, serviceType);
        if (problems.length === 0) return [];
        if (!best || problems.length < best.length) best = problems;
      }
      return best ?? [];
    }
  }
}

function fillObject(spec: ObjectSpec, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(spec.properties)) {
    const current = value[key];
    if (current === undefined || current === null) {
      if ("default" in child && child.default !== undefined) out[key] = child.default;
      continue;
    }
    out[key] = fillField(child, current);
  }
  for (const [key, current] of Object.entries(value)) {
    if (!(key in spec.properties) && current !== undefined) out[key] = current;
  }
  return out;
}

function fillField(spec: FieldSpec, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  if (spec.type === "object") return fillObject(spec, value);
  if (spec.type === "oneOf") {
    const option = spec.options.find((o) => checkObject(o, value, "", "").length === 0);
    return option ? fillObject(option, value) : value;
  }
  return value;
}

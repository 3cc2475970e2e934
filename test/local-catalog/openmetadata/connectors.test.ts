import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_SERVICE_SECRETS, SAMPLE_SERVICES } from "../../../src/local-catalog/openmetadata/sample-services.js";
import { startTestCatalog, type TestCatalog } from "./helpers.js";

/**
 * The common connectors of the database, dashboard, messaging, storage, search and API service kinds
 * (docs/upstream/openmetadata.md §2.3, §1.3, §7.3): `type` must be the service type, each required key is
 * reported by name when missing, secrets (`format: password`) are masked for users and plain for bots,
 * and a masked body sent back keeps them. Other connectors take any object whose `type` is theirs.
 */
let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
});
afterAll(async () => {
  await t.close();
});

const BOT = "ingestion-bot";

interface Case {
  collection: string;
  config: Record<string, unknown>;
  required: string[];
  /** Dotted paths of the secrets in `config`. */
  secrets: string[];
}

const gcp = { gcpConfig: { type: "service_account", projectId: "p", privateKey: "gcp-key", clientEmail: "sa@p.iam.gserviceaccount.com" } };
const CASES: Record<string, Case> = {
  Mysql: { collection: "databaseServices", config: { username: "u", authType: { password: "mysql-pw" }, hostPort: "mysql:3306" }, required: ["hostPort", "username"], secrets: ["authType.password"] },
  Postgres: {
    collection: "databaseServices",
    config: { username: "u", authType: { password: "pg-pw" }, hostPort: "pg:5432", database: "orders" },
    required: ["hostPort", "username", "database"],
    secrets: ["authType.password"],
  },
  Snowflake: { collection: "databaseServices", config: { username: "u", password: "sf-pw", account: "acme", warehouse: "WH" }, required: ["account", "warehouse"], secrets: ["password"] },
  BigQuery: { collection: "databaseServices", config: { credentials: gcp }, required: ["credentials"], secrets: ["credentials.gcpConfig.privateKey"] },
  Looker: {
    collection: "dashboardServices",
    config: { clientId: "id", clientSecret: "looker-secret", hostPort: "https://looker" },
    required: ["hostPort", "clientId", "clientSecret"],
    secrets: ["clientSecret"],
  },
  Tableau: { collection: "dashboardServices", config: { hostPort: "https://tableau", authType: { username: "u", password: "tableau-pw" } }, required: ["hostPort"], secrets: ["authType.password"] },
  Superset: {
    collection: "dashboardServices",
    config: { hostPort: "http://superset:8088", connection: { provider: "db", username: "u", password: "superset-pw" } },
    required: ["hostPort", "connection"],
    secrets: ["connection.password"],
  },
  Kafka: {
    collection: "messagingServices",
    config: { bootstrapServers: "kafka:9092", saslUsername: "u", saslPassword: "sasl-pw", basicAuthUserInfo: "registry:pw" },
    required: ["bootstrapServers"],
    secrets: ["saslPassword", "basicAuthUserInfo"],
  },
  Redpanda: { collection: "messagingServices", config: { bootstrapServers: "redpanda:9092", saslPassword: "rp-pw" }, required: ["bootstrapServers"], secrets: ["saslPassword"] },
  S3: { collection: "storageServices", config: { awsConfig: { awsRegion: "eu-west-1", awsSecretAccessKey: "s3-secret" } }, required: ["awsConfig"], secrets: ["awsConfig.awsSecretAccessKey"] },
  ElasticSearch: { collection: "searchServices", config: { hostPort: "https://es:9200", authType: { username: "u", password: "es-pw" } }, required: [], secrets: ["authType.password"] },
  OpenSearch: { collection: "searchServices", config: { hostPort: "https://os:9200", authType: { apiKey: "os-key", apiKeyId: "k1" } }, required: [], secrets: ["authType.apiKey"] },
  Rest: {
    collection: "apiServices",
    config: { openAPISchemaConnection: { openAPISchemaURL: "https://api/openapi.json" }, token: "rest-token" },
    required: ["openAPISchemaConnection"],
    secrets: ["token"],
  },
};

function at(config: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
}

function create(collection: string, name: string, serviceType: string, config: Record<string, unknown>) {
  return t.call("POST", `/services/${collection}`, { body: { name, serviceType, connection: { config } } });
}

describe.each(Object.entries(CASES))("%s", (serviceType, { collection, config, required, secrets }) => {
  const name = `${serviceType.toLowerCase()}_connector`;

  test("a valid config is stored; secrets masked for users, plain for bots; a masked body sent back keeps them", async () => {
    const created = await create(collection, name, serviceType, { type: serviceType, ...config });
    expect(created.status).toBe(201);
    const path = `/services/${collection}/${created.json.id}`;
    const masked = (await t.call("GET", path)).json.connection.config;
    const plain = (await t.call("GET", path, { token: BOT })).json.connection.config;
    expect(masked.type).toBe(serviceType);
    for (const secret of secrets) {
      expect(at(masked, secret)).toBe("*********");
      expect(at(plain, secret)).toBe(at(config, secret));
    }
    const put = await t.call("PUT", `/services/${collection}`, { body: { name, serviceType, connection: { config: masked } } });
    expect(put.status).toBe(200);
    const after = (await t.call("GET", path, { token: BOT })).json.connection.config;
    for (const secret of secrets) expect(at(after, secret)).toBe(at(config, secret));
  });

  test("each required key missing is a 400 naming it, and nothing is stored", async () => {
    for (const key of required) {
      const { [key]: _dropped, ...rest } = config;
      const answer = await create(collection, `${name}_no_${key}`, serviceType, { type: serviceType, ...rest });
      expect(answer.json).toEqual({
        code: 400,
        message: `InvalidServiceConnectionException for service [${serviceType}] due to [connection.config.${key} is required for ${serviceType}].`,
      });
      expect((await t.call("GET", `/services/${collection}/name/${name}_no_${key}`)).status).toBe(404);
    }
    if (required.length === 0) expect((await create(collection, `${name}_bare`, serviceType, { type: serviceType })).status).toBe(201);
  });

  test("a type other than the serviceType is a 400", async () => {
    const answer = await create(collection, `${name}_mismatch`, serviceType, { ...config, type: "Other" });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toContain(`connection.config.type must be ${serviceType} (the serviceType), got "Other"`);
  });
});

describe("connectors the catalog does not describe", () => {
  const UNKNOWN: [string, string][] = [
    ["databaseServices", "Redshift"],
    ["dashboardServices", "Metabase"],
    ["messagingServices", "Kinesis"],
    ["storageServices", "GCS"],
    ["searchServices", "CustomSearch"],
    ["apiServices", "WEBHOOK"],
    ["metadataServices", "Amundsen"],
    ["driveServices", "Sftp"],
    ["securityServices", "Ranger"],
    ["llmServices", "OpenAI"],
    ["mcpServices", "Mcp"],
  ];

  test.each(UNKNOWN)("%s %s: any object with its type is stored as sent; another type is a 400", async (collection, serviceType) => {
    const config = { type: serviceType, anything: { nested: [1, 2] }, hostPort: "h" };
    const created = await create(collection, `${serviceType.toLowerCase()}_any`, serviceType, config);
    expect(created.status).toBe(201);
    expect(created.json.connection.config).toEqual(config);
    const mismatch = await create(collection, `${serviceType.toLowerCase()}_other`, serviceType, { ...config, type: "Mysql" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.message).toContain(`connection.config.type must be ${serviceType}`);
  });

  test("a service type of two kinds is checked per kind: VertexAI as an LLM service is not the ML model connector", async () => {
    const llm = await create("llmServices", "vertex_llm", "VertexAI", { type: "VertexAI", projectId: "p", credentials: "{}" });
    expect(llm.status).toBe(201);
    const ml = await create("mlmodelServices", "vertex_ml", "VertexAI", { type: "VertexAI", projectId: "p", credentials: "{}" });
    expect(ml.status).toBe(400);
  });
});

describe("sample services of the further kinds", () => {
  const secrets = Object.values(SAMPLE_SERVICE_SECRETS) as string[];

  test.each(Object.entries(SAMPLE_SERVICES))("%s: reachable by id and name, secrets masked for users, plain for bots", async (_, service) => {
    const collection = `/services/${service.entityType}s`;
    const byName = await t.call("GET", `${collection}/name/${service.name}?fields=owners,tags,domains,followers`);
    expect(byName.json).toMatchObject({ id: service.id, serviceType: service.request.serviceType, version: 0.1 });
    for (const secret of secrets) expect(byName.text).not.toContain(secret);
    expect(byName.text).toContain("*********");
    const bot = await t.call("GET", `${collection}/${service.id}`, { token: BOT });
    expect(secrets.some((secret) => bot.text.includes(JSON.stringify(secret)))).toBe(true);
  });
});

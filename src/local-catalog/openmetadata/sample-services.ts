import type { EntityRepository } from "./entity-repository.js";
import { caller, create } from "./sample-data.js";

/** A seeded service of one of the further service kinds: its collection's entity type, fixed id, name and create request. */
export interface SampleService {
  readonly entityType: string;
  readonly id: string;
  readonly name: string;
  readonly request: Readonly<Record<string, unknown>>;
}

/** The plain-text secrets of these services' connections (what bots see; others see `*********`). */
export const SAMPLE_SERVICE_SECRETS = {
  snowflakePassword: "snowflake-reporting-password",
  postgresPassword: "orders-db-password",
  lookerClientSecret: "looker-client-secret",
  kafkaSaslPassword: "kafka-sasl-password",
  s3SecretKey: "s3-secret-access-key",
  elasticPassword: "elastic-password",
  ordersApiToken: "orders-api-token",
} as const;

/** Sample services of the database, dashboard, messaging, storage, search and API kinds, by key. */
export const SAMPLE_SERVICES = {
  /** Snowflake with a `password`. */
  snowflakeProd: {
    entityType: "databaseService",
    id: "88888888-0000-4000-8000-000000000001",
    name: "snowflake_prod",
    request: {
      serviceType: "Snowflake",
      description: "Snowflake warehouse of the analytics account",
      connection: {
        config: { type: "Snowflake", username: "reporting", password: SAMPLE_SERVICE_SECRETS.snowflakePassword, account: "acme-eu1", warehouse: "REPORTING_WH" },
      },
      domains: ["Sales"],
    },
  },
  /** Postgres with a basic-auth `authType.password`. */
  ordersDb: {
    entityType: "databaseService",
    id: "88888888-0000-4000-8000-000000000002",
    name: "orders_db",
    request: {
      serviceType: "Postgres",
      connection: {
        config: { type: "Postgres", username: "orders_ro", authType: { password: SAMPLE_SERVICE_SECRETS.postgresPassword }, hostPort: "orders-db:5432", database: "orders" },
      },
    },
  },
  /** Looker with an API `clientSecret`. */
  lookerMain: {
    entityType: "dashboardService",
    id: "88888888-0000-4000-8000-000000000003",
    name: "looker_main",
    request: {
      serviceType: "Looker",
      displayName: "Looker",
      connection: { config: { type: "Looker", clientId: "looker-api", clientSecret: SAMPLE_SERVICE_SECRETS.lookerClientSecret, hostPort: "https://acme.looker.com" } },
    },
  },
  /** Kafka over SASL_SSL with a `saslPassword`. */
  kafkaEvents: {
    entityType: "messagingService",
    id: "88888888-0000-4000-8000-000000000004",
    name: "kafka_events",
    request: {
      serviceType: "Kafka",
      description: "Event bus of the order platform",
      connection: {
        config: {
          type: "Kafka",
          bootstrapServers: "kafka-1:9092,kafka-2:9092",
          securityProtocol: "SASL_SSL",
          saslMechanism: "SCRAM-SHA-512",
          saslUsername: "catalog",
          saslPassword: SAMPLE_SERVICE_SECRETS.kafkaSaslPassword,
        },
      },
    },
  },
  /** S3 with an AWS secret key. */
  s3DataLake: {
    entityType: "storageService",
    id: "88888888-0000-4000-8000-000000000005",
    name: "s3_data_lake",
    request: {
      serviceType: "S3",
      description: "Raw and curated zones of the data lake",
      connection: {
        config: {
          type: "S3",
          awsConfig: { awsAccessKeyId: "AKIALAKEKEY", awsSecretAccessKey: SAMPLE_SERVICE_SECRETS.s3SecretKey, awsRegion: "eu-central-1" },
          bucketNames: ["acme-raw", "acme-curated"],
        },
      },
    },
  },
  /** ElasticSearch with a basic-auth `authType.password`. */
  elasticSearch: {
    entityType: "searchService",
    id: "88888888-0000-4000-8000-000000000006",
    name: "elastic_search",
    request: {
      serviceType: "ElasticSearch",
      connection: { config: { type: "ElasticSearch", hostPort: "https://es.internal:9200", authType: { username: "elastic", password: SAMPLE_SERVICE_SECRETS.elasticPassword } } },
    },
  },
  /** Rest with a bearer `token`. */
  ordersApi: {
    entityType: "apiService",
    id: "88888888-0000-4000-8000-000000000007",
    name: "orders_api",
    request: {
      serviceType: "Rest",
      description: "Public REST API of the order platform",
      connection: {
        config: {
          type: "Rest",
          openAPISchemaConnection: { openAPISchemaURL: "https://api.acme.example/openapi.json" },
          token: SAMPLE_SERVICE_SECRETS.ordersApiToken,
          docURL: "https://api.acme.example/docs",
        },
      },
    },
  },
} as const satisfies Record<string, SampleService>;

const DAY = 86_400_000;

/** Writes {@link SAMPLE_SERVICES}, each created by `admin` a day before `now`, in the collection of its entity type. */
export function seedSampleServices(repositoryOf: (entityType: string) => EntityRepository, now: number): void {
  for (const service of Object.values(SAMPLE_SERVICES) as SampleService[]) {
    create(repositoryOf(service.entityType), service.id, caller("admin"), now - DAY, { name: service.name, ...service.request });
  }
}

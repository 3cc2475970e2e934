import type { ReferenceStore } from "./references.js";
import type { EntityRepository } from "./entity-repository.js";
import type { Caller, ServiceEntity } from "./types.js";

/** Seeded users (the token equal to a user name authenticates as that user). `ingestion-bot` is a bot. */
export const SAMPLE_USERS = {
  admin: { id: "11111111-0000-4000-8000-000000000001", name: "admin", displayName: "Admin" },
  alice: { id: "1b7c8e0a-2f0e-4b7a-9a53-6b1f1c0e2d11", name: "alice", displayName: "Alice Martin" },
  bob: { id: "11111111-0000-4000-8000-000000000003", name: "bob", displayName: "Bob Chen" },
  carol: { id: "11111111-0000-4000-8000-000000000004", name: "carol", displayName: "Carol Diaz" },
  ingestionBot: { id: "11111111-0000-4000-8000-000000000005", name: "ingestion-bot", displayName: "Ingestion Bot" },
} as const;

/** Seeded teams. */
export const SAMPLE_TEAMS = {
  dataEng: { id: "22222222-0000-4000-8000-000000000001", name: "data-eng", displayName: "Data Engineering" },
  mlPlatform: { id: "22222222-0000-4000-8000-000000000002", name: "ml-platform", displayName: "ML Platform" },
} as const;

/** Seeded classification tags, by FQN. */
export const SAMPLE_TAGS = {
  piiSensitive: { id: "33333333-0000-4000-8000-000000000001", fqn: "PII.Sensitive" },
  piiNone: { id: "33333333-0000-4000-8000-000000000002", fqn: "PII.None" },
  tier1: { id: "33333333-0000-4000-8000-000000000003", fqn: "Tier.Tier1" },
  tier2: { id: "33333333-0000-4000-8000-000000000004", fqn: "Tier.Tier2" },
} as const;

/** The seeded glossary term (label `source: Glossary`). */
export const SAMPLE_GLOSSARY_TERM = { id: "44444444-0000-4000-8000-000000000001", fqn: "BusinessGlossary.Revenue" } as const;

/** Seeded domains (create requests name them by FQN). */
export const SAMPLE_DOMAINS = {
  marketing: { id: "55555555-0000-4000-8000-000000000001", name: "Marketing" },
  sales: { id: "55555555-0000-4000-8000-000000000002", name: "Sales" },
} as const;

/** The seeded data product. */
export const SAMPLE_DATA_PRODUCT = { id: "66666666-0000-4000-8000-000000000001", name: "CustomerInsights" } as const;

/** Seeded ML model services (`/api/v1/services/mlmodelServices`). */
export const SAMPLE_ML_SERVICES = {
  /** Mlflow, version 0.3 (admin created, alice edited the description, bob added owner/tag/domain). */
  mlflowSvc: { id: "ca22d46e-81b9-4e48-85b5-0adc44980da9", name: "mlflow_svc" },
  /** Sklearn; a name with a dot and a slash, FQN `"team.ml/registry"`. */
  teamRegistry: { id: "77777777-0000-4000-8000-000000000001", name: "team.ml/registry" },
  /** SageMaker with an AWS secret key (masked for non-bots), version 0.2. */
  sagemakerProd: { id: "77777777-0000-4000-8000-000000000002", name: "sagemaker_prod" },
  /** VertexAI with a GCP private key, in the Sales domain. */
  vertexAiEu: { id: "77777777-0000-4000-8000-000000000003", name: "vertex_ai_eu" },
  /** CustomMlModel, soft-deleted (version 0.2). */
  retiredModels: { id: "77777777-0000-4000-8000-000000000004", name: "retired_models" },
  /** Sklearn; a name with spaces and non-ASCII letters. */
  unicodeModels: { id: "77777777-0000-4000-8000-000000000005", name: "Modèles ünïcode" },
} as const;

/** Seeded pipeline services (`/api/v1/services/pipelineServices`). */
export const SAMPLE_PIPELINE_SERVICES = {
  /** Airflow; has two child pipelines, so deleting it needs `recursive=true`. */
  sampleAirflow: { id: "daa58a49-df05-48a3-a417-45dfd12eacf5", name: "sample_airflow" },
  /** Fivetran with `apiSecret` (masked), owned by data-eng, version 0.2. */
  fivetranProd: { id: "5d1e6a2c-7f43-4c34-9d3e-0b7b1e6a9f10", name: "fivetran_prod" },
  /** Dagster with a `token`, part of the CustomerInsights data product. */
  dagsterDev: { id: "77777777-0000-4000-8000-000000000006", name: "dagster_dev" },
  /** Airbyte with a `password`. */
  airbyteLocal: { id: "77777777-0000-4000-8000-000000000007", name: "airbyte_local" },
  /** GluePipeline with an AWS secret key. */
  glueEtl: { id: "77777777-0000-4000-8000-000000000008", name: "glue_etl" },
  /** CustomPipeline whose name carries double quotes and a percent sign (FQN unchanged). */
  nightlyEtl: { id: "77777777-0000-4000-8000-000000000009", name: 'etl "nightly" 100%' },
  /** Nifi with basic-auth `nifiConfig.password`. */
  nifiFlows: { id: "77777777-0000-4000-8000-00000000000a", name: "nifi_flows" },
} as const;

/** The plain-text secrets of the seeded connections (what bots see). */
export const SAMPLE_SECRETS = {
  sagemakerSecretKey: "sagemaker-secret-access-key",
  vertexPrivateKey: "-----BEGIN PRIVATE KEY-----\nMIIEvexample\n-----END PRIVATE KEY-----\n",
  fivetranApiSecret: "fivetran-api-secret",
  dagsterToken: "dagster-api-token",
  airbytePassword: "airbyte-password",
  glueSecretKey: "glue-secret-access-key",
  nifiPassword: "nifi-password",
} as const;

const DAY = 86_400_000;

/** Writes the reference entities (users, teams, tags, glossary term, domains, data product). */
export function seedReferences(references: ReferenceStore): void {
  for (const user of Object.values(SAMPLE_USERS)) {
    references.insert("user", {
      id: user.id,
      name: user.name,
      fullyQualifiedName: user.name,
      displayName: user.displayName,
      email: `${user.name}@example.com`,
      isBot: user.name === SAMPLE_USERS.ingestionBot.name,
      isAdmin: user.name === SAMPLE_USERS.admin.name,
      deleted: false,
    });
  }
  for (const team of Object.values(SAMPLE_TEAMS)) {
    references.insert("team", { id: team.id, name: team.name, fullyQualifiedName: team.name, displayName: team.displayName, teamType: "Group", deleted: false });
  }
  const tagDescriptions: Record<string, string> = {
    "PII.Sensitive": "PII which if lost, compromised, or disclosed without authorization could result in substantial harm.",
    "PII.None": "Non PII",
    "Tier.Tier1": "Critical source of business data.",
    "Tier.Tier2": "Important business data.",
  };
  for (const tag of Object.values(SAMPLE_TAGS)) {
    const [classification, name] = tag.fqn.split(".");
    references.insert("tag", {
      id: tag.id,
      name,
      fullyQualifiedName: tag.fqn,
      description: tagDescriptions[tag.fqn],
      classification: { type: "classification", name: classification, fullyQualifiedName: classification },
      deleted: false,
    });
  }
  references.insert("glossaryTerm", {
    id: SAMPLE_GLOSSARY_TERM.id,
    name: "Revenue",
    fullyQualifiedName: SAMPLE_GLOSSARY_TERM.fqn,
    description: "Income from the sale of goods and services.",
    glossary: { type: "glossary", name: "BusinessGlossary", fullyQualifiedName: "BusinessGlossary" },
    deleted: false,
  });
  for (const domain of Object.values(SAMPLE_DOMAINS)) {
    references.insert("domain", {
      id: domain.id,
      name: domain.name,
      fullyQualifiedName: domain.name,
      displayName: domain.name,
      description: `The ${domain.name} domain.`,
      domainType: "Aggregate",
      deleted: false,
    });
  }
  references.insert("dataProduct", {
    id: SAMPLE_DATA_PRODUCT.id,
    name: SAMPLE_DATA_PRODUCT.name,
    fullyQualifiedName: SAMPLE_DATA_PRODUCT.name,
    description: "Customer insights built by marketing.",
    deleted: false,
  });
}

/** Writes the sample services with their histories; `now` is the catalog clock at seeding time. */
export function seedServices(ml: EntityRepository, pipelines: EntityRepository, now: number): void {
  const admin = caller("admin");
  const alice = caller("alice");
  const bob = caller("bob");
  const bot: Caller = { name: "ingestion-bot", bot: true };
  const tag = (tagFQN: string) => ({ tagFQN, source: "Classification", labelType: "Manual", state: "Confirmed" });
  const owner = (ref: { id: string }, type: "user" | "team") => ({ id: ref.id, type });

  create(ml, SAMPLE_ML_SERVICES.mlflowSvc.id, admin, now - 30 * DAY, {
    name: "mlflow_svc",
    displayName: "MLflow Production",
    serviceType: "Mlflow",
    description: "MLflow tracking server",
    connection: { config: { type: "Mlflow", trackingUri: "http://localhost:8088", registryUri: "http://localhost:8088" } },
  });
  evolve(ml, SAMPLE_ML_SERVICES.mlflowSvc.id, alice, now - 20 * DAY, (e) => {
    e.description = "Production MLflow tracking server";
  });
  evolve(ml, SAMPLE_ML_SERVICES.mlflowSvc.id, bob, now - 10 * DAY, (e, refs) => {
    e.owners = refs.owners([owner(SAMPLE_USERS.alice, "user")]);
    e.tags = refs.tagLabels([tag("Tier.Tier1")]);
    e.domains = refs.referencesByFqn(["Marketing"], "domain");
  });

  create(ml, SAMPLE_ML_SERVICES.teamRegistry.id, alice, now - 9 * DAY, {
    name: SAMPLE_ML_SERVICES.teamRegistry.name,
    serviceType: "Sklearn",
    description: "Shared scikit-learn model registry of the ML platform team",
    connection: { config: { type: "Sklearn" } },
    owners: [owner(SAMPLE_TEAMS.mlPlatform, "team")],
    tags: [tag("PII.None")],
  });

  create(ml, SAMPLE_ML_SERVICES.sagemakerProd.id, admin, now - 8 * DAY, {
    name: SAMPLE_ML_SERVICES.sagemakerProd.name,
    serviceType: "SageMaker",
    description: "SageMaker models of the production account",
    connection: {
      config: { type: "SageMaker", awsConfig: { awsAccessKeyId: "AKIAEXAMPLEKEY", awsSecretAccessKey: SAMPLE_SECRETS.sagemakerSecretKey, awsRegion: "us-east-1" } },
    },
    owners: [owner(SAMPLE_USERS.bob, "user")],
  });
  evolve(ml, SAMPLE_ML_SERVICES.sagemakerProd.id, bot, now - 7 * DAY, (e) => {
    const config = e.connection?.config as { awsConfig: Record<string, unknown> };
    config.awsConfig.awsRegion = "eu-west-1";
  });

  create(ml, SAMPLE_ML_SERVICES.vertexAiEu.id, alice, now - 6 * DAY, {
    name: SAMPLE_ML_SERVICES.vertexAiEu.name,
    serviceType: "VertexAI",
    displayName: "Vertex AI (EU)",
    connection: {
      config: {
        type: "VertexAI",
        location: "europe-west4",
        credentials: {
          gcpConfig: {
            type: "service_account",
            projectId: "ml-eu",
            privateKeyId: "key-1",
            privateKey: SAMPLE_SECRETS.vertexPrivateKey,
            clientEmail: "vertex@ml-eu.iam.gserviceaccount.com",
            clientId: "1234567890",
          },
        },
      },
    },
    domains: ["Sales"],
  });

  create(ml, SAMPLE_ML_SERVICES.retiredModels.id, admin, now - 60 * DAY, {
    name: SAMPLE_ML_SERVICES.retiredModels.name,
    serviceType: "CustomMlModel",
    description: "Models of the retired scoring platform",
    connection: { config: { type: "CustomMlModel", sourcePythonClass: "acme.scoring.LegacyModels" } },
  });
  ml.delete({ id: SAMPLE_ML_SERVICES.retiredModels.id }, false, false, admin, now - 45 * DAY);

  create(ml, SAMPLE_ML_SERVICES.unicodeModels.id, bob, now - 5 * DAY, {
    name: SAMPLE_ML_SERVICES.unicodeModels.name,
    serviceType: "Sklearn",
    description: "Modèles de l'équipe de Zürich",
    tags: [{ tagFQN: SAMPLE_GLOSSARY_TERM.fqn, source: "Glossary", labelType: "Manual", state: "Confirmed" }],
  });

  create(pipelines, SAMPLE_PIPELINE_SERVICES.sampleAirflow.id, admin, now - 40 * DAY, {
    name: "sample_airflow",
    serviceType: "Airflow",
    description: "Airflow production service",
    connection: { config: { type: "Airflow", hostPort: "http://localhost:8080", connection: { type: "Backend" } } },
    owners: [owner(SAMPLE_TEAMS.dataEng, "team")],
  });

  create(pipelines, SAMPLE_PIPELINE_SERVICES.fivetranProd.id, admin, now - 12 * DAY, {
    name: "fivetran_prod",
    serviceType: "Fivetran",
    description: "Production Fivetran account",
    connection: { config: { type: "Fivetran", apiKey: "abc123", apiSecret: SAMPLE_SECRETS.fivetranApiSecret } },
    owners: [owner(SAMPLE_TEAMS.dataEng, "team")],
  });
  evolve(pipelines, SAMPLE_PIPELINE_SERVICES.fivetranProd.id, alice, now - 11 * DAY, (e, refs) => {
    e.tags = refs.tagLabels([tag("Tier.Tier1")]);
  });

  create(pipelines, SAMPLE_PIPELINE_SERVICES.dagsterDev.id, carol(), now - 4 * DAY, {
    name: "dagster_dev",
    serviceType: "Dagster",
    connection: { config: { type: "Dagster", host: "http://dagster:3000", token: SAMPLE_SECRETS.dagsterToken } },
    dataProducts: [SAMPLE_DATA_PRODUCT.name],
    domains: ["Marketing"],
  });

  create(pipelines, SAMPLE_PIPELINE_SERVICES.airbyteLocal.id, carol(), now - 4 * DAY, {
    name: "airbyte_local",
    serviceType: "Airbyte",
    connection: { config: { type: "Airbyte", hostPort: "http://airbyte:8000", username: "airbyte", password: SAMPLE_SECRETS.airbytePassword } },
    tags: [tag("PII.Sensitive"), tag("Tier.Tier2")],
  });

  create(pipelines, SAMPLE_PIPELINE_SERVICES.glueEtl.id, admin, now - 3 * DAY, {
    name: "glue_etl",
    serviceType: "GluePipeline",
    description: "AWS Glue jobs",
    connection: { config: { type: "GluePipeline", awsConfig: { awsAccessKeyId: "AKIAGLUEKEY", awsSecretAccessKey: SAMPLE_SECRETS.glueSecretKey, awsRegion: "us-west-2" } } },
  });

  create(pipelines, SAMPLE_PIPELINE_SERVICES.nightlyEtl.id, bob, now - 2 * DAY, {
    name: SAMPLE_PIPELINE_SERVICES.nightlyEtl.name,
    serviceType: "CustomPipeline",
    description: "Hand-written nightly jobs",
    connection: { config: { type: "CustomPipeline", sourcePythonClass: "acme.etl.Nightly", connectionOptions: { schedule: "0 2 * * *" } } },
  });

  create(pipelines, SAMPLE_PIPELINE_SERVICES.nifiFlows.id, admin, now - 2 * DAY, {
    name: "nifi_flows",
    serviceType: "Nifi",
    connection: { config: { type: "Nifi", hostPort: "https://nifi:8443", nifiConfig: { username: "nifi", password: SAMPLE_SECRETS.nifiPassword } } },
    owners: [owner(SAMPLE_USERS.carol, "user")],
  });
}

/** A non-bot caller by name. */
export function caller(name: string): Caller {
  return { name, bot: false };
}

function carol(): Caller {
  return caller("carol");
}

/** Inserts the entity a create request describes, with a fixed id, as `by` at `at` (sample data). */
export function create(repository: EntityRepository, id: string, by: Caller, at: number, request: Record<string, unknown>): void {
  const { entity, parentId } = repository.newEntity(repository.parseCreate(request, "POST"), by, at);
  repository.insert({ ...entity, id }, parentId);
}

/** Applies `change` to a stored entity as a PUT by `by` at `at` (sample histories). */
export function evolve(
  repository: EntityRepository,
  id: string,
  by: Caller,
  at: number,
  change: (entity: ServiceEntity, references: ReferenceStore) => void,
): void {
  const stored = repository.find({ id }) as ServiceEntity;
  const updated = structuredClone(stored);
  change(updated, repository.references);
  repository.applyUpdate(stored, updated, "PUT", by, at, {});
}

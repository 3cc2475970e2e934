import type { GraphQLEnumType } from "graphql";
import type { EntityKind } from "../../src/openmetadata/entity/kind.js";
import { ENTITY_KINDS } from "../../src/openmetadata/kinds.js";
import { isServiceKind } from "../../src/openmetadata/service/kind.js";
import { buildSchema } from "../../src/schema.js";

/**
 * The test side of the table of kinds: for each kind, its GraphQL names, its REST collection, a valid
 * create input and the request the catalog should receive for it, and an update with its operations.
 */
export interface KindRow {
  T: string;
  field: string;
  plural: string;
  collection: string;
  createInput(name: string): Record<string, unknown>;
  createRequest(input: Record<string, unknown>): Record<string, unknown>;
  /** Extra arguments of the plural query, and the query parameters they become. */
  listArgs: string;
  listFilters: Record<string, string>;
  updateInput: Record<string, unknown>;
  updateOps: unknown[];
}

/** A service kind's example: a service type and a connection the catalog accepts for it. */
interface ServiceExample {
  serviceType: string;
  connection: Record<string, unknown>;
}

/**
 * The service kinds whose example names a connector the catalog checks, with its required keys. Every
 * other service kind is created with the last value of its `serviceType` enum (a connector the catalog
 * accepts as any object) and `connection: { type }`, so a new plain kind needs no line here.
 */
const SERVICE_EXAMPLES: Readonly<Record<string, ServiceExample>> = {
  MlModelService: { serviceType: "Mlflow", connection: { type: "Mlflow", trackingUri: "http://m:5000", registryUri: "http://m:5000" } },
  PipelineService: { serviceType: "Airbyte", connection: { type: "Airbyte", hostPort: "http://a:8000" } },
};

const schema = buildSchema();

function exampleOf(kind: EntityKind): ServiceExample {
  const known = SERVICE_EXAMPLES[kind.typename];
  if (known) return known;
  const values = (schema.getType(`${kind.typename}Type`) as GraphQLEnumType).getValues();
  const serviceType = values[values.length - 1].name;
  return { serviceType, connection: { type: serviceType } };
}

function serviceRow(kind: EntityKind): KindRow {
  const { serviceType, connection } = exampleOf(kind);
  return {
    T: kind.typename,
    field: kind.field,
    plural: kind.plural,
    collection: kind.collection,
    createInput: (name) => ({ name, serviceType, connection, description: "d" }),
    createRequest: ({ connection: config, ...rest }) => ({ ...rest, connection: { config } }),
    listArgs: "",
    listFilters: {},
    updateInput: { displayName: "Shown" },
    updateOps: [{ op: "add", path: "/displayName", value: "Shown" }],
  };
}

/** Every service kind of the table. */
export const SERVICE_ROWS: KindRow[] = ENTITY_KINDS.filter(isServiceKind).map(serviceRow);

export const ASSET_ROWS: KindRow[] = [
  {
    T: "MlModel",
    field: "mlModel",
    plural: "mlModels",
    collection: "mlmodels",
    createInput: (name) => ({ name, service: "mlflow_svc", algorithm: "xgboost", description: "d", mlHyperParameters: [{ name: "depth", value: "6" }] }),
    createRequest: (input) => input,
    listArgs: ', service: "mlflow_svc"',
    listFilters: { service: "mlflow_svc" },
    updateInput: { algorithm: "lightgbm", target: "churned", mlStore: { storage: "s3://models/churn" } },
    updateOps: [
      { op: "replace", path: "/algorithm", value: "lightgbm" },
      { op: "add", path: "/target", value: "churned" },
      { op: "add", path: "/mlStore", value: { storage: "s3://models/churn" } },
    ],
  },
  {
    T: "Pipeline",
    field: "pipeline",
    plural: "pipelines",
    collection: "pipelines",
    createInput: (name) => ({ name, service: "sample_airflow", description: "d", tasks: [{ name: "extract" }] }),
    createRequest: (input) => input,
    listArgs: ', service: "sample_airflow"',
    listFilters: { service: "sample_airflow" },
    updateInput: { scheduleInterval: "0 * * * *", concurrency: 2 },
    updateOps: [
      { op: "add", path: "/scheduleInterval", value: "0 * * * *" },
      { op: "add", path: "/concurrency", value: 2 },
    ],
  },
];

/** Every row of the table. */
export const KIND_ROWS: KindRow[] = [...SERVICE_ROWS, ...ASSET_ROWS];

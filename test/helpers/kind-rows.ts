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

function serviceRow(T: string, collection: string, serviceType: string, connection: Record<string, unknown>): KindRow {
  return {
    T,
    field: T[0].toLowerCase() + T.slice(1),
    plural: `${T[0].toLowerCase()}${T.slice(1)}s`,
    collection: `services/${collection}`,
    createInput: (name) => ({ name, serviceType, connection, description: "d" }),
    createRequest: ({ connection: config, ...rest }) => ({ ...rest, connection: { config } }),
    listArgs: "",
    listFilters: {},
    updateInput: { displayName: "Shown" },
    updateOps: [{ op: "add", path: "/displayName", value: "Shown" }],
  };
}

export const SERVICE_ROWS: KindRow[] = [
  serviceRow("MlModelService", "mlmodelServices", "Mlflow", { type: "Mlflow", trackingUri: "http://m:5000", registryUri: "http://m:5000" }),
  serviceRow("PipelineService", "pipelineServices", "Airbyte", { type: "Airbyte", hostPort: "http://a:8000" }),
];

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

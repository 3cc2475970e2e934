import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_SERVING_NAME } from "../wml/sample-data.js";
import type { EntityRepository } from "./entity-repository.js";
import { caller, create, SAMPLE_DATA_PRODUCT, SAMPLE_TEAMS, SAMPLE_USERS } from "./sample-data.js";

const DAY = 86_400_000;

/** Fixed ids of the sample ML models. */
export const SAMPLE_ML_MODELS = {
  /** `mlflow_svc."churn.v2"`: served by the sample WML deployment `churnOnline` (its `server` is that deployment's predictions URL). */
  churn: { id: "5a0c6f3e-1d2b-4c8a-9e7f-0b1c2d3e4f01", name: "churn.v2", fqn: 'mlflow_svc."churn.v2"' },
  /** `mlflow_svc.diabetes_ridge`: served through the sample serving name `diabetes_v1`. */
  diabetes: { id: "5a0c6f3e-1d2b-4c8a-9e7f-0b1c2d3e4f02", name: "diabetes_ridge", fqn: "mlflow_svc.diabetes_ridge" },
  /** `mlflow_svc.fraud_scorer`: no `server` (not deployed on WML). */
  fraud: { id: "5a0c6f3e-1d2b-4c8a-9e7f-0b1c2d3e4f03", name: "fraud_scorer", fqn: "mlflow_svc.fraud_scorer" },
} as const;

/** Fixed ids of the sample pipelines (all in `sample_airflow`, which therefore needs `recursive=true` to delete). */
export const SAMPLE_PIPELINES = {
  /** Three tasks, scheduled daily, latest run successful. */
  dailyOrders: { id: "6b1d7a4f-2e3c-4d9b-8f80-1c2d3e4f5a01", name: "daily_orders", fqn: "sample_airflow.daily_orders" },
  /** Two tasks, latest run failed. */
  hourlyClicks: { id: "6b1d7a4f-2e3c-4d9b-8f80-1c2d3e4f5a02", name: "hourly_clicks", fqn: "sample_airflow.hourly_clicks" },
} as const;

/**
 * Writes the sample models and pipelines (docs/upstream/openmetadata.md §3, `entity/data/mlmodel.json`,
 * `pipeline.json`); `wmlBase` is this catalog's own URL, where its WML part serves the deployments the
 * models name as `server`.
 */
export function seedAssets(models: EntityRepository, pipelines: EntityRepository, now: number, wmlBase: string): void {
  const alice = caller("alice");
  const bob = caller("bob");
  const owner = (ref: { id: string }, type: "user" | "team") => ({ id: ref.id, type });
  const predictions = (deployment: string) => `${wmlBase}/ml/v4/deployments/${deployment}/predictions`;

  create(models, SAMPLE_ML_MODELS.churn.id, alice, now - 5 * DAY, {
    name: SAMPLE_ML_MODELS.churn.name,
    service: "mlflow_svc",
    displayName: "Churn classifier v2",
    description: "Predicts which customers cancel within 90 days",
    algorithm: "Gradient boosting",
    target: "churned",
    mlFeatures: [
      { name: "tenure_months", dataType: "numerical", description: "Months since sign-up" },
      { name: "monthly_charges", dataType: "numerical" },
      { name: "contract", dataType: "categorical" },
    ],
    mlHyperParameters: [
      { name: "max_depth", value: "6" },
      { name: "learning_rate", value: "0.1" },
    ],
    mlStore: { storage: "s3://models/churn/v2", imageRepository: "registry.example.com/churn" },
    server: predictions(SAMPLE_DEPLOYMENT_IDS.churnOnline),
    owners: [owner(SAMPLE_USERS.alice, "user")],
    tags: [{ tagFQN: "Tier.Tier1" }],
    dataProducts: [SAMPLE_DATA_PRODUCT.name],
    extension: { modelCard: "https://wiki.example.com/churn-v2" },
    lifeCycle: { created: { timestamp: now - 5 * DAY, accessedByAProcess: "mlflow" } },
  });
  create(models, SAMPLE_ML_MODELS.diabetes.id, bob, now - 4 * DAY, {
    name: SAMPLE_ML_MODELS.diabetes.name,
    service: "mlflow_svc",
    description: "Diabetes progression regressor",
    algorithm: "Ridge regression",
    target: "progression",
    mlFeatures: [
      { name: "age", dataType: "numerical" },
      { name: "bmi", dataType: "numerical" },
    ],
    server: predictions(SAMPLE_SERVING_NAME),
    owners: [owner(SAMPLE_TEAMS.mlPlatform, "team")],
  });
  create(models, SAMPLE_ML_MODELS.fraud.id, bob, now - 3 * DAY, {
    name: SAMPLE_ML_MODELS.fraud.name,
    service: "mlflow_svc",
    algorithm: "Isolation forest",
    sourceUrl: "http://localhost:8088/#/models/fraud_scorer",
  });

  create(pipelines, SAMPLE_PIPELINES.dailyOrders.id, bob, now - 20 * DAY, {
    name: SAMPLE_PIPELINES.dailyOrders.name,
    service: "sample_airflow",
    displayName: "Daily orders",
    description: "Loads yesterday's orders into the warehouse",
    scheduleInterval: "0 2 * * *",
    concurrency: 1,
    pipelineLocation: "dags/daily_orders.py",
    startDate: "2026-01-01T00:00:00Z",
    state: "Active",
    sourceUrl: "http://localhost:8080/dags/daily_orders/grid",
    tasks: [
      { name: "extract", taskType: "PythonOperator", downstreamTasks: ["transform"] },
      { name: "transform", taskType: "SparkSubmitOperator", downstreamTasks: ["load"] },
      { name: "load", taskType: "PostgresOperator", description: "Upsert into warehouse.orders" },
    ],
    owners: [owner(SAMPLE_TEAMS.dataEng, "team")],
    tags: [{ tagFQN: "Tier.Tier2" }],
  });
  create(pipelines, SAMPLE_PIPELINES.hourlyClicks.id, bob, now - 15 * DAY, {
    name: SAMPLE_PIPELINES.hourlyClicks.name,
    service: "sample_airflow",
    scheduleInterval: "0 * * * *",
    tasks: [
      { name: "collect", taskType: "PythonOperator", downstreamTasks: ["aggregate"] },
      { name: "aggregate", taskType: "PythonOperator" },
    ],
  });
  const run = (id: string, timestamp: number, executionStatus: string, tasks: [string, string][]) => {
    const status = { timestamp, executionStatus, taskStatus: tasks.map(([name, state]) => ({ name, executionStatus: state, startTime: timestamp, endTime: timestamp + 60_000 })) };
    pipelines.store.putStatus(id, timestamp, status);
    const stored = pipelines.find({ id })!;
    pipelines.store.update({ ...stored, pipelineStatus: pipelines.store.latestStatus(id) });
  };
  run(SAMPLE_PIPELINES.dailyOrders.id, now - 2 * DAY, "Failed", [["extract", "Successful"], ["transform", "Failed"], ["load", "Skipped"]]);
  run(SAMPLE_PIPELINES.dailyOrders.id, now - DAY, "Successful", [["extract", "Successful"], ["transform", "Successful"], ["load", "Successful"]]);
  run(SAMPLE_PIPELINES.hourlyClicks.id, now - 3_600_000, "Failed", [["collect", "Successful"], ["aggregate", "Failed"]]);
}

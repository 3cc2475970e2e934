import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_ML_SERVICES, SAMPLE_PIPELINE_SERVICES } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { ML, PIPE, startTestCatalog, type TestCatalog } from "./helpers.js";

let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
});
afterAll(async () => {
  await t.close();
});

describe("sample data", () => {
  test("seed 002: mlflow_svc is the Production MLflow tracking server with its connection", async () => {
    const answer = await t.call("GET", `${ML}/name/mlflow_svc`);
    expect(answer.json).toMatchObject({
      id: SAMPLE_ML_SERVICES.mlflowSvc.id,
      serviceType: "Mlflow",
      description: "Production MLflow tracking server",
      displayName: "MLflow Production",
      version: 0.3,
      connection: { config: { type: "Mlflow", trackingUri: "http://localhost:8088", registryUri: "http://localhost:8088", supportsMetadataExtraction: true } },
    });
  });

  test("seed 001: sample_airflow is an Airflow service", async () => {
    const answer = await t.call("GET", `${PIPE}/${SAMPLE_PIPELINE_SERVICES.sampleAirflow.id}`);
    expect(answer.json).toMatchObject({ name: "sample_airflow", serviceType: "Airflow" });
  });

  test("every seeded service is reachable by its exported id and name; fewer than 15 in all", async () => {
    const seeded = [
      ...Object.values(SAMPLE_ML_SERVICES).map((s) => [ML, s] as const),
      ...Object.values(SAMPLE_PIPELINE_SERVICES).map((s) => [PIPE, s] as const),
    ];
    expect(seeded.length).toBeLessThan(15);
    for (const [collection, service] of seeded) {
      const byId = await t.call("GET", `${collection}/${service.id}?include=all`);
      expect(byId.json.name).toBe(service.name);
      expect((await t.call("GET", `${collection}/name/${encodeURIComponent(service.name)}?include=all`)).json.id).toBe(service.id);
    }
  });

  test("a store opened with seed=false has no services", async () => {
    const empty = await startTestCatalog({}, false);
    try {
      expect((await empty.call("GET", ML)).json.paging.total).toBe(0);
    } finally {
      await empty.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_PIPELINES } from "../../../src/local-catalog/openmetadata/sample-assets.js";
import { SAMPLE_PIPELINE_SERVICES, SAMPLE_TEAMS, SAMPLE_USERS } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { PIPE, startTestCatalog, type TestCatalog } from "./helpers.js";

const PIPELINES = "/pipelines";
let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
});
afterAll(async () => {
  await t.close();
});

const status = (timestamp: number, executionStatus: string, extra: Record<string, unknown> = {}) => ({ timestamp, executionStatus, ...extra });
const putStatus = (fqn: string, body: unknown) => t.call("PUT", `${PIPELINES}/${encodeURIComponent(fqn)}/status`, { body });

describe("pipelines", () => {
  test("sample pipelines: tasks with their FQNs and the latest run, each only when named in `fields`", async () => {
    const plain = await t.call("GET", `${PIPELINES}/${SAMPLE_PIPELINES.dailyOrders.id}`);
    expect(plain.json).toMatchObject({ fullyQualifiedName: "sample_airflow.daily_orders", serviceType: "Airflow", state: "Active" });
    expect(plain.json.tasks).toBeUndefined();
    expect(plain.json.pipelineStatus).toBeUndefined();
    const full = await t.call("GET", `${PIPELINES}/name/sample_airflow.daily_orders?fields=tasks,pipelineStatus,scheduleInterval`);
    expect(full.json.tasks.map((task: { fullyQualifiedName: string }) => task.fullyQualifiedName)).toEqual([
      "sample_airflow.daily_orders.extract",
      "sample_airflow.daily_orders.transform",
      "sample_airflow.daily_orders.load",
    ]);
    expect(full.json.pipelineStatus.executionStatus).toBe("Successful");
    expect(full.json.scheduleInterval).toBe("0 2 * * *");
  });

  test("create: tasks get FQNs under the pipeline; a quoted pipeline name quotes its part", async () => {
    const created = await t.call("POST", PIPELINES, {
      body: { name: "orders.v2", service: "sample_airflow", tasks: [{ name: "load.all", downstreamTasks: [] }], concurrency: 2 },
    });
    expect(created.status).toBe(201);
    expect(created.json.fullyQualifiedName).toBe('sample_airflow."orders.v2"');
    expect(created.json.tasks[0].fullyQualifiedName).toBe('sample_airflow."orders.v2"."load.all"');
    expect((await t.call("POST", PIPELINES, { body: { name: "x", service: "sample_airflow", tasks: [{ taskType: "no name" }] } })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", PIPELINES, { body: { name: "x", service: "sample_airflow", concurrency: "2" } })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", PIPELINES, { body: { name: "x", service: "mlflow_svc" } })).json.message).toBe("pipelineService instance for mlflow_svc not found");
  });

  test("PATCH replaces the task list as a whole; the change records tasks matched by name", async () => {
    const id = (await t.call("POST", PIPELINES, { body: { name: "patched_tasks", service: "sample_airflow", tasks: [{ name: "a" }, { name: "b" }] } })).json.id;
    const patched = await t.call("PATCH", `${PIPELINES}/${id}`, {
      body: [
        { op: "replace", path: "/tasks", value: [{ name: "a", description: "first" }, { name: "c" }] },
        { op: "add", path: "/scheduleInterval", value: "@daily" },
      ],
    });
    expect(patched.json.tasks.map((task: { name: string }) => task.name)).toEqual(["a", "c"]);
    const change = patched.json.changeDescription;
    expect(change.fieldsAdded.map((c: { name: string }) => c.name)).toEqual(["tasks", "scheduleInterval"]);
    expect(change.fieldsUpdated.map((c: { name: string }) => c.name)).toEqual(["tasks"]);
    expect(change.fieldsDeleted).toEqual([{ name: "tasks", oldValue: JSON.stringify([{ name: "b", fullyQualifiedName: "sample_airflow.patched_tasks.b" }]) }]);
  });

  test("PUT /{fqn}/status stores runs per timestamp; the latest is the pipeline's pipelineStatus", async () => {
    const id = (await t.call("POST", PIPELINES, { body: { name: "runs", service: "sample_airflow", tasks: [{ name: "only" }] } })).json.id;
    const first = await putStatus("sample_airflow.runs", status(2000, "Successful", { taskStatus: [{ name: "only", executionStatus: "Successful" }] }));
    expect(first.status).toBe(200);
    expect(first.json.pipelineStatus).toEqual(status(2000, "Successful", { taskStatus: [{ name: "only", executionStatus: "Successful" }] }));
    expect(first.json.version).toBe(0.1);
    await putStatus("sample_airflow.runs", status(1000, "Failed"));
    expect((await t.call("GET", `${PIPELINES}/${id}?fields=pipelineStatus`)).json.pipelineStatus.timestamp).toBe(2000);
    await putStatus("sample_airflow.runs", status(2000, "Failed"));
    expect((await t.call("GET", `${PIPELINES}/${id}?fields=pipelineStatus`)).json.pipelineStatus).toEqual(status(2000, "Failed"));
    await putStatus("sample_airflow.runs", status(3000, "Pending"));
    expect((await t.call("GET", `${PIPELINES}/${id}?fields=pipelineStatus`)).json.pipelineStatus.executionStatus).toBe("Pending");
  });

  test("a bad run is refused and changes nothing; an unknown pipeline is a 404", async () => {
    expect((await putStatus("sample_airflow.hourly_clicks", { executionStatus: "Successful" })).json).toEqual({ code: 400, message: "[timestamp must not be null]" });
    expect((await putStatus("sample_airflow.hourly_clicks", status(5, "Great"))).json.message).toBe("Invalid request format");
    expect((await putStatus("sample_airflow.hourly_clicks", { ...status(5, "Failed"), color: 1 })).json.message).toBe("Invalid request format");
    expect((await t.call("GET", `${PIPELINES}/${SAMPLE_PIPELINES.hourlyClicks.id}?fields=pipelineStatus`)).json.pipelineStatus.executionStatus).toBe("Failed");
    expect((await putStatus("sample_airflow.nope", status(5, "Failed"))).json).toEqual({ code: 404, message: "pipeline instance for sample_airflow.nope not found" });
  });

  test("governance fields: lifeCycle and extension on create and PATCH, dataProducts and domains by FQN", async () => {
    const created = await t.call("POST", PIPELINES, {
      body: { name: "governed", service: "sample_airflow", dataProducts: ["CustomerInsights"], domains: ["Marketing"], extension: { tier: "gold" }, lifeCycle: { created: { timestamp: 1 } } },
    });
    expect(created.json.dataProducts.map((d: { name: string }) => d.name)).toEqual(["CustomerInsights"]);
    expect(created.json.domains.map((d: { name: string }) => d.name)).toEqual(["Marketing"]);
    const patched = await t.call("PATCH", `${PIPELINES}/${created.json.id}`, {
      body: [
        { op: "replace", path: "/extension/tier", value: "silver" },
        { op: "add", path: "/lifeCycle/updated", value: { timestamp: 2 } },
        { op: "replace", path: "/dataProducts", value: [] },
      ],
    });
    expect(patched.json.extension).toEqual({ tier: "silver" });
    expect(patched.json.lifeCycle).toEqual({ created: { timestamp: 1 }, updated: { timestamp: 2 } });
    expect(patched.json.changeDescription.fieldsUpdated.map((c: { name: string }) => c.name)).toEqual(["extension", "lifeCycle"]);
    expect(patched.json.changeDescription.fieldsDeleted.map((c: { name: string }) => c.name)).toEqual(["dataProducts"]);
    expect((await t.call("POST", PIPELINES, { body: { name: "g2", service: "sample_airflow", extension: "x" } })).json.message).toBe("Invalid request format");
  });
});

describe("a service and the assets it holds", () => {
  test("a service holding pipelines refuses a non-recursive delete; recursive soft delete and restore take them along", async () => {
    const id = SAMPLE_PIPELINE_SERVICES.sampleAirflow.id;
    expect((await t.call("DELETE", `${PIPE}/${id}`)).json).toEqual({ code: 400, message: "pipelineService is not empty" });
    expect((await t.call("DELETE", `${PIPE}/${id}?recursive=true`)).status).toBe(200);
    expect((await t.call("GET", `${PIPELINES}/${SAMPLE_PIPELINES.dailyOrders.id}`)).status).toBe(404);
    expect((await t.call("GET", `${PIPELINES}/${SAMPLE_PIPELINES.dailyOrders.id}?include=deleted`)).json.deleted).toBe(true);
    expect((await t.call("POST", PIPELINES, { body: { name: "late", service: "sample_airflow" } })).status).toBe(404);
    expect((await t.call("PUT", `${PIPE}/restore`, { body: { id } })).status).toBe(200);
    expect((await t.call("GET", `${PIPELINES}/${SAMPLE_PIPELINES.dailyOrders.id}`)).json.deleted).toBe(false);
  });

  test("a recursive hard delete removes the assets and their history", async () => {
    const service = await t.call("POST", PIPE, { body: { name: "short_lived", serviceType: "Spark" } });
    const pipeline = await t.call("POST", PIPELINES, { body: { name: "p", service: "short_lived" } });
    await putStatus("short_lived.p", status(1, "Successful"));
    expect((await t.call("DELETE", `${PIPE}/${service.json.id}?hardDelete=true`)).json.message).toBe("pipelineService is not empty");
    expect((await t.call("DELETE", `${PIPE}/${service.json.id}?hardDelete=true&recursive=true`)).status).toBe(200);
    expect((await t.call("GET", `${PIPELINES}/${pipeline.json.id}?include=all`)).status).toBe(404);
    expect((await t.call("GET", `${PIPELINES}/${pipeline.json.id}/versions`)).status).toBe(404);
  });
});

describe("users and teams by name", () => {
  test("GET /users/name/{name} and /teams/name/{name}; an unknown name is a 404", async () => {
    expect((await t.call("GET", "/users/name/alice")).json).toMatchObject({ id: SAMPLE_USERS.alice.id, name: "alice" });
    expect((await t.call("GET", "/teams/name/data-eng")).json).toMatchObject({ id: SAMPLE_TEAMS.dataEng.id, name: "data-eng" });
    expect((await t.call("GET", "/users/name/nobody")).json).toEqual({ code: 404, message: "user instance for nobody not found" });
    expect((await t.call("GET", "/teams/name/nobody")).json).toEqual({ code: 404, message: "team instance for nobody not found" });
  });
});

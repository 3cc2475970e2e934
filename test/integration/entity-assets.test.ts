import { SAMPLE_ML_MODELS, SAMPLE_PIPELINES } from "../../src/local-catalog/openmetadata/sample-assets.js";
import { SAMPLE_DEPLOYMENT_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

/** What ML models and pipelines add to the pattern: service links, deployments, tasks, runs, quoted FQNs. */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.catalog.resetRequests());

test("a model named with a dot is addressed by its quoted FQN and links to its service and its WML deployment", async () => {
  const answer = await stack.query(`query($f: String) { mlModel(fullyQualifiedName: $f) {
    name fullyQualifiedName algorithm target mlFeatures { name dataType } mlHyperParameters { name value } mlStore { storage }
    extension lifeCycle service { name serviceType } deployment { id name state } } }`, { f: SAMPLE_ML_MODELS.churn.fqn });
  expect(answer.errors).toBeUndefined();
  expect(answer.data.mlModel).toMatchObject({
    name: "churn.v2",
    fullyQualifiedName: 'mlflow_svc."churn.v2"',
    target: "churned",
    mlHyperParameters: [{ name: "max_depth", value: "6" }, { name: "learning_rate", value: "0.1" }],
    mlStore: { storage: "s3://models/churn/v2" },
    extension: { modelCard: "https://wiki.example.com/churn-v2" },
    service: { name: "mlflow_svc", serviceType: "Mlflow" },
    deployment: { id: SAMPLE_DEPLOYMENT_IDS.churnOnline },
  });
  const [get] = stack.upstream("/api/v1/mlmodels");
  expect(get.path).toBe(`/api/v1/mlmodels/name/${encodeURIComponent('mlflow_svc."churn.v2"')}`);
  expect(new URLSearchParams(get.query).get("fields")).toBe("extension,lifeCycle");
});

test("a model without a prediction URL has no deployment, and nothing is asked of WML", async () => {
  const answer = await stack.query(`{ mlModel(fullyQualifiedName: "${SAMPLE_ML_MODELS.fraud.fqn}") { server deployment { id } } }`);
  expect(answer.data.mlModel).toEqual({ server: null, deployment: null });
  expect(stack.upstream("/ml/v4/")).toHaveLength(0);
});

test("a pipeline service lists its pipelines, with tasks and the latest run", async () => {
  const answer = await stack.query(`{ pipelineService(fullyQualifiedName: "sample_airflow") { pipelines(first: 5) { nodes {
    name tasks { name taskType downstreamTasks } pipelineStatus { executionStatus timestamp taskStatus { name executionStatus } } startDate concurrency service { name } } } } }`);
  expect(answer.errors).toBeUndefined();
  const daily = answer.data.pipelineService.pipelines.nodes.find((p: { name: string }) => p.name === SAMPLE_PIPELINES.dailyOrders.name);
  expect(daily).toMatchObject({
    tasks: [{ name: "extract", downstreamTasks: ["transform"] }, { name: "transform" }, { name: "load" }],
    pipelineStatus: { executionStatus: "Successful", taskStatus: [{ name: "extract" }, { name: "transform" }, { name: "load" }] },
    startDate: "2026-01-01T00:00:00.000Z",
    concurrency: 1,
    service: { name: "sample_airflow" },
  });
  const list = stack.upstream("/api/v1/pipelines")[0];
  expect(new URLSearchParams(list.query).get("fields")).toBe("tasks,pipelineStatus");
  expect(new URLSearchParams(list.query).get("service")).toBe("sample_airflow");
});

test("addPipelineStatus: PUT /status with epoch milliseconds; the run becomes the latest status", async () => {
  const status = { timestamp: "2099-01-01T10:00:00.000Z", executionStatus: "Failed", taskStatus: [{ name: "collect", executionStatus: "Failed", startTime: "2099-01-01T10:00:00.000Z" }] };
  const answer = await stack.query(`mutation($f: String!, $s: PipelineStatusInput!) { addPipelineStatus(fullyQualifiedName: $f, status: $s) { name pipelineStatus { timestamp executionStatus } } }`, {
    f: SAMPLE_PIPELINES.hourlyClicks.fqn,
    s: status,
  });
  expect(answer.errors).toBeUndefined();
  const [put] = stack.upstream("/api/v1/pipelines").filter((c) => c.method === "PUT");
  expect(put.path).toBe(`/api/v1/pipelines/${encodeURIComponent(SAMPLE_PIPELINES.hourlyClicks.fqn)}/status`);
  expect(JSON.parse(put.body)).toEqual({
    timestamp: Date.parse(status.timestamp),
    executionStatus: "Failed",
    taskStatus: [{ name: "collect", executionStatus: "Failed", startTime: Date.parse(status.timestamp) }],
  });
  const read = await stack.query(`{ pipeline(fullyQualifiedName: "${SAMPLE_PIPELINES.hourlyClicks.fqn}") { pipelineStatus { timestamp executionStatus } } }`);
  expect(read.data.pipeline.pipelineStatus).toEqual({ timestamp: status.timestamp, executionStatus: "Failed" });
});

test("update of a pipeline: tasks replaced as one list, read with fields=tasks; algorithm of a model cannot be cleared", async () => {
  const created = await stack.query(`mutation { createPipeline(input: { name: "tasks_whole", service: "sample_airflow", tasks: [{ name: "a" }, { name: "b" }] }) { id version } }`);
  expect(created.errors).toBeUndefined();
  stack.catalog.resetRequests();
  const { id, version } = created.data.createPipeline;
  const answer = await stack.query(`mutation($id: ID) { updatePipeline(id: $id, input: { tasks: [{ name: "a", downstreamTasks: ["c"] }, { name: "c" }], pipelineLocation: "dags/x.py" }) { patch { op path value } pipeline { tasks { name } } } }`, { id });
  expect(answer.errors).toBeUndefined();
  expect(answer.data.updatePipeline.pipeline.tasks).toEqual([{ name: "a" }, { name: "c" }]);
  const [get] = stack.upstream("/api/v1/pipelines").filter((c) => c.method === "GET");
  expect(new URLSearchParams(get.query).get("fields")).toBe("tasks");
  const [patch] = stack.upstream("/api/v1/pipelines").filter((c) => c.method === "PATCH");
  expect(patch.headers["if-match"]).toBe(`W/"${version.toFixed(1)}"`);
  expect(JSON.parse(patch.body)).toEqual([
    { op: "replace", path: "/tasks", value: [{ name: "a", downstreamTasks: ["c"] }, { name: "c" }] },
    { op: "add", path: "/pipelineLocation", value: "dags/x.py" },
  ]);

  const cleared = await stack.query(`mutation { updateMlModel(fullyQualifiedName: "${SAMPLE_ML_MODELS.fraud.fqn}", input: { algorithm: null }) { changed } }`);
  expect(cleared.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.algorithm" });
  expect(stack.upstream("/api/v1/mlmodels").filter((c) => c.method === "PATCH")).toHaveLength(0);
});

test("a service that still holds pipelines refuses a non-recursive delete naming recursive; recursive removes them", async () => {
  const service = await stack.query(`mutation { createPipelineService(input: { name: "holder", serviceType: Airbyte, connection: { hostPort: "http://a:8000" } }) { id } }`);
  expect(service.errors).toBeUndefined();
  const pipeline = await stack.query(`mutation { createPipeline(input: { name: "held", service: "holder" }) { id } }`);
  expect(pipeline.errors).toBeUndefined();
  const refused = await stack.query(`mutation { deletePipelineService(fullyQualifiedName: "holder") { id } }`);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "recursive" });
  const deleted = await stack.query(`mutation { deletePipelineService(fullyQualifiedName: "holder", recursive: true, hardDelete: true) { name } }`);
  expect(deleted.errors).toBeUndefined();
  const gone = await stack.query(`{ pipeline(fullyQualifiedName: "holder.held", include: ALL) { id } }`);
  expect(gone.data.pipeline).toBeNull();
});

test("governance fields of a model: data products by FQN, extension added, life cycle whole; an unknown data product writes nothing", async () => {
  const created = await stack.query(`mutation { createMlModel(input: { name: "governed", service: "mlflow_svc", algorithm: "a" }) { id version } }`);
  expect(created.errors).toBeUndefined();
  const { id } = created.data.createMlModel;
  stack.catalog.resetRequests();
  const unknown = await stack.query(`mutation($id: ID) { updateMlModel(id: $id, input: { dataProducts: ["NoSuchProduct"] }) { changed } }`, { id });
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.dataProducts[0]" });
  expect(stack.upstream("/api/v1/mlmodels").filter((c) => c.method === "PATCH")).toHaveLength(0);
  stack.catalog.resetRequests();

  const answer = await stack.query(
    `mutation($id: ID, $i: UpdateMlModelInput!) { updateMlModel(id: $id, input: $i) { patch { op path } mlModel { dataProducts { name } extension lifeCycle mlFeatures { name dataType } server deployment { id } } } }`,
    {
      id,
      i: {
        dataProducts: ["CustomerInsights"],
        extension: { modelCard: "https://wiki.example.com/governed" },
        lifeCycle: { created: { timestamp: 1700000000000 } },
        mlFeatures: [{ name: "age", dataType: "numerical" }],
        server: `${stack.catalog.url}/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}/predictions`,
      },
    },
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data.updateMlModel.patch.map((op: { path: string }) => op.path).sort()).toEqual(["/dataProducts", "/extension", "/lifeCycle", "/mlFeatures", "/server"]);
  expect(answer.data.updateMlModel.mlModel).toMatchObject({
    dataProducts: [{ name: "CustomerInsights" }],
    extension: { modelCard: "https://wiki.example.com/governed" },
    mlFeatures: [{ name: "age", dataType: "numerical" }],
    deployment: { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary },
  });
  const [get] = stack.upstream("/api/v1/mlmodels").filter((c) => c.method === "GET" && c.path.endsWith(id));
  expect(new URLSearchParams(get.query).get("fields")).toBe("dataProducts,extension,lifeCycle");
  expect(stack.upstream("/api/v1/dataProducts/name/")).toHaveLength(1);
});

test("_entities resolves models and pipelines by id and by FQN through the same loaders", async () => {
  const answer = await stack.query(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on MlModel { name service { name } } ... on Pipeline { name tasks { name } } } }`,
    {
      r: [
        { __typename: "MlModel", fullyQualifiedName: SAMPLE_ML_MODELS.churn.fqn },
        { __typename: "MlModel", id: SAMPLE_ML_MODELS.churn.id },
        { __typename: "Pipeline", id: SAMPLE_PIPELINES.hourlyClicks.id },
      ],
    },
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data._entities).toEqual([
    { name: "churn.v2", service: { name: "mlflow_svc" } },
    { name: "churn.v2", service: { name: "mlflow_svc" } },
    { name: "hourly_clicks", tasks: [{ name: "collect" }, { name: "aggregate" }] },
  ]);
  expect(stack.upstream("/api/v1/mlmodels")).toHaveLength(1);
  expect(new URLSearchParams(stack.upstream("/api/v1/pipelines")[0].query).get("fields")).toBe("tasks");
});

test("a model is created in one domain: domains holds one FQN at most, sent as domain", async () => {
  const answer = await stack.query(`mutation { createMlModel(input: { name: "in_sales", service: "mlflow_svc", algorithm: "a", domains: ["Sales"] }) { domains { name } } }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.createMlModel.domains).toEqual([{ name: "Sales" }]);
  expect(JSON.parse(stack.upstream("/api/v1/mlmodels")[0].body)).toEqual({ name: "in_sales", service: "mlflow_svc", algorithm: "a", domain: "Sales" });
  stack.catalog.resetRequests();
  const two = await stack.query(`mutation { createMlModel(input: { name: "in_two", service: "mlflow_svc", algorithm: "a", domains: ["Sales", "Marketing"] }) { id } }`);
  expect(two.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.domains" });
  expect(stack.upstream("/api/v1/mlmodels")).toHaveLength(0);
});

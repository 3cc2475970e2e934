import { SAMPLE_DEPLOYMENT_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { useProxiedStack } from "./proxied-stack.js";

// The gateway over a misbehaving upstream, through a fault proxy: a failing read fails its own field
// only, a write is sent once, and a write whose answer was lost says its outcome is unknown.

const stack = useProxiedStack();

const ML = "mlmodelServices/name/mlflow_svc";
const SIBLINGS = `{ ml: mlModelService(fullyQualifiedName: "mlflow_svc") { name } pipeline: pipelineService(fullyQualifiedName: "sample_airflow") { name } }`;

describe("reads", () => {
  test("two 503s then an answer: the read is retried and the caller sees no error", async () => {
    stack.proxy.inject({ method: "GET", path: ML }, [{ kind: "status", status: 503 }, { kind: "status", status: 503 }]);
    const answer = await stack.query(SIBLINGS);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ ml: { name: "mlflow_svc" }, pipeline: { name: "sample_airflow" } });
    expect(stack.proxy.seen(ML)).toHaveLength(3);
  });

  test("an upstream that keeps answering 503: UPSTREAM_UNAVAILABLE on that field only, after bounded retries, siblings resolve", async () => {
    stack.proxy.inject({ method: "GET", path: ML }, { kind: "status", status: 503 }, { repeat: true });
    const answer = await stack.query(SIBLINGS);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ ml: null, pipeline: { name: "sample_airflow" } });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0].path).toEqual(["ml"]);
    expect(answer.errors![0].extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", upstream: { service: "openmetadata", status: 503 } });
    expect(stack.proxy.seen(ML)).toHaveLength(3);
  });

  test("connection resets on every attempt: UPSTREAM_UNAVAILABLE on that field only", async () => {
    stack.proxy.inject({ method: "GET", path: ML }, { kind: "reset" }, { repeat: true });
    const answer = await stack.query(SIBLINGS);
    expect(answer.data).toEqual({ ml: null, pipeline: { name: "sample_airflow" } });
    expect(answer.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([[["ml"], "UPSTREAM_UNAVAILABLE"]]);
  });

  test("a hang past the time-out: UPSTREAM_TIMEOUT on that field only, siblings resolve", async () => {
    stack.proxy.inject({ method: "GET", path: ML }, { kind: "hang" });
    const answer = await stack.query(SIBLINGS);
    expect(answer.data).toEqual({ ml: null, pipeline: { name: "sample_airflow" } });
    expect(answer.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([[["ml"], "UPSTREAM_TIMEOUT"]]);
    expect(stack.proxy.seen(ML)).toHaveLength(1);
  });

  test("429 with Retry-After: 1 is waited out, then the read succeeds", async () => {
    stack.proxy.inject({ method: "GET", path: ML }, [{ kind: "rate-limit", retryAfterSeconds: 1 }]);
    const started = performance.now();
    const answer = await stack.query(SIBLINGS);
    expect(answer.errors).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(stack.proxy.seen(ML)).toHaveLength(2);
  });

  test("a WML read that fails leaves the OpenMetadata sibling intact", async () => {
    stack.proxy.inject({ method: "GET", path: "/ml/v4/" }, { kind: "status", status: 502 }, { repeat: true });
    const answer = await stack.query(`{ ml: mlModelService(fullyQualifiedName: "mlflow_svc") { name } deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { id } }`);
    expect(answer.data).toEqual({ ml: { name: "mlflow_svc" }, deployment: null });
    expect(answer.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([[["deployment"], "UPSTREAM_UNAVAILABLE"]]);
    expect(stack.proxy.seen("/ml/v4/deployments")).toHaveLength(3);
  });
});

describe("writes", () => {
  const update = (description: string) =>
    stack.query(`mutation ($d: String) { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { description: $d }) { changed mlModelService { description version } } }`, { d: description });
  const patches = () => stack.catalog.requests.filter((r) => r.method === "PATCH");

  test("a PATCH that meets a 503 is sent once and fails with UPSTREAM_UNAVAILABLE", async () => {
    stack.proxy.inject({ method: "PATCH" }, { kind: "status", status: 503 }, { repeat: true });
    const answer = await update(`503 ${Date.now()}`);
    expect(answer.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(stack.proxy.seen("mlmodelServices", "PATCH")).toHaveLength(1);
    expect(patches()).toHaveLength(0);
  });

  test("a PATCH whose answer was lost is applied once upstream and reported as outcome unknown", async () => {
    stack.proxy.inject({ method: "PATCH" }, { kind: "lose-answer" });
    const description = `lost ${Date.now()}`;
    const answer = await update(description);
    expect(answer.data?.updateMlModelService ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(answer.errors?.[0]?.message).toMatch(/may or may not have been applied/);
    expect(patches()).toHaveLength(1);
    const after = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { description } }`);
    expect(after.data.mlModelService.description).toBe(description);
  });

  test("a POST create whose connection was reset is sent once and reported as outcome unknown", async () => {
    stack.proxy.inject({ method: "POST", path: "mlmodelServices" }, { kind: "reset" }, { repeat: true });
    const answer = await stack.query(`mutation { createMlModelService(input: { name: "reset_${Date.now()}", serviceType: Mlflow }) { id } }`);
    expect(answer.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(answer.errors?.[0]?.message).toMatch(/may or may not have been applied/);
    expect(stack.proxy.seen("mlmodelServices", "POST")).toHaveLength(1);
  });

  test("a PATCH that hangs past the time-out is UPSTREAM_TIMEOUT, outcome unknown, sent once", async () => {
    stack.proxy.inject({ method: "PATCH" }, { kind: "hang" });
    const answer = await update(`hang ${Date.now()}`);
    expect(answer.errors?.[0]?.extensions?.code).toBe("UPSTREAM_TIMEOUT");
    expect(answer.errors?.[0]?.message).toMatch(/may or may not have been applied/);
    expect(stack.proxy.seen("mlmodelServices", "PATCH")).toHaveLength(1);
  });

  test("a WML PATCH that meets a 503 is sent once", async () => {
    stack.proxy.inject({ method: "PATCH", path: "/ml/v4/" }, { kind: "status", status: 503 }, { repeat: true });
    const models = await stack.query(`{ models(first: 1) { nodes { id } } }`);
    const id = models.data.models.nodes[0].id;
    const answer = await stack.query(`mutation ($id: ID!) { updateModel(id: $id, input: { description: "x" }) { model { id } } }`, { id });
    expect(answer.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(stack.proxy.seen("/ml/v4/models", "PATCH")).toHaveLength(1);
  });
});

import { EventEmitter } from "node:events";
import { request as httpRequest } from "node:http";
import { startStack, type Stack } from "../helpers/stack.js";
import { captureLog, type LogCapture } from "../helpers/log-capture.js";
import { closedPort, json, startFakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.js";
import { SAMPLE_QUERY } from "../../src/graphiql.js";
import { closeOnSignals } from "../../src/shutdown.js";
import { until } from "../helpers/until.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A service document as OpenMetadata answers it (docs/upstream/openmetadata.md §2.1). */
function service(name: string) {
  return { id: "6f8e2a50-1c1d-4d7a-9b0e-2f7f3b1c0a01", name, fullyQualifiedName: name, serviceType: "Mlflow", version: 0.1, deleted: false, href: "http://upstream/api/v1/services/mlmodelServices/6f8e2a50-1c1d-4d7a-9b0e-2f7f3b1c0a01" };
}

describe("health, readiness, request ids, metrics and the operation log", () => {
  let stack: Stack;
  let log: LogCapture;
  beforeAll(async () => {
    log = captureLog();
    stack = await startStack({ env: { LOG_LEVEL: "info" }, app: { logDestination: log.stream } });
  });
  afterAll(() => stack.close());

  test("GET /health answers while the process is alive", async () => {
    const response = await fetch(`${stack.origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("x-request-id")).toMatch(UUID);
  });

  test("GraphiQL's sample query is valid and runs over the sample data without errors", async () => {
    const answer = await stack.query(SAMPLE_QUERY);
    expect(answer.errors).toBeUndefined();
    const models = answer.data.mlModelService.mlModels.nodes;
    expect(models.map((m: { name: string }) => m.name)).toContain("churn.v2");
    expect(models.some((m: { deployment: unknown }) => m.deployment !== null)).toBe(true);
    expect(answer.data.pipelineService.pipelines.nodes.length).toBeGreaterThan(0);
    expect(answer.data.pipelineService.name).toBe("sample_airflow");
    expect(answer.data.deployments.nodes.length).toBeGreaterThan(0);
    expect(answer.data.deployments.nodes[0].model.name).toEqual(expect.any(String));
    const page = await fetch(stack.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("SampleServices");
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });

  test("GET /ready probes every configured upstream", async () => {
    stack.catalog.resetRequests();
    const response = await fetch(`${stack.origin}/ready`);
    const body = (await response.json()) as { ready: boolean; upstreams: Record<string, { reachable: boolean; status?: number }> };
    expect(response.status).toBe(200);
    expect(body.ready).toBe(true);
    expect(Object.keys(body.upstreams).sort()).toEqual(["openmetadata", "wml"]);
    expect(Object.values(body.upstreams).every((u) => u.reachable && typeof u.status === "number")).toBe(true);
    // One credential-free GET per upstream.
    const probes = stack.upstream();
    expect(probes.map((r) => r.method)).toEqual(["GET", "GET"]);
    expect(probes.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  test("x-request-id: accepted when well-formed, returned, and sent upstream", async () => {
    stack.catalog.resetRequests();
    const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`, undefined, { "x-request-id": "trace-42.a:b" });
    expect(answer.errors).toBeUndefined();
    expect(answer.headers.get("x-request-id")).toBe("trace-42.a:b");
    const upstream = stack.upstream("/v1/services/");
    expect(upstream.length).toBeGreaterThan(0);
    expect(upstream.map((r) => r.headers["x-request-id"])).toEqual(upstream.map(() => "trace-42.a:b"));
  });

  test("x-request-id: generated when absent or malformed, and the same id goes upstream", async () => {
    for (const headers of [{}, { "x-request-id": "not a valid id; <script>" }] as Array<Record<string, string>>) {
      stack.catalog.resetRequests();
      const answer = await stack.query(`{ pipelineService(fullyQualifiedName: "sample_airflow") { name } }`, undefined, headers);
      const id = answer.headers.get("x-request-id");
      expect(id).toMatch(UUID);
      expect(stack.upstream("/v1/services/").map((r) => r.headers["x-request-id"])).toEqual([id]);
    }
  });

  test("one JSON log line per operation: name, outcome, duration, upstream calls and request id", async () => {
    const before = log.lines().length;
    stack.catalog.resetRequests();
    const first = await stack.query(`query TwoServices { mlModelService(fullyQualifiedName: "mlflow_svc") { name owners { name } } pipelineService(fullyQualifiedName: "sample_airflow") { name versions { version } } }`, undefined, { "x-request-id": "log-1" });
    expect(first.errors).toBeUndefined();
    const calls = stack.upstream().length;
    expect(calls).toBeGreaterThanOrEqual(2);
    await stack.query(`query Broken { nope }`, undefined, { "x-request-id": "log-2" });
    await new Promise((resolve) => setImmediate(resolve));

    const lines = log.lines().slice(before).filter((line) => line.msg === "operation");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: "info", requestId: "log-1", operation: "TwoServices", type: "query", outcome: "ok", upstreamCalls: calls });
    expect(typeof lines[0].durationMs).toBe("number");
    expect(lines[0].durationMs).toBeGreaterThan(0);
    expect(lines[1]).toMatchObject({ requestId: "log-2", operation: "Broken", outcome: "error", upstreamCalls: 0, errorCount: 1 });
    expect(lines[1].errors[0].code).toBe("BAD_USER_INPUT");
  });

  test("/metrics: operations by name and outcome, latency histograms, upstream calls and latency, batch sizes", async () => {
    await stack.query(`query MetricsProbe { mlModelServices(first: 3) { nodes { name } } }`);
    await stack.query(`query MetricsProbe { mlModelServices(first: 3) { nodes { name } } }`);
    await stack.query(`query MetricsPartial { mlModelService(id: "x", fullyQualifiedName: "y") { name } }`);
    await stack.query(`query MetricsFailure { mlModelService { nope } }`);
    await stack.query(`query MetricsWml { deployments(first: 5) { nodes { model { name } } } }`);
    const response = await fetch(`${stack.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('gateway_operations_total{operation="MetricsProbe",type="query",outcome="ok"} 2');
    expect(text).toContain('gateway_operations_total{operation="MetricsPartial",type="query",outcome="partial"} 1');
    expect(text).toContain('gateway_operations_total{operation="MetricsFailure",type="query",outcome="error"} 1');
    expect(text).toContain('gateway_operation_duration_seconds_count{operation="MetricsProbe",type="query",outcome="ok"} 2');
    expect(text).toMatch(/gateway_upstream_calls_total\{service="openmetadata",route="GET [^"]*mlmodelServices[^"]*",method="GET",status="200"\} [1-9]/);
    expect(text).toMatch(/gateway_upstream_duration_seconds_bucket\{le="\+Inf",service="openmetadata",route="[^"]+"\} [1-9]/);
    expect(text).toMatch(/gateway_loader_batch_size_count\{loader="(mlmodel|pipeline)Service.entity"\} [1-9]/);
    expect(text).toMatch(/gateway_loader_batch_size_count\{loader="model.byId"\} [1-9]/);
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  test("each app has its own metrics registry", async () => {
    const other = await startStack();
    try {
      const text = await (await fetch(`${other.origin}/metrics`)).text();
      expect(text).not.toContain("MetricsProbe");
    } finally {
      await other.close();
    }
  });
});

describe("readiness when an upstream is down", () => {
  test("503, naming the upstream that cannot be reached", async () => {
    const port = await closedPort();
    const stack = await startStack({ env: { OPENMETADATA_URL: `http://127.0.0.1:${port}/api` } });
    try {
      const response = await fetch(`${stack.origin}/ready`);
      const body = (await response.json()) as { ready: boolean; upstreams: Record<string, { reachable: boolean; error?: string }> };
      expect(response.status).toBe(503);
      expect(body.ready).toBe(false);
      expect(body.upstreams.openmetadata).toMatchObject({ reachable: false, error: "could not be reached" });
      expect(body.upstreams.wml.reachable).toBe(true);
      expect((await fetch(`${stack.origin}/health`)).status).toBe(200);
    } finally {
      await stack.close();
    }
  });

  test("503 naming the time limit when an upstream does not answer", async () => {
    const upstream = await startFakeUpstream(() => undefined);
    const stack = await startStack({ env: { OPENMETADATA_URL: `${upstream.url}/api`, UPSTREAM_TIMEOUT_MS: "200" } });
    try {
      const response = await fetch(`${stack.origin}/ready`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as any).upstreams.openmetadata).toMatchObject({ reachable: false, error: "no answer within 200 ms" });
    } finally {
      await stack.close();
      await upstream.close();
    }
  });

  test("503 when an upstream answers 5xx", async () => {
    const upstream = await startFakeUpstream((_req, res) => json(res, 503, { code: 503, message: "maintenance" }));
    const stack = await startStack({ env: { OPENMETADATA_URL: `${upstream.url}/api` } });
    try {
      const response = await fetch(`${stack.origin}/ready`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as any).upstreams.openmetadata).toMatchObject({ reachable: false, status: 503 });
      expect(upstream.requests.map((r) => r.url)).toEqual(["/api/v1/system/version"]);
    } finally {
      await stack.close();
      await upstream.close();
    }
  });
});

describe("graceful shutdown", () => {
  // An upstream that answers each request only when the test releases it (or its connection closes).
  let upstream: FakeUpstream;
  let release: () => void = () => undefined;
  let held: Promise<void> = Promise.resolve();
  function holdAnswers(): void {
    held = new Promise<void>((resolve) => (release = resolve));
  }
  beforeAll(async () => {
    upstream = await startFakeUpstream(async (req, res) => {
      await Promise.race([held, new Promise<void>((resolve) => req.socket.once("close", () => resolve()))]);
      if (res.destroyed) return;
      const name = decodeURIComponent((req.url ?? "").split("?")[0].split("/").pop() ?? "");
      json(res, 200, service(name));
    });
  });
  afterEach(() => release());
  afterAll(() => upstream.close());

  async function connects(url: string): Promise<boolean> {
    return new Promise((resolve) => {
      const req = httpRequest(url, { agent: false }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on("error", () => resolve(false));
      req.end();
    });
  }

  test("close() stops accepting, lets the in-flight operation finish, then resolves", async () => {
    holdAnswers();
    upstream.requests.length = 0;
    const stack = await startStack({ env: { OPENMETADATA_URL: `${upstream.url}/api` } });
    try {
      const inFlight = stack.query(`{ mlModelService(fullyQualifiedName: "slow_svc") { name } }`);
      await until(() => upstream.requests.length > 0, "the in-flight read to reach the upstream");
      let closed = false;
      const closing = stack.app.gateway.close().then(() => (closed = true));
      expect(await connects(`${stack.origin}/health`)).toBe(false);
      // close() waits for the upstream's answer, which the test has not released yet.
      expect(closed).toBe(false);
      release();
      const answer = await inFlight;
      await closing;
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.mlModelService).toEqual({ name: "slow_svc" });
      expect(answer.headers.get("connection")).toBe("close");
    } finally {
      release();
      await stack.close();
    }
  });

  test("an operation that outlasts SHUTDOWN_TIMEOUT_MS is cut off, and close() still resolves", async () => {
    holdAnswers(); // never released while the gateway closes
    upstream.requests.length = 0;
    const stack = await startStack({ env: { OPENMETADATA_URL: `${upstream.url}/api`, SHUTDOWN_TIMEOUT_MS: "100" } });
    try {
      const inFlight = stack.query(`{ mlModelService(fullyQualifiedName: "slower_svc") { name } }`).then(
        () => "answered",
        () => "cut off",
      );
      await until(() => upstream.requests.length > 0, "the in-flight read to reach the upstream");
      await stack.app.gateway.close();
      expect(await inFlight).toBe("cut off");
    } finally {
      release();
      await stack.close();
    }
  });

  test("SIGTERM closes the app gracefully and exits 0", async () => {
    const log = captureLog();
    const stack = await startStack({ env: { LOG_LEVEL: "info" }, app: { logDestination: log.stream } });
    let exitCode: number | undefined;
    try {
      // A stand-in for the process: jest's sandboxed \`process\` does not receive real signals.
      const signals = new EventEmitter();
      const exited = new Promise<void>((resolve) => {
        const target = Object.assign(signals, {
          exit: (code: number) => {
            exitCode = code;
            resolve();
          },
        });
        closeOnSignals(stack.app, target);
      });
      signals.emit("SIGTERM", "SIGTERM");
      signals.emit("SIGTERM", "SIGTERM");
      await exited;
      expect(signals.listenerCount("SIGINT")).toBe(1);
      expect(exitCode).toBe(0);
      expect(await connects(`${stack.origin}/health`)).toBe(false);
      expect(log.lines().some((line) => line.signal === "SIGTERM")).toBe(true);
    } finally {
      if (exitCode === undefined) await stack.close();
    }
  });
});

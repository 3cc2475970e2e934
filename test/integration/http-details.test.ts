import { createHash } from "node:crypto";
import { connect, type Socket } from "node:net";
import { startProxiedStack } from "../resilience/proxied-stack.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { until } from "../helpers/until.js";

describe("request-level answers", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test.each([
    ["invalid JSON (400)", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" }, "/graphql", 400],
    ["a body over the limit (413)", { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1024 * 1024 + 1) }, "/graphql", 413],
    ["an unknown path (404)", { method: "GET" }, "/nowhere", 404],
  ])("%s is never cached and carries the request id", async (_name, init, path, status) => {
    const response = await fetch(`${stack.origin}${path}`, { ...init, headers: { ...(init as { headers?: Record<string, string> }).headers, "x-request-id": "rid-http" } });
    expect(response.status).toBe(status);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { errors?: Array<{ extensions: Record<string, unknown> }> };
    if (body.errors) expect(body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", requestId: "rid-http" });
  });

  test("Apollo's request-level refusals (BAD_REQUEST) are reported as BAD_USER_INPUT with the request id", async () => {
    const noQuery = await stack.query(undefined as unknown as string, undefined, { "x-request-id": "rid-noquery" });
    expect(noQuery.status).toBe(400);
    expect(noQuery.errors?.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT", requestId: "rid-noquery" }]);
    const csrf = await fetch(`${stack.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { "x-request-id": "rid-csrf" } });
    expect(csrf.status).toBe(400);
    const body = (await csrf.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT", requestId: "rid-csrf" }]);
  });

  test("GraphiQL is served with a Content-Security-Policy that admits only its own inlined scripts, and no framing", async () => {
    const response = await fetch(stack.url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  test("a GraphQL answer carries no GraphiQL headers", async () => {
    const answer = await stack.query(`{ __typename }`);
    expect(answer.headers.get("content-security-policy")).toBeNull();
  });
});

test("with introspection off, _service { sdl } stays open for the router and __schema is refused", async () => {
  const stack = await startStack({ env: { INTROSPECTION: "false" } });
  try {
    expect((await stack.query(`{ __schema { queryType { name } } }`)).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const sdl = await stack.query(`{ _service { sdl } }`);
    expect(sdl.errors).toBeUndefined();
    expect(sdl.data._service.sdl).toContain("type MlModelService");
  } finally {
    await stack.close();
  }
});

/** A raw HTTP/1.1 keep-alive connection: what it received, and how it ended (FIN or reset). */
function openConnection(port: number) {
  const socket: Socket = connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  const state = { ended: false, error: undefined as string | undefined, closed: false };
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("end", () => (state.ended = true));
  socket.on("error", (error: NodeJS.ErrnoException) => (state.error = error.code ?? error.message));
  socket.on("close", () => (state.closed = true));
  const send = (query: string) => {
    const body = JSON.stringify({ query });
    socket.write(`POST /graphql HTTP/1.1\r\nhost: gateway\r\nconnection: keep-alive\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  /** The first answer: its head, and how many body bytes arrived of the `content-length` it declared. */
  const answer = () => {
    const all = Buffer.concat(chunks);
    const split = all.indexOf("\r\n\r\n");
    const head = split < 0 ? all.toString("latin1") : all.subarray(0, split).toString("latin1");
    const declared = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? NaN);
    return { head, declared, received: split < 0 ? 0 : all.length - split - 4, bodyStart: split < 0 ? "" : all.subarray(split + 4, split + 64).toString("utf8") };
  };
  return { socket, state, send, answer };
}

/** Whether the gateway has answered `count` operations (its metrics count an operation as it is answered). */
async function operationsAnswered(stack: { app: { metrics: { render(): Promise<{ body: string }> } } }): Promise<number> {
  const { body } = await stack.app.metrics.render();
  return [...body.matchAll(/^gateway_operations_total\{[^}]*\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

test("shutdown closes idle keep-alive connections at once, and an in-flight answer is delivered whole before its connection ends", async () => {
  const stack = await startProxiedStack({ env: { SHUTDOWN_TIMEOUT_MS: "30000", UPSTREAM_TIMEOUT_MS: "30000" } });
  const port = stack.app.gateway.port;
  const idle = openConnection(port);
  const busy = openConnection(port);
  try {
    idle.send("{ __typename }");
    await until(() => idle.answer().received > 0 && idle.answer().received === idle.answer().declared, "the idle connection's first answer");
    expect(idle.answer().head).toMatch(/connection: keep-alive/i);

    // An answer far larger than the socket buffers, to a client that is not reading yet: most of it is
    // still in the gateway's buffers when the shutdown begins.
    const description = "x".repeat(20_000_000);
    stack.proxy.inject({ method: "GET", path: "mlmodelServices/name/mlflow_svc" }, { kind: "status", status: 200, body: { id: "5c8f7a1e-0d3b-4c2a-9e6f-1a2b3c4d5e6f", name: "mlflow_svc", fullyQualifiedName: "mlflow_svc", serviceType: "Mlflow", version: 0.1, deleted: false, description } });
    busy.socket.pause();
    const before = await operationsAnswered(stack);
    busy.send(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { description } }`);
    await until(async () => (await operationsAnswered(stack)) > before, "the gateway to answer the large read", 1000);

    const closing = stack.app.gateway.close();
    await until(() => idle.state.closed, "the idle connection to close");
    expect(idle.state).toMatchObject({ ended: true, error: undefined });

    busy.socket.resume();
    await closing;
    await until(() => busy.state.closed, "the busy connection to close", 3000);
    expect(busy.state).toMatchObject({ ended: true, error: undefined });
    const answer = busy.answer();
    expect(answer.head).toMatch(/^HTTP\/1\.1 200/);
    expect(answer.bodyStart).toMatch(/^\{"data":\{"mlModelService":\{"description":"xxx/);
    expect(answer.received).toBe(answer.declared);
    expect(answer.declared).toBeGreaterThan(description.length);
  } finally {
    idle.socket.destroy();
    busy.socket.destroy();
    await stack.close();
  }
}, 60_000);

test("a request in flight when the shutdown begins is answered with `Connection: close`", async () => {
  const stack = await startProxiedStack({ env: { SHUTDOWN_TIMEOUT_MS: "30000", UPSTREAM_TIMEOUT_MS: "30000" } });
  const busy = openConnection(stack.app.gateway.port);
  try {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    stack.proxy.inject({ method: "GET", path: "mlmodelServices/name/mlflow_svc" }, { kind: "hold", until: held });
    busy.send(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`);
    await until(() => stack.proxy.seen("mlmodelServices/name/mlflow_svc").length === 1, "the in-flight read to reach the upstream");
    const closing = stack.app.gateway.close();
    expect(busy.state.closed).toBe(false);
    release();
    await closing;
    await until(() => busy.state.closed, "the busy connection to close");
    expect(busy.state).toMatchObject({ ended: true, error: undefined });
    expect(busy.answer().head).toMatch(/\r\nconnection: close/i);
    expect(busy.answer().bodyStart.trim()).toBe('{"data":{"mlModelService":{"name":"mlflow_svc"}}}');
  } finally {
    busy.socket.destroy();
    await stack.close();
  }
});

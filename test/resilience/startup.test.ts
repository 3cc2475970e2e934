import { startProxiedStack, type ProxiedStack } from "./proxied-stack.js";

// An upstream that is down when the gateway starts does not stop it: the gateway starts, answers with
// coded errors, reports the upstream in /ready, and serves as soon as the upstream returns.

let stack: ProxiedStack;
beforeAll(async () => {
  stack = await startProxiedStack({ proxyDown: true });
});
afterAll(() => stack.close());

const QUERY = `{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`;

test("the gateway starts and answers UPSTREAM_UNAVAILABLE while the upstream is down", async () => {
  const health = await fetch(`${stack.origin}/health`);
  expect(health.status).toBe(200);
  const answer = await stack.query(QUERY);
  expect(answer.status).toBe(200);
  expect(answer.data).toEqual({ mlModelService: null });
  expect(answer.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
});

test("/ready reports the unreachable upstreams", async () => {
  const ready = await fetch(`${stack.origin}/ready`);
  expect(ready.status).toBe(503);
  const body = (await ready.json()) as { ready: boolean; upstreams: Record<string, { reachable: boolean }> };
  expect(body.ready).toBe(false);
  expect(body.upstreams.openmetadata.reachable).toBe(false);
  expect(body.upstreams.wml.reachable).toBe(false);
});

test("as soon as the upstream returns, the gateway serves and /ready says so", async () => {
  await stack.proxy.start();
  const answer = await stack.query(QUERY);
  expect(answer.errors).toBeUndefined();
  expect(answer.data).toEqual({ mlModelService: { name: "mlflow_svc" } });
  const ready = await fetch(`${stack.origin}/ready`);
  expect(ready.status).toBe(200);
  expect(((await ready.json()) as { ready: boolean }).ready).toBe(true);
});

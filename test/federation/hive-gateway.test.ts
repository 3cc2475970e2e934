import { composeServices } from "@apollo/composition";
import { createGatewayRuntime, type GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { parse } from "graphql";
import { ManualClock } from "../../src/local-catalog/clock.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { printSubgraphSdl } from "../../src/print-schema.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { ManualScheduler, until } from "../helpers/subscriptions.js";
import { ALL_EXTENDED_ENTITIES, startOpsSubgraph, type OpsSubgraph } from "./ops-subgraph.js";

/**
 * A real supergraph engine in process: Hive Gateway's runtime over the composed SDL of this subgraph
 * (as `npm run print-schema` prints it) and a second one that extends its entities. The runtime is
 * called through its `fetch` (no listening port); it reaches the subgraphs over loopback, queries over
 * HTTP and subscriptions over graphql-ws on the same `/graphql`.
 */
let stack: Stack;
let ops: OpsSubgraph;
let router: GatewayRuntime;
const clock = new ManualClock();
const scheduler = new ManualScheduler();

beforeAll(async () => {
  stack = await startStack({ catalog: { clock, wml: { assetUpdateDelayMs: 1000 } }, app: { pollScheduler: scheduler } });
  ops = await startOpsSubgraph(ALL_EXTENDED_ENTITIES);
  const composed = composeServices([
    { name: "catalog", typeDefs: parse(printSubgraphSdl()), url: stack.url },
    { name: "ops", typeDefs: ops.typeDefs, url: ops.url },
  ]);
  expect(composed.errors).toBeUndefined();
  router = createGatewayRuntime({
    supergraph: composed.supergraphSdl!,
    logging: false,
    // Subscriptions reach every HTTP subgraph over graphql-ws at its own GraphQL path; the router's
    // socket closes as soon as no subscription needs it (its default lingers 3 s).
    transportEntries: { "*.http": { options: { subscriptions: { kind: "ws", location: "/graphql", options: { lazyCloseTimeout: 0 } } } } },
  });
}, 60_000);

afterAll(async () => {
  await router?.dispose();
  await ops?.close();
  await stack?.close();
});

async function post(query: string, variables?: Record<string, unknown>) {
  const response = await router.fetch("http://router/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** A subscription through the router as server-sent events: each `next` payload in order, and whether `complete` came. */
async function subscribe(query: string, variables: Record<string, unknown>) {
  const response = await router.fetch("http://router/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: any[] = [];
  let buffer = "";
  let complete = false;
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === "complete") complete = true;
        else if (data) events.push(JSON.parse(data));
      }
    }
  })();
  return {
    events,
    get complete() {
      return complete;
    },
    async cancel() {
      await reader.cancel();
      await pump.catch(() => undefined);
    },
    finished: pump,
  };
}

test("queries crossing both subgraphs through the Hive Gateway runtime, one of them through the catalog's _entities", async () => {
  // The ops subgraph knows only the deployment's id: its name and state come from the catalog's `_entities`.
  stack.catalog.resetRequests();
  const incidents = await post(`{ incidents { id deployment { id name state } } }`);
  expect(incidents.errors).toBeUndefined();
  expect(incidents.data.incidents.find((i: { id: string }) => i.id === "inc-4").deployment).toEqual({ id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, name: expect.any(String), state: "READY" });
  expect(stack.upstream(`/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`)).toHaveLength(1);

  const deployment = await post(`query ($id: ID!) { deployment(id: $id) { name state openIncidents { id } } }`, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline });
  expect(deployment.errors).toBeUndefined();
  expect(deployment.data.deployment).toEqual({ name: expect.any(String), state: "READY", openIncidents: [{ id: "inc-4" }] });
});

test("deploymentChanged through the router to the subgraph over graphql-ws, each event joined with the other subgraph", async () => {
  const id = SAMPLE_DEPLOYMENT_IDS.diabetesOnline;
  const replaced = await post(`mutation ($id: ID!) { replaceAsset(deploymentId: $id, asset: { id: "${SAMPLE_MODEL_IDS.diabetesBoosting}", rev: "1" }) { outcome } }`, { id });
  expect(replaced.errors).toBeUndefined();
  expect(replaced.data.replaceAsset.outcome).toBe("UPDATING");

  const stream = await subscribe(`subscription ($id: ID!) { deploymentChanged(id: $id, untilSettled: true) { id state asset { id rev } openIncidents { id } } }`, { id });
  try {
    await until(() => stream.events.length === 1, 10_000, "the first event through the router");
    expect(stream.events[0]).toEqual({ data: { deploymentChanged: { id, state: "UPDATING", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, openIncidents: [{ id: "inc-4" }] } } });
    expect(stack.app.deps.watches.size).toBe(1);
    // The router holds it open on the subgraph's WebSocket endpoint.
    expect(await (await fetch(`${stack.origin}/metrics`)).text()).toMatch(/^gateway_subscriptions_active 1$/m);

    clock.advance(1000);
    await until(() => scheduler.pending.size === 1, 5000, "the poll scheduled");
    scheduler.fire();
    await until(() => stream.complete, 10_000, "the stream completing after READY");
    expect(stream.events).toHaveLength(2);
    expect(stream.events[1].data.deploymentChanged).toMatchObject({ state: "READY", asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, openIncidents: [{ id: "inc-4" }] });
    await until(() => stack.app.deps.watches.size === 0, 5000, "the poller stopped");
  } finally {
    await stream.cancel();
  }
});

test("a client leaving the router ends the subgraph subscription and its poller", async () => {
  const stream = await subscribe(`subscription ($id: ID!) { deploymentChanged(id: $id) { state } }`, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline });
  await until(() => stream.events.length === 1, 10_000, "the first event");
  expect(stack.app.deps.watches.size).toBe(1);
  await stream.cancel();
  await until(() => stack.app.deps.watches.size === 0, 10_000, "the poller stopped after the client left");
});

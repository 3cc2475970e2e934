import WebSocket from "ws";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { connect, ManualScheduler, until, watch, wsUrl } from "../helpers/subscriptions.js";

const CHANGED = `subscription($id: ID!) { deploymentChanged(id: $id) { id state } }`;

describe("graphql-ws connection rules", () => {
  let stack: Stack;
  const scheduler = new ManualScheduler();

  beforeAll(async () => {
    stack = await startStack({
      env: { MAX_SUBSCRIPTIONS_PER_CONNECTION: "2", MAX_SUBSCRIPTIONS: "3", MAX_ALIASES: "2", MAX_DEPTH: "4", INTROSPECTION: "false", FIELD_SUGGESTIONS: "false" },
      app: { pollScheduler: scheduler },
    });
  });
  afterAll(() => stack.close());

  test("a third operation on one connection is refused (MAX_SUBSCRIPTIONS_PER_CONNECTION), a fourth on the gateway too (MAX_SUBSCRIPTIONS)", async () => {
    const a = connect(stack.url);
    const b = connect(stack.url);
    try {
      const a1 = watch(a, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline });
      const a2 = watch(a, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary });
      await a1.next();
      await a2.next();
      const a3 = watch(a, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline });
      expect(((await a3.done).error as any[])[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", limit: "MAX_SUBSCRIPTIONS_PER_CONNECTION" } });

      const b1 = watch(b, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.churnOnline });
      await b1.next();
      const b2 = watch(b, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.churnBatch });
      expect(((await b2.done).error as any[])[0]).toMatchObject({ message: expect.stringContaining("MAX_SUBSCRIPTIONS"), extensions: { code: "BAD_USER_INPUT", limit: "MAX_SUBSCRIPTIONS" } });

      // A slot freed is a slot taken again; the refused ones never started a poller.
      a1.stop();
      await until(() => stack.app.deps.watches.size === 2, 5000, "a poller stopped");
      const b3 = watch(b, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.churnBatch });
      expect((await b3.next()).data?.deploymentChanged.id).toBe(SAMPLE_DEPLOYMENT_IDS.churnBatch);
    } finally {
      await a.dispose();
      await b.dispose();
    }
    await until(() => stack.app.deps.watches.size === 0, 5000, "every poller stopped");
  });

  test.each([
    ["too many aliases", `subscription { deploymentChanged(id: "x") { a: id b: id c: id } }`, "Aliases limit"],
    ["too deep", `subscription { deploymentChanged(id: "x") { model { deployments { nodes { model { id } } } } } }`, "depth"],
    ["a field that does not exist", `subscription { deploymentChanged(id: "x") { nope } }`, "nope"],
    ["not GraphQL", `subscription {`, "Syntax"],
    ["introspection, switched off", `query { __schema { queryType { name } } }`, "introspection"],
  ])("%s: refused as BAD_USER_INPUT before any upstream call", async (_label, query, words) => {
    const client = connect(stack.url);
    stack.catalog.resetRequests();
    try {
      const watched = watch(client, query);
      const errors = (await watched.done).error as any[];
      expect(errors[0]).toMatchObject({ message: expect.stringContaining(words), extensions: { code: "BAD_USER_INPUT" } });
      expect(stack.upstream("/ml/v4")).toHaveLength(0);
    } finally {
      await client.dispose();
    }
  });

  test.each([
    ["over the cost limit", `query { mlModelServices(first: 1000) { nodes { versions(first: 1000) { version } } } }`, undefined, "Cost limit"],
    ["a JSON value nested past MAX_JSON_DEPTH", `mutation($ops: [JsonPatchOperationInput!]!) { patchMlModelService(fullyQualifiedName: "x", operations: $ops) { changed } }`, { ops: [{ op: "add", path: "/extension", value: JSON.parse("[".repeat(40) + "]".repeat(40)) }] }, "operations"],
  ])("a query or mutation over a socket meets the HTTP limits too: %s", async (_label, query, variables, words) => {
    const client = connect(stack.url);
    stack.catalog.resetRequests();
    try {
      const errors = (await watch(client, query, variables).done).error as any[];
      expect(errors[0]).toMatchObject({ message: expect.stringContaining(words), extensions: { code: "BAD_USER_INPUT", requestId: expect.any(String) } });
      expect(stack.upstream("/")).toHaveLength(0);
    } finally {
      await client.dispose();
    }
  });

  test("a misspelt field gets no suggestion when FIELD_SUGGESTIONS is off", async () => {
    const client = connect(stack.url);
    try {
      const errors = (await watch(client, `subscription { deploymentChanged(id: "x") { stat } }`).done).error as any[];
      expect(errors[0].message).toBe('Cannot query field "stat" on type "Deployment".');
    } finally {
      await client.dispose();
    }
  });

  test("a message larger than a request body may be closes the socket (1009)", async () => {
    const client = connect(stack.url);
    try {
      watch(client, `subscription { deploymentChanged(id: "${"x".repeat(1024 * 1024)}") { id } }`);
      expect((await client.closed).code).toBe(1009);
    } finally {
      await client.dispose();
    }
  });

  test("an empty id is BAD_USER_INPUT naming the argument", async () => {
    const client = connect(stack.url);
    try {
      const result = await watch(client, CHANGED, { id: " " }).next();
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    } finally {
      await client.dispose();
    }
  });

  test("connectionParams.authorization is the caller's credential: WML is read with the gateway's own, never the caller's", async () => {
    const caller = "Bearer caller-secret-token-123";
    const client = connect(stack.url, { authorization: caller });
    stack.catalog.resetRequests();
    try {
      const watched = watch(client, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.diabetesLatest });
      expect((await watched.next()).data?.deploymentChanged.state).toBe("READY");
      const reads = stack.upstream(`/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesLatest}`);
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) expect(read.headers.authorization).not.toBe(caller);
    } finally {
      await client.dispose();
    }
  });

  test("an authorization that is not a string closes the connection with 4403", async () => {
    const client = connect(stack.url, { authorization: { token: "x" } });
    try {
      expect((await client.closed).code).toBe(4403);
    } finally {
      await client.dispose();
    }
  });

  test("a subscription sent over HTTP is refused with 400, naming where subscriptions are served", async () => {
    stack.catalog.resetRequests();
    const answer = await stack.query(CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline });
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("WebSocket"), extensions: { code: "BAD_USER_INPUT", requestId: expect.any(String) } })]);
    expect(stack.upstream("/ml/v4")).toHaveLength(0);
  });

  test("another path does not upgrade", async () => {
    const socket = new WebSocket(wsUrl(stack.origin) + "/elsewhere", "graphql-transport-ws");
    const outcome = await new Promise<string>((resolve) => {
      socket.once("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
      socket.once("error", (error) => resolve(error.message));
      socket.once("open", () => resolve("open"));
    });
    socket.terminate();
    expect(outcome).toBe("404");
  });
});

test("with ANONYMOUS_ACCESS=false an operation over a socket without a credential is UNAUTHENTICATED before any upstream call", async () => {
  const stack = await startStack({ env: { ANONYMOUS_ACCESS: "false" } });
  const anonymous = connect(stack.url);
  const signedIn = connect(stack.url, { authorization: "Bearer admin" });
  try {
    stack.catalog.resetRequests();
    const errors = (await watch(anonymous, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline }).done).error as any[];
    expect(errors[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(stack.upstream("/")).toHaveLength(0);
    const watched = watch(signedIn, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline });
    expect((await watched.next()).data?.deploymentChanged.id).toBe(SAMPLE_DEPLOYMENT_IDS.diabetesOnline);
    watched.stop();
  } finally {
    await anonymous.dispose();
    await signedIn.dispose();
    await stack.close();
  }
});

test("closing the gateway (SIGTERM) closes open sockets with 1001 and stops the pollers", async () => {
  const stack = await startStack({ app: { pollScheduler: new ManualScheduler() } });
  let closed = false;
  try {
    const client = connect(stack.url);
    const watched = watch(client, CHANGED, { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline });
    await watched.next();
    expect(stack.app.deps.watches.size).toBe(1);
    await stack.close();
    closed = true;
    expect((await client.closed).code).toBe(1001);
    expect(stack.app.deps.watches.size).toBe(0);
    await client.dispose();
  } finally {
    if (!closed) await stack.close();
  }
});

test("closing the gateway lets a mutation running over a socket finish before the socket closes with 1001", async () => {
  const stack = await startStack({ catalog: { wml: { assetUpdateDelayMs: 300 } }, app: { pollScheduler: new ManualScheduler() } });
  let closing: Promise<void> | undefined;
  try {
    const client = connect(stack.url);
    const mutation = watch(
      client,
      `mutation($id: ID!) { replaceAsset(deploymentId: $id, asset: { id: "${SAMPLE_MODEL_IDS.diabetesBoosting}", rev: "1" }, waitUntilReady: true) { outcome } }`,
      { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary },
    );
    await until(() => stack.upstream("/ml/v4/deployments").some((r) => r.method === "PATCH"), 5000, "the PATCH sent");
    closing = stack.close();
    expect((await mutation.next(10_000)).data).toEqual({ replaceAsset: { outcome: "SUCCEEDED" } });
    expect((await client.closed).code).toBe(1001);
    await closing;
    await client.dispose();
  } finally {
    await (closing ?? stack.close());
  }
});

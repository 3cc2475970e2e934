import { request as httpRequest } from "node:http";
import { SAMPLE_DEPLOYMENT_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { json, startFakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.js";
import { captureLog } from "../helpers/log-capture.js";
import { startStack, type Stack } from "../helpers/stack.js";

/** POSTs a raw body to the gateway and reads the answer as text. */
async function postRaw(url: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> } };
}

/** Sends a request with headers fetch will not send (Connection, TE, Keep-Alive), over a raw node:http request. */
function rawQuery(url: string, query: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("query limits, body size, CSRF", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  function expectRejected(answer: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, any> }> }, pattern: RegExp) {
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(answer.errors?.map(() => "BAD_USER_INPUT"));
    expect(answer.errors?.map((e) => e.message)).toContainEqual(expect.stringMatching(pattern));
    expect(stack.upstream()).toEqual([]);
  }

  test("a depth bomb is refused before any upstream call", async () => {
    const bomb = `{ mlModelService(fullyQualifiedName: "mlflow_svc") { ${"versions { ".repeat(30)}name${" }".repeat(30)} } }`;
    const answer = await stack.query(bomb);
    expect(answer.status).toBe(400);
    expectRejected(answer, /^Query depth limit of 12 exceeded, found 32\.$/);
  });

  test("an alias bomb is refused before any upstream call", async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: mlModelService(fullyQualifiedName: "mlflow_svc") { name }`).join("\n");
    const answer = await stack.query(`{ ${aliases} }`);
    expect(answer.status).toBe(400);
    expectRejected(answer, /^Aliases limit of 30 exceeded, found 200\.$/);
  });

  test("a document with too many tokens is refused while parsing", async () => {
    const fields = Array.from({ length: 6000 }, () => "__typename").join(" ");
    const answer = await stack.query(`{ ${fields} }`);
    expect(answer.status).toBe(400);
    expectRejected(answer, /contains more tha[nt] 5000 tokens/);
  });

  test("a body over 1 MiB is refused with 413, declared or streamed", async () => {
    const padding = " ".repeat(1024 * 1024 + 10);
    const declared = await postRaw(stack.url, JSON.stringify({ query: `{ __typename }${padding}` }));
    expect(declared.status).toBe(413);
    expect(declared.json().errors?.[0]).toEqual({ message: "the request body is larger than 1048576 bytes", extensions: { code: "BAD_USER_INPUT", requestId: expect.any(String) } });

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(stack.url, { method: "POST", agent: false, headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const chunk = "x".repeat(64 * 1024);
      const write = (left: number): void => {
        if (left === 0 || req.destroyed) return void req.end();
        if (req.write(chunk)) write(left - 1);
        else req.once("drain", () => write(left - 1));
      };
      write(20);
    });
    expect(streamed).toBe(413);
    expect(stack.upstream()).toEqual([]);
  });

  test("CSRF prevention: a simple GET or a text/plain POST is refused; a preflighted GET works", async () => {
    const simpleGet = await fetch(`${stack.url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/i);
    const plainPost = await postRaw(stack.url, JSON.stringify({ query: "{ __typename }" }), { "content-type": "text/plain" });
    expect(plainPost.status).toBe(400);
    const preflighted = await fetch(`${stack.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { __typename: "Query" } });
  });
});

describe("query cost", () => {
  test("a document over MAX_COST is refused, naming the limit", async () => {
    const stack = await startStack({ env: { MAX_COST: "40" } });
    try {
      const answer = await stack.query(`{ mlModelServices(first: 5) { nodes { name fullyQualifiedName serviceType version owners { name type } tags { tagFQN } } } }`);
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(answer.errors?.[0].message).toMatch(/^Query Cost limit of 40 exceeded, found \d+/);
      expect(stack.upstream()).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});

describe("introspection and field suggestions", () => {
  const introspection = `{ __schema { queryType { name } } }`;
  const typo = `{ mlModelServic(fullyQualifiedName: "mlflow_svc") { name } }`;

  test("on by default outside production", async () => {
    const stack = await startStack();
    try {
      expect((await stack.query(introspection)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
      expect((await stack.query(typo)).errors?.[0].message).toMatch(/Did you mean "mlModelService/);
    } finally {
      await stack.close();
    }
  });

  test("off with NODE_ENV=production", async () => {
    const stack = await startStack({ env: { NODE_ENV: "production" } });
    try {
      const refused = await stack.query(introspection);
      expect(refused.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(refused.errors?.[0].message).toMatch(/introspection/i);
      const hidden = await stack.query(typo);
      expect(hidden.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(hidden.errors?.[0].message).not.toMatch(/Did you mean|mlModelService\b/);
    } finally {
      await stack.close();
    }
  });

  test("INTROSPECTION and FIELD_SUGGESTIONS turn them back on in production", async () => {
    const stack = await startStack({ env: { NODE_ENV: "production", INTROSPECTION: "true", FIELD_SUGGESTIONS: "true" } });
    try {
      expect((await stack.query(introspection)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
      expect((await stack.query(typo)).errors?.[0].message).toMatch(/Did you mean "mlModelService/);
    } finally {
      await stack.close();
    }
  });
});

describe("credentials in upstream error bodies", () => {
  const CONFIGURED = "plain-configured-secret-9f3k";
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream((_req, res) =>
      json(res, 500, { code: 500, message: `bad token Bearer abc.def.ghi for user; also token ${CONFIGURED} and https://svc:hunter2@db.internal/x` }),
    );
  });
  afterAll(() => upstream.close());

  test("a token in an upstream error reaches neither the GraphQL response nor the log", async () => {
    const log = captureLog();
    const stack = await startStack({ env: { OPENMETADATA_URL: `${upstream.url}/api`, OPENMETADATA_TOKEN: CONFIGURED, LOG_LEVEL: "info" }, app: { logDestination: log.stream } });
    try {
      const response = await postRaw(stack.url, JSON.stringify({ query: `{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }` }));
      const body = response.json();
      expect(body.errors?.[0].extensions?.code).toBe("UPSTREAM_ERROR");
      expect(body.errors?.[0].extensions?.upstream).toMatchObject({ service: "openmetadata", status: 500 });
      expect(body.errors?.[0].extensions?.upstream.message).toContain("[redacted]");
      // The upstream did receive the configured token: the gateway knows it and scrubs it.
      expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${CONFIGURED}`);
      await new Promise((resolve) => setImmediate(resolve));
      for (const text of [response.text, log.text()]) {
        expect(text).not.toContain("abc.def.ghi");
        expect(text).not.toContain(CONFIGURED);
        expect(text).not.toContain("hunter2");
      }
      expect(log.lines().some((line) => line.msg === "operation" && line.outcome !== "ok")).toBe(true);
    } finally {
      await stack.close();
    }
  });

  test("the caller's own token, echoed bare by an upstream, reaches neither the response nor the log", async () => {
    const CALLER = "caller-own-token-5h2m";
    const echo = await startFakeUpstream((req, res) =>
      json(res, 401, { code: 401, message: `token ${String(req.headers.authorization).replace(/^Bearer /, "")} is not valid here` }),
    );
    const log = captureLog();
    const stack = await startStack({ env: { OPENMETADATA_URL: `${echo.url}/api`, LOG_LEVEL: "info" }, app: { logDestination: log.stream } });
    try {
      const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`, undefined, { authorization: `Bearer ${CALLER}` });
      expect(echo.requests.at(-1)?.headers.authorization).toBe(`Bearer ${CALLER}`);
      expect(answer.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(answer.errors?.[0].extensions?.upstream.message).toBe("token [redacted] is not valid here");
      await new Promise((resolve) => setImmediate(resolve));
      expect(JSON.stringify(answer)).not.toContain(CALLER);
      expect(log.text()).not.toContain(CALLER);
      expect(log.text()).toContain("[redacted]");
    } finally {
      await stack.close();
      await echo.close();
    }
  });

  test("the log censors secrets by key and in any text", async () => {
    const log = captureLog();
    const stack = await startStack({ env: { OPENMETADATA_URL: `${upstream.url}/api`, OPENMETADATA_TOKEN: CONFIGURED, LOG_LEVEL: "info" }, app: { logDestination: log.stream } });
    try {
      stack.app.logger.info({ headers: { authorization: "Bearer x.y.z", cookie: "session=1" }, config: { token: "t0ken-value", password: "pa55word" }, note: `using ${CONFIGURED}` }, `connecting with password=pa55word`);
      await new Promise((resolve) => setImmediate(resolve));
      const text = log.text();
      for (const secret of ["x.y.z", "session=1", "t0ken-value", "pa55word", CONFIGURED]) expect(text).not.toContain(secret);
      expect(text).toContain("[redacted]");
    } finally {
      await stack.close();
    }
  });
});

describe("headers that must not reach an upstream", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test("only the allow-list travels; Authorization goes to OpenMetadata only; hop-by-hop headers never", async () => {
    stack.catalog.resetRequests();
    const answer = await rawQuery(stack.url, `{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { name } }`, {
      authorization: "Bearer admin",
      "x-secret-header": "s3cr3t",
      cookie: "session=abc",
      connection: "keep-alive, x-foo",
      "x-foo": "hop",
      "keep-alive": "timeout=5",
      te: "trailers",
      "proxy-authorization": "Basic cHJveHk6cHc=",
      "accept-language": "fr-CH",
      "x-request-id": "hdr-1",
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).errors).toBeUndefined();

    const openmetadata = stack.upstream("/api/v1/");
    const wml = stack.upstream("/ml/v4/");
    expect(openmetadata.length).toBeGreaterThan(0);
    expect(wml.length).toBeGreaterThan(0);
    for (const received of [...openmetadata, ...wml]) {
      const names = Object.keys(received.headers);
      for (const name of ["x-secret-header", "cookie", "x-foo", "keep-alive", "te", "proxy-authorization"]) expect({ name, present: names.includes(name) }).toEqual({ name, present: false });
      expect(String(received.headers.connection ?? "")).not.toContain("x-foo");
      expect(received.headers["x-request-id"]).toBe("hdr-1");
      expect(received.headers["accept-language"]).toBe("fr-CH");
    }
    expect(openmetadata.every((r) => r.headers.authorization === "Bearer admin")).toBe(true);
    expect(wml.every((r) => r.headers.authorization !== "Bearer admin")).toBe(true);
  });

  test("an allow-listed header that Connection names is hop-by-hop for that request", async () => {
    stack.catalog.resetRequests();
    await rawQuery(stack.url, `{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`, { connection: "accept-language", "accept-language": "de" });
    const received = stack.upstream("/api/v1/");
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.headers["accept-language"] === undefined)).toBe(true);
  });
});

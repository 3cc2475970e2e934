import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer, globalAgent, type Server as HttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { projectRoot } from "../../src/project-root.js";
import { createGotTransport } from "../../src/upstream/got-transport.js";
import { createReadTransport } from "../../src/upstream/read-transport.js";
import { TransportFailure, USER_AGENT, type RawAnswer, type Transport } from "../../src/upstream/transport.js";
import { closedPort } from "../helpers/fake-upstream.js";
import { rejection } from "../helpers/rejection.js";

// Both transports against one real HTTP server on port 0: the read transport (node:http) and the got
// transport must hand `createUpstream` the same answers and the same failures.

const TIMEOUT_MS = 300;
let server: Server;
let base: string;
const sockets = new Set<Socket>();

const ROUTES: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  "/echo": (req, res, body) => {
    const url = new URL(req.url!, "http://x");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body }));
  },
  "/status/404": (_req, res) => {
    res.writeHead(404, { "content-type": "application/json", "retry-after": "3" });
    res.end(JSON.stringify({ code: 404, message: "not here" }));
  },
  "/gzip": (_req, res) => {
    res.writeHead(200, { "content-encoding": "gzip" });
    res.end(gzipSync("{\"packed\":\"gzip\"}"));
  },
  "/deflate": (_req, res) => {
    res.writeHead(200, { "content-encoding": "deflate" });
    res.end(deflateSync("{\"packed\":\"deflate\"}"));
  },
  "/br": (_req, res) => {
    res.writeHead(200, { "content-encoding": "br" });
    res.end(brotliCompressSync("{\"packed\":\"br\"}"));
  },
  "/chunked": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.write("élan ");
    setTimeout(() => res.end("vital ✓"), 20);
  },
  // Headers at once, then a body that never ends: the limit covers the whole answer, not its start.
  "/stall-body": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{\"partial\":");
  },
  "/hang": () => undefined,
  // Half an answer, then the connection is gone.
  "/cut": (req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write("{\"partial\":");
    setTimeout(() => req.socket.destroy(), 20);
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url!, "http://x").pathname;
      const route = ROUTES[path.startsWith("/echo/") ? "/echo" : path];
      if (route) route(req, res, Buffer.concat(chunks).toString("utf8"));
      else res.writeHead(500).end();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/**
 * Each transport twice: with a limit no answer of this server comes near even on a loaded machine (every
 * test that expects an answer or a failure other than a time-out), and with TIMEOUT_MS for the tests of
 * the time limit itself, whose routes never finish.
 */
const ANSWER_TIMEOUT_MS = 20_000;
const TRANSPORTS: [string, Transport, Transport][] = [
  ["read transport (node:http)", createReadTransport(ANSWER_TIMEOUT_MS), createReadTransport(TIMEOUT_MS)],
  ["got transport", createGotTransport(ANSWER_TIMEOUT_MS), createGotTransport(TIMEOUT_MS)],
];

const failure = (promise: Promise<RawAnswer>) => rejection(promise, TransportFailure);

describe.each(TRANSPORTS)("%s", (_name, transport, limited) => {
  const get = (path: string) => transport({ method: "GET", url: new URL(path, base), headers: {} });
  const getLimited = (path: string) => limited({ method: "GET", url: new URL(path, base), headers: {} });

  test("sends the method, the query as given, the headers and its own user-agent", async () => {
    const url = new URL("/echo?fields=owners%2Ctags&include=all", base);
    const answer = await transport({ method: "GET", url, headers: { authorization: "Bearer t", "x-request-id": "r-1" } });
    expect(answer.status).toBe(200);
    const echoed = JSON.parse(answer.text);
    expect(echoed).toMatchObject({ method: "GET", path: "/echo", query: { fields: "owners,tags", include: "all" } });
    expect(echoed.headers).toMatchObject({ authorization: "Bearer t", "x-request-id": "r-1", "user-agent": USER_AGENT });
  });

  test("sends the credentials of a base URL with user info as basic authentication", async () => {
    const url = new URL("/echo", base);
    url.username = "svc";
    url.password = "p@ss";
    const echoed = JSON.parse((await transport({ method: "GET", url, headers: {} })).text);
    expect(echoed.headers.authorization).toBe(`Basic ${Buffer.from("svc:p@ss").toString("base64")}`);
  });

  test("keeps a percent-encoded segment as one segment", async () => {
    const answer = await get(`/echo/${encodeURIComponent("a/b c%")}`);
    expect(JSON.parse(answer.text).path).toBe("/echo/a%2Fb%20c%25");
  });

  test("answers a non-2xx status with its body and headers instead of throwing", async () => {
    const answer = await get("/status/404");
    expect(answer.status).toBe(404);
    expect(answer.headers["retry-after"]).toBe("3");
    expect(JSON.parse(answer.text)).toEqual({ code: 404, message: "not here" });
  });

  test.each(["gzip", "deflate", "br"])("decodes a %s body sent although none was asked for", async (encoding) => {
    const answer = await get(`/${encoding}`);
    expect(JSON.parse(answer.text)).toEqual({ packed: encoding });
  });

  test("joins a body that arrives in chunks, multi-byte characters intact", async () => {
    expect((await get("/chunked")).text).toBe("élan vital ✓");
  });

  test("a body that stops coming is a time-out, not an answer", async () => {
    const error = await failure(getLimited("/stall-body"));
    expect(error.timedOut).toBe(true);
  });

  test("no answer at all is a time-out", async () => {
    const error = await failure(getLimited("/hang"));
    expect(error.timedOut).toBe(true);
  });

  test("a connection cut in the middle of the body is a failure with Node's code, never half a body", async () => {
    const error = await failure(get("/cut"));
    expect(error.timedOut).toBe(false);
    expect(error.code).toBe("ECONNRESET");
  });

  test("a refused connection names ECONNREFUSED", async () => {
    const port = await closedPort();
    const error = await failure(transport({ method: "GET", url: new URL(`http://127.0.0.1:${port}/echo`), headers: {} }));
    expect(error).toMatchObject({ timedOut: false, code: "ECONNREFUSED" });
  });
});

test("the got transport sends a JSON body with its content type", async () => {
  const [, gotTransport] = TRANSPORTS[1];
  const ops = [{ op: "add", path: "/description", value: "x" }];
  const answer = await gotTransport({ method: "PATCH", url: new URL("/echo", base), headers: { "content-type": "application/json-patch+json" }, json: ops });
  const echoed = JSON.parse(answer.text);
  expect(echoed.method).toBe("PATCH");
  expect(echoed.headers["content-type"]).toBe("application/json-patch+json");
  expect(JSON.parse(echoed.body)).toEqual(ops);
});

describe("over HTTPS", () => {
  // A self-signed certificate for 127.0.0.1 (test/fixtures/tls), trusted through Node's global HTTPS
  // agent for the trusted cases: both transports verify certificates as Node does by default.
  const fixture = (name: string) => readFileSync(join(projectRoot, "test", "fixtures", "tls", name));
  let tls: HttpsServer;
  let tlsBase: string;
  const trusted = globalAgent.options.ca;

  beforeAll(async () => {
    tls = createHttpsServer({ key: fixture("localhost.key"), cert: fixture("localhost.crt") }, (req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ path: req.url, method: req.method }));
    });
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    globalAgent.options.ca = trusted;
    tls.closeAllConnections();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
  });

  test.each(TRANSPORTS)("%s refuses a certificate it does not trust", async (_name, transport) => {
    globalAgent.options.ca = trusted;
    const error = await failure(transport({ method: "GET", url: new URL("/v1/system/version", tlsBase), headers: {} }));
    expect(error.timedOut).toBe(false);
    expect(error.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  test.each(TRANSPORTS)("%s reads over a trusted certificate", async (_name, transport) => {
    globalAgent.options.ca = fixture("localhost.crt");
    const answer = await transport({ method: "GET", url: new URL("/v1/system/version?x=1", tlsBase), headers: {} });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ path: "/v1/system/version?x=1", method: "GET" });
  });
});

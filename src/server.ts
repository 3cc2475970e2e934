import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pino, type Logger } from "pino";
import { createContext, resolveRequestId, type Context, type GatewayDeps } from "./context.js";
import { createFormatError } from "./errors.js";
import { createGraphiqlPage } from "./graphiql.js";
import { callerCredentialPlugin } from "./security/caller-credential.js";
import { createCors } from "./security/cors.js";
import { withInputField } from "./security/input-field.js";
import { createReadinessCheck, type UpstreamProbe } from "./health.js";
import { createMetrics, type Metrics } from "./observability/metrics.js";
import { requestLogPlugin } from "./observability/request-log.js";
import { buildSchema } from "./schema.js";
import { createQueryLimits } from "./security/limits.js";
import { subscriptionsOverHttpPlugin } from "./subscription/over-http.js";
import { attachSubscriptions } from "./subscription/server.js";

/** The largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A running gateway. */
export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** What the gateway reports to and where it looks for readiness; each part has a quiet default. */
export interface GatewayObservability {
  /** One JSON line per operation. Default: no log. */
  logger?: Logger;
  /** Served at `/metrics`. Default: a registry of this gateway's own. */
  metrics?: Metrics;
  /** The upstreams `GET /ready` probes. Default: none. */
  probes?: readonly UpstreamProbe[];
}

class BodyTooLarge extends Error {}

/** Apollo's own start-up chatter is not the gateway's log; its warnings and errors go to stderr. */
const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`${String(message)}\n`),
};

/**
 * The request body as text, refused past `limit` bytes (declared or streamed; the rest of a streamed
 * body is then drained unread, and the 413 closes the connection). Read through `data`/`end` events
 * rather than the stream's async iterator, which costs about 10 µs more a request.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

/** Headers of every answer that is not a GraphQL result: never cached (a 4xx or 5xx included). */
const NO_STORE = { "cache-control": "no-store" };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** A request-level error in the GraphQL shape, with the request id like every other error. */
function requestError(message: string, code: string, requestId: string) {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

/**
 * Adds `extensions.requestId` to each error of an answer Apollo made without running the operation's
 * plugins (a request it refused, a failed context); such answers are small and rare, so they are parsed
 * and written again. Anything else is returned as it is.
 */
function withRequestId(text: string, requestId: string): string {
  let body: { errors?: Array<{ extensions?: Record<string, unknown> }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return text;
  }
  if (!Array.isArray(body.errors) || body.errors.every((error) => error.extensions?.requestId !== undefined)) return text;
  body.errors = body.errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId } }));
  return JSON.stringify(body);
}

/**
 * Starts the gateway: `/graphql` (GraphQL over HTTP, graphql-ws over WebSocket; GraphiQL for a
 * browser), `/health`, `/ready` and `/metrics`, built once from the schema registry, over the given
 * upstream clients. Every response carries `x-request-id`. `close()` is a graceful shutdown: no new
 * connections, idle keep-alive connections closed at once, in-flight requests answered in full with
 * `Connection: close` and their connections closed after the answer is flushed, WebSockets closed with
 * 1001 once their operations finish (all cut past SHUTDOWN_TIMEOUT_MS), then Apollo stops.
 */
export async function startGateway(deps: GatewayDeps, listen: { port: number; host: string }, observability: GatewayObservability = {}): Promise<Gateway> {
  const logger = observability.logger ?? pino({ level: "silent" });
  const metrics = observability.metrics ?? createMetrics({ defaults: false });
  const readiness = createReadinessCheck(observability.probes ?? [], Math.min(deps.config.upstreamTimeoutMs, 5000));
  const limits = createQueryLimits(deps.config.limits);
  const cors = createCors(deps.config.corsOrigins);
  const schema = buildSchema();
  const formatError = withInputField(createFormatError(() => deps.secrets()));
  const graphiql = createGraphiqlPage();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    introspection: deps.config.introspection,
    hideSchemaDetailsFromClientErrors: !deps.config.fieldSuggestions,
    csrfPrevention: true,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    includeStacktraceInErrorResponses: false,
    // No cache hints: answers depend on the caller's credentials and are never cacheable (`no-store`
    // below); the cache-control plugin would otherwise time every resolved field for nothing.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      graphiql.plugin,
      ...limits.plugins,
      callerCredentialPlugin(),
      requestLogPlugin(logger, metrics),
      subscriptionsOverHttpPlugin("/graphql"),
    ],
    logger: quietLogger,
    // Shutdown is the app's (src/shutdown.ts): Apollo's own signal handler would re-raise the signal
    // and end the process before in-flight operations finish.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    let body: unknown;
    if (req.method === "POST") {
      let text: string;
      try {
        text = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          sendJson(res, 413, requestError(`the request body is larger than ${MAX_BODY_BYTES} bytes`, "BAD_USER_INPUT", requestId), { ...NO_STORE, connection: "close" });
          return;
        }
        throw error;
      }
      const type = String(req.headers["content-type"] ?? "");
      if (type.includes("json")) {
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          sendJson(res, 400, requestError("the request body is not valid JSON", "BAD_USER_INPUT", requestId), NO_STORE);
          return;
        }
      } else {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? "GET", headers, search: url.search, body };
    const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => createContext(deps, { headers: req.headers, requestId }) });
    res.setHeader("cache-control", "no-store");
    for (const [name, value] of result.headers) res.setHeader(name, value);
    const html = result.headers.get("content-type")?.startsWith("text/html") ?? false;
    if (html) for (const [name, value] of Object.entries(graphiql.headers)) res.setHeader(name, value);
    if (closing) res.setHeader("connection", "close");
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(res.statusCode >= 400 && !html ? withRequestId(result.body.string, requestId) : result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function ready(res: ServerResponse): Promise<void> {
    if (closing) {
      sendJson(res, 503, { ready: false, reason: "shutting down", upstreams: {} });
      return;
    }
    const result = await readiness();
    sendJson(res, result.ready ? 200 : 503, result, { "cache-control": "no-store" });
  }

  async function metricsText(res: ServerResponse): Promise<void> {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
    res.end(body);
  }

  function route(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    if (url.pathname === "/graphql") return graphql(req, res, url, requestId);
    const read = req.method === "GET" || req.method === "HEAD";
    if (read && url.pathname === "/health") return Promise.resolve(sendJson(res, 200, { status: "ok" }, { "cache-control": "no-store" }));
    if (read && url.pathname === "/ready") return ready(res);
    if (read && url.pathname === "/metrics") return metricsText(res);
    return Promise.resolve(sendJson(res, 404, { error: `no route ${req.method} ${url.pathname}` }, NO_STORE));
  }

  // Graceful shutdown: `close()` stops accepting and ends idle connections; a request in flight gets
  // `Connection: close` (or, when its headers were already sent, its connection is ended once its answer
  // is written), so each connection closes by itself after its whole answer, flushed.
  let closing = false;
  /** Every open connection, with how many of its requests are unanswered. */
  const connections = new Map<Socket, number>();
  const server = createServer((req, res) => {
    const socket = req.socket;
    connections.set(socket, (connections.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const active = (connections.get(socket) ?? 1) - 1;
      if (connections.has(socket)) connections.set(socket, active);
      if (closing && active === 0) socket.end();
    });
    if (closing) res.setHeader("connection", "close");
    const requestId = resolveRequestId(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    if (cors(req, res)) return;
    const url = new URL(req.url ?? "/", "http://gateway");
    route(req, res, url, requestId).catch((error: unknown) => {
      logger.error({ requestId, err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "request failed");
      if (!res.headersSent) sendJson(res, 500, requestError("internal error", "INTERNAL_SERVER_ERROR", requestId), NO_STORE);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket: Socket) => {
    connections.set(socket, 0);
    socket.once("close", () => connections.delete(socket));
  });
  // A WebSocket is no longer an HTTP connection: its closing is the subscription server's (1001).
  server.on("upgrade", (_req: IncomingMessage, socket: Socket) => connections.delete(socket));
  // Node's own version (which `server.close()` calls) destroys every connection without a request in
  // progress, including one whose last answer is still in its write buffer: that answer is cut short.
  // Ending the connection instead sends what is buffered, then closes it.
  server.closeIdleConnections = () => {
    for (const [socket, active] of connections) if (active === 0) socket.end();
  };
  const subscriptions = attachSubscriptions(server, { schema, deps, limits, formatError, logger, metrics, path: "/graphql", maxPayloadBytes: MAX_BODY_BYTES });
  metrics.watchSubscriptions(() => ({ subscriptions: subscriptions.active(), pollers: deps.watches.size }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${listen.host}:${port}/graphql`,
    port,
    server,
    close: async () => {
      if (closing) return;
      closing = true;
      // Sockets take no new upgrades at once; they close with 1001 once their queries and mutations finish.
      const socketsClosed = subscriptions.close(deps.config.shutdownTimeoutMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Connections still open are answering a request or are WebSockets finishing theirs; only past
      // the time limit are they cut.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, deps.config.shutdownTimeoutMs)))]);
      clearTimeout(timer);
      await socketsClosed;
      deps.watches.close();
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}

import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { getOperationAST, GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { Context as WsContext } from "graphql-ws";
import { useServer, type Extra } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { createContext, type Context, type GatewayDeps } from "../context.js";
import { ErrorCode, type createFormatError } from "../errors.js";
import { credentialOf, scrub } from "../security/caller-credential.js";
import type { Metrics, OperationOutcome } from "../observability/metrics.js";
import type { QueryLimitRules } from "../security/limits.js";

/** What the subscription endpoint needs of the gateway. */
export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  deps: GatewayDeps;
  limits: QueryLimitRules;
  formatError: ReturnType<typeof createFormatError>;
  logger: Logger;
  metrics: Metrics;
  /** The HTTP path the WebSocket endpoint shares with GraphQL over HTTP. */
  path: string;
  /** The largest message accepted, as for a request body over HTTP; a larger one closes the socket (1009). */
  maxPayloadBytes: number;
}

/** The graphql-ws endpoint of one gateway. */
export interface SubscriptionServer {
  /** Operations open right now (subscriptions, and queries or mutations sent over a socket). */
  active(): number;
  /** Waits (up to `timeoutMs`) for open queries and mutations to finish, then closes every socket with 1001. */
  close(timeoutMs: number): Promise<void>;
}

/** One operation open on a socket: what its end-of-operation log line needs. */
interface OpenOperation {
  requestId: string;
  name: string;
  type: string;
  started: number;
  outcome: OperationOutcome;
  events: number;
}

/** One socket's state: its caller credential and its open operations. */
interface Connection {
  authorization: string | undefined;
  operations: Map<string, OpenOperation>;
}

/** The WebSocket close code of a server going down (RFC 6455 §7.4.1). */
const GOING_AWAY = 1001;

type Ctx = WsContext<Record<string, unknown> | undefined, Extra & { connection?: Connection }>;

function requestError(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions });
}

/** The upgrade request's `Authorization`, as the HTTP endpoint would read it. */
function headerAuthorization(request: IncomingMessage): string | undefined {
  const value = request.headers.authorization;
  return Array.isArray(value) ? value[0] : value;
}

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the gateway's own HTTP server and GraphQL path.
 * The caller's credential is `connectionParams.authorization` (else the upgrade request's
 * `Authorization`), under the same policy as over HTTP: it goes to OpenMetadata only. Each operation
 * gets the document limits of queries, counts against MAX_SUBSCRIPTIONS_PER_CONNECTION and
 * MAX_SUBSCRIPTIONS, a request id of its own, and one log line at its start and one at its end.
 */
export function attachSubscriptions(http: Server, options: SubscriptionServerOptions): SubscriptionServer {
  const { deps, limits, logger, metrics, formatError } = options;
  const { maxPerConnection, max } = deps.config.subscriptions;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  // The same rules as over HTTP: the query limits, and introspection and field suggestions as configured.
  const rules = [...specifiedRules, ...limits.validationRules, ...(deps.config.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const withoutSuggestions = (message: string) => (deps.config.fieldSuggestions ? message : message.replace(/ ?Did you mean .*\?$/, ""));
  let open = 0;
  let closing = false;
  let settledWaiters: Array<() => void> = [];
  const connections = new Set<Connection>();

  const inFlightQueries = () => [...connections].reduce((n, c) => n + [...c.operations.values()].filter((o) => o.type !== "subscription").length, 0);

  function finish(connection: Connection, id: string): void {
    const operation = connection.operations.get(id);
    if (!operation) return;
    connection.operations.delete(id);
    open--;
    const seconds = (performance.now() - operation.started) / 1000;
    metrics.observeOperation(operation.name, operation.type, operation.outcome, seconds);
    logger.info(
      { requestId: operation.requestId, operation: operation.name, type: operation.type, outcome: operation.outcome, events: operation.events, durationMs: Math.round(seconds * 1e6) / 1e3 },
      `${operation.type} end`,
    );
    if (settledWaiters.length > 0 && inFlightQueries() === 0) {
      for (const resolve of settledWaiters) resolve();
      settledWaiters = [];
    }
  }

  useServer(
    {
      onConnect(ctx: Ctx) {
        const given = ctx.connectionParams?.authorization;
        if (given !== undefined && typeof given !== "string") return false;
        const connection: Connection = { authorization: given ?? headerAuthorization(ctx.extra.request), operations: new Map() };
        ctx.extra.connection = connection;
        connections.add(connection);
        return true;
      },
      onSubscribe(ctx: Ctx, id, payload) {
        const connection = ctx.extra.connection!;
        if (connection.operations.size >= maxPerConnection) {
          return [requestError(`at most ${maxPerConnection} operations may be open on one connection (MAX_SUBSCRIPTIONS_PER_CONNECTION)`, { code: ErrorCode.BAD_USER_INPUT, limit: "MAX_SUBSCRIPTIONS_PER_CONNECTION" })];
        }
        if (open >= max) {
          return [requestError(`the gateway has its most open WebSocket operations (${max}, MAX_SUBSCRIPTIONS); try again later`, { code: ErrorCode.BAD_USER_INPUT, limit: "MAX_SUBSCRIPTIONS" })];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          return [requestError(error instanceof GraphQLError ? error.message : "the query could not be parsed", { code: ErrorCode.BAD_USER_INPUT })];
        }
        const errors = validate(options.schema, document, rules);
        if (errors.length > 0) return errors.map((e) => requestError(withoutSuggestions(e.message.replace(/^Syntax Error: /, "")), { ...e.extensions, code: ErrorCode.BAD_USER_INPUT }));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [requestError("the document names no operation to run (operationName)", { code: ErrorCode.BAD_USER_INPUT, field: "operationName" })];
        const variables = payload.variables ?? undefined;
        const requestId = randomUUID();
        const headers = { ...ctx.extra.request.headers, authorization: connection.authorization };
        let contextValue: Context;
        try {
          // Cost and JSON values as over HTTP; the caller's credential as over HTTP (ANONYMOUS_ACCESS).
          limits.checkOperation(options.schema, document, operation, variables);
          contextValue = createContext(deps, { headers, requestId });
        } catch (error) {
          if (error instanceof GraphQLError) return [requestError(error.message, { ...error.extensions, http: undefined, requestId })];
          throw error;
        }
        const name = payload.operationName ?? operation.name?.value ?? "anonymous";
        connection.operations.set(id, { requestId, name, type: operation.operation, started: performance.now(), outcome: "ok", events: 0 });
        open++;
        logger.info({ requestId, operation: name, type: operation.operation }, `${operation.operation} start`);
        return { schema: options.schema, document, operationName: payload.operationName, variableValues: variables, contextValue };
      },
      onNext(ctx: Ctx, id, _payload, _args, result) {
        const operation = ctx.extra.connection?.operations.get(id);
        if (operation) operation.events++;
        const errors = (result as ExecutionResult).errors;
        if (!errors?.length) return result;
        if (operation) operation.outcome = result.data ? "partial" : "error";
        const secret = credentialOf(ctx.extra.connection?.authorization);
        const formatted = errors.map((error) => formatError(error instanceof GraphQLError ? error.toJSON() : { message: String(error) }, error));
        return { ...result, errors: secret ? scrub(formatted, secret) : formatted };
      },
      onComplete(ctx: Ctx, id) {
        const connection = ctx.extra.connection;
        if (connection) finish(connection, id);
      },
      onClose(ctx: Ctx) {
        const connection = ctx.extra.connection;
        if (!connection) return;
        for (const id of [...connection.operations.keys()]) finish(connection, id);
        connections.delete(connection);
      },
    },
    wss,
  );

  http.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? "/", "http://gateway").pathname;
    if (path !== options.path || closing) {
      socket.end(`HTTP/1.1 ${closing ? "503 Service Unavailable" : "404 Not Found"}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      wss.emit("connection", ws, request);
      // A socket error (an oversized or malformed frame) is the client's: ws closes the socket with the
      // matching code itself. graphql-ws's own listener would print a stack trace to stderr and close
      // with 4500; a warning in the log says it instead.
      ws.removeAllListeners("error");
      ws.on("error", (error: Error) => logger.warn({ error: error.message }, "WebSocket closed on a client error"));
    });
  });

  return {
    active: () => open,
    async close(timeoutMs) {
      closing = true;
      if (inFlightQueries() > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise<void>((resolve) => settledWaiters.push(resolve)), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
        clearTimeout(timer);
      }
      const sockets = [...wss.clients];
      const closed = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once("close", () => resolve())))));
      for (const socket of sockets) socket.close(GOING_AWAY, "the gateway is shutting down");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
      clearTimeout(timer);
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createContext, type Context, type GatewayDeps } from "./context.js";
import { createFormatError } from "./errors.js";
import { graphiqlLandingPage } from "./graphiql.js";
import { buildSchema } from "./schema.js";

/** The largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A running gateway. */
export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/** Apollo's own start-up chatter is not the gateway's log; its warnings and errors go to stderr. */
const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`${String(message)}\n`),
};

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

function requestError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Starts the gateway: `/graphql` (GraphQL over HTTP; GraphiQL for a browser), built once from the
 * schema registry, over the given upstream clients.
 */
export async function startGateway(deps: GatewayDeps, listen: { port: number; host: string }): Promise<Gateway> {
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    formatError: createFormatError(() => deps.secrets()),
    introspection: !deps.config.production,
    includeStacktraceInErrorResponses: false,
    plugins: [graphiqlLandingPage()],
    logger: quietLogger,
  });
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let body: unknown;
    if (req.method === "POST") {
      let text: string;
      try {
        text = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          sendJson(res, 413, requestError(`the request body is larger than ${MAX_BODY_BYTES} bytes`, "BAD_USER_INPUT"), { connection: "close" });
          return;
        }
        throw error;
      }
      const type = String(req.headers["content-type"] ?? "");
      if (type.includes("json")) {
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          sendJson(res, 400, requestError("the request body is not valid JSON", "BAD_USER_INPUT"));
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
    const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => createContext(deps, req) });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    const done = url.pathname === "/graphql" ? graphql(req, res, url) : Promise.resolve(sendJson(res, 404, { error: `no route ${url.pathname}` }));
    done.catch(() => {
      if (!res.headersSent) sendJson(res, 500, requestError("internal error", "INTERNAL_SERVER_ERROR"));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
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
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "./clock.js";
import { openDatabase, writeTransaction, type CatalogDatabase } from "./database.js";
import { createOpenMetadataPart, type OpenMetadataOptions } from "./openmetadata/part.js";
import type { CatalogPart, PartContext } from "./part.js";
import { readBody, Router, send, type CatalogRequest } from "./router.js";
import { SAMPLE_API_KEY } from "./wml/iam.js";
import { createWmlPart, type WmlOptions } from "./wml/part.js";
import { SAMPLE_SPACE_ID } from "./wml/sample-data.js";

/** How to run a local catalog; every field has a default suited to `npm start`. */
export interface LocalCatalogOptions {
  /** Port to listen on; 0 picks a free one (tests). Default 8585. */
  port?: number;
  host?: string;
  /** SQLite file, or `:memory:`. Default `:memory:`. */
  dataFile?: string;
  /** Write the sample data into a new store. Default true. */
  seed?: boolean;
  clock?: Clock;
  /**
   * Keep every received request (headers, including bearer tokens, and body) in `requests` for tests to
   * inspect. Default true; the production entry points pass false, so a long-running catalog keeps only
   * the count that `GET /_catalog/requests` answers.
   */
  recordRequests?: boolean;
  openmetadata?: OpenMetadataOptions;
  wml?: WmlOptions;
}

/** A request the catalog received, kept so tests and benchmarks can count and inspect upstream calls. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A running local catalog. */
export interface LocalCatalog {
  readonly url: string;
  readonly port: number;
  readonly db: CatalogDatabase;
  /** Every request received since start or the last `resetRequests()`, in arrival order; always empty when `recordRequests` is false. */
  readonly requests: ReceivedRequest[];
  /**
   * What a WML client of this catalog needs and cannot guess: the space of the sample data, and an API
   * key `POST /identity/token` accepts (undefined when `wml.apiKeys` is empty).
   */
  readonly wmlSample: { readonly spaceId: string; readonly apiKey: string | undefined };
  resetRequests(): void;
  close(): Promise<void>;
}

/**
 * Starts the OpenMetadata- and WML-compatible REST server: OpenMetadata under `/api/v1/…`, WML under
 * `/ml/v4/…`, the IAM-style token exchange at `/identity/token`. `GET /_catalog/requests` answers the
 * request count (kept whether or not `recordRequests` keeps the details) so that a benchmark in another
 * process can read upstream calls per operation.
 */
export async function startLocalCatalog(options: LocalCatalogOptions = {}): Promise<LocalCatalog> {
  const dataFile = options.dataFile ?? ":memory:";
  const db = openDatabase(dataFile);
  const isNew = (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n === 0;
  let baseUrl = "";
  const context: PartContext = { db, clock: options.clock ?? systemClock, baseUrl: () => baseUrl };
  const parts: CatalogPart[] = [createOpenMetadataPart(context, options.openmetadata), createWmlPart(context, options.wml)];
  const router = new Router();
  for (const part of parts) part.register(router);

  const record = options.recordRequests ?? true;
  const requests: ReceivedRequest[] = [];
  let received = 0;
  const resetRequests = () => {
    received = 0;
    requests.length = 0;
  };
  router.add("GET", "/_catalog/requests", () => ({ status: 200, body: { count: received } }));
  router.add("DELETE", "/_catalog/requests", () => {
    resetRequests();
    return { status: 204 };
  });

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://local");
      // The path as sent: a URL parser would turn an encoded `%2E%2E` segment (a name of dots) into `..`.
      const path = (req.url ?? "/").split("?")[0];
      const body = await readBody(req);
      if (!path.startsWith("/_catalog/")) {
        received++;
        if (record) {
          requests.push({
            method: req.method ?? "GET",
            path,
            query: url.search,
            headers: { ...req.headers },
            body: body.toString("utf8"),
          });
        }
      }
      const found = router.match(req.method ?? "GET", path);
      if (!("handler" in found)) {
        send(res, notFoundFor(path, found.methodMismatch));
        return;
      }
      const request: CatalogRequest = {
        method: req.method ?? "GET",
        path,
        params: found.params,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      send(res, await found.handler(request));
    } catch (error) {
      send(res, { status: 500, body: { code: 500, message: `An exception with message [${(error as Error).message}] was thrown while processing request.` } });
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8585, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;
  // Seeded once the catalog knows its own URL (sample models name its WML deployments); synchronously,
  // so before any request is handled.
  if (isNew && (options.seed ?? true)) writeTransaction(db, () => parts.forEach((p) => p.seed()));

  return {
    url: baseUrl,
    port,
    db,
    requests,
    wmlSample: { spaceId: SAMPLE_SPACE_ID, apiKey: (options.wml?.apiKeys ?? [SAMPLE_API_KEY])[0] },
    resetRequests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

/** Jersey's routing answers under `/api`; a plain HTML page elsewhere (the WML gateway's missing-component page). */
function notFoundFor(path: string, methodMismatch: boolean) {
  if (path.startsWith("/api/")) {
    return methodMismatch
      ? { status: 405, body: { code: 405, message: "HTTP 405 Method Not Allowed" } }
      : { status: 404, body: { code: 404, message: "HTTP 404 Not Found" } };
  }
  return { status: 404, text: "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>" };
}

import { startApp, type App, type AppOptions } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { LocalCatalog, LocalCatalogOptions } from "../../src/local-catalog/server.js";

/** A GraphQL answer as a test reads it. */
export interface GraphQLAnswer<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
  extensions?: Record<string, unknown>;
  headers: Headers;
}

/** POSTs one GraphQL operation to `url` and reads the answer. */
export async function postGraphQL<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLAnswer["errors"]; extensions?: Record<string, unknown> };
  return { status: response.status, data: body.data, errors: body.errors, extensions: body.extensions, headers: response.headers };
}

/** The gateway on port 0 in front of a local catalog on port 0 (in memory, with sample data), over real HTTP. */
export interface Stack {
  app: App;
  catalog: LocalCatalog;
  url: string;
  /** The gateway's origin (for `/health`, `/ready`, `/metrics`). */
  origin: string;
  /** POSTs one GraphQL operation to the gateway. */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer<T>>;
  /** The upstream requests the catalog received whose path contains `fragment` (all when omitted). */
  upstream(fragment?: string): LocalCatalog["requests"];
  close(): Promise<void>;
}

/** Starts a stack; `env` overrides configuration variables, `catalog` the local catalog's options. */
export async function startStack(options: { env?: Record<string, string>; catalog?: LocalCatalogOptions; config?: (c: Config) => Config; app?: AppOptions } = {}): Promise<Stack> {
  const base = loadConfig({ PORT: "0", LOCAL_CATALOG_PORT: "0", LOCAL_CATALOG_DATA: ":memory:", LOG_LEVEL: "silent", ...options.env });
  const config = options.config ? options.config(base) : base;
  const app = await startApp(config, options.catalog, options.app);
  if (!app.catalog) throw new Error("startStack expects the gateway to start the local catalog");
  const catalog = app.catalog;
  return {
    app,
    catalog,
    url: app.gateway.url,
    origin: new URL(app.gateway.url).origin,
    query: (query, variables, headers) => postGraphQL(app.gateway.url, query, variables, headers),
    upstream(fragment) {
      return catalog.requests.filter((r) => fragment === undefined || r.path.includes(fragment));
    },
    close: () => app.close(),
  };
}

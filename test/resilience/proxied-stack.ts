import { startApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { startLocalCatalog, type LocalCatalog } from "../../src/local-catalog/server.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { postGraphQL, type GraphQLAnswer } from "../helpers/stack.js";

/** The gateway → fault proxy → local catalog, each on port 0, for the resilience tests. */
export interface ProxiedStack {
  app: App;
  catalog: LocalCatalog;
  proxy: FaultProxy;
  /** The gateway's origin (for `/ready`, `/health`). */
  origin: string;
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>>;
  close(): Promise<void>;
}

/** Fast retry timings so that the tests run in milliseconds; `env` overrides any variable. */
const FAST_RETRIES = { UPSTREAM_RETRIES: "2", UPSTREAM_RETRY_BASE_MS: "20", UPSTREAM_RETRY_MAX_DELAY_MS: "1500", UPSTREAM_TIMEOUT_MS: "2000" };

/**
 * Starts a local catalog (in memory, sample data), a fault proxy in front of it, and the gateway with
 * both upstreams pointed at the proxy. With `proxyDown`, the proxy is stopped before the gateway starts.
 */
export async function startProxiedStack(options: { env?: Record<string, string>; proxyDown?: boolean } = {}): Promise<ProxiedStack> {
  const catalog = await startLocalCatalog({ port: 0 });
  const proxy = await startFaultProxy(catalog.url);
  if (options.proxyDown) await proxy.stop();
  const config = loadConfig({
    PORT: "0",
    LOG_LEVEL: "silent",
    OPENMETADATA_URL: `${proxy.url}/api`,
    OPENMETADATA_TOKEN: "admin",
    WML_URL: proxy.url,
    WML_SPACE_ID: catalog.wmlSample.spaceId,
    WML_TOKEN: "resilience",
    ...FAST_RETRIES,
    ...options.env,
  });
  const app = await startApp(config);
  const origin = new URL(app.gateway.url).origin;
  return {
    app,
    catalog,
    proxy,
    origin,
    query: (query, variables) => postGraphQL(app.gateway.url, query, variables),
    close: async () => {
      await app.close();
      await proxy.close();
      await catalog.close();
    },
  };
}

/**
 * One proxied stack for the tests of the enclosing file or `describe`: started before all, its proxy's
 * faults and the catalog's requests reset before each, closed after all. The value returned stands for
 * the stack once it has started.
 */
export function useProxiedStack(options: Parameters<typeof startProxiedStack>[0] = {}): ProxiedStack {
  let stack: ProxiedStack | undefined;
  beforeAll(async () => {
    stack = await startProxiedStack(options);
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    stack!.proxy.reset();
    stack!.catalog.resetRequests();
  });
  return new Proxy({} as ProxiedStack, {
    get: (_target, key: keyof ProxiedStack) => {
      if (!stack) throw new Error("the proxied stack is used before it has started");
      return stack[key];
    },
  });
}

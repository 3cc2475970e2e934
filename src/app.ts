import type { Config } from "./config.js";
import type { GatewayDeps } from "./context.js";
import { startLocalCatalog, type LocalCatalog, type LocalCatalogOptions } from "./local-catalog/server.js";
import { createOpenMetadataUpstream } from "./openmetadata/upstream.js";
import { createWmlClientFromConfig, embeddedWmlConfig } from "./wml/setup.js";
import { startGateway, type Gateway } from "./server.js";
import type { CallObserver } from "./upstream/http.js";

/** The token the gateway presents to an embedded local catalog's OpenMetadata part when none is configured. */
export const LOCAL_OPENMETADATA_TOKEN = "admin";

/** A running gateway, with the local catalog it started when an upstream was not configured. */
export interface App {
  gateway: Gateway;
  deps: GatewayDeps;
  /** Set when this app started the local catalog (no OPENMETADATA_URL or no WML_URL). */
  catalog?: LocalCatalog;
  /** Where each upstream is reached. */
  upstreams: { openmetadata: string; wml: string };
  close(): Promise<void>;
}

/** The upstream clients for a configuration whose upstream URLs are known; created once per process. */
export function createDeps(config: Config, observe?: CallObserver): GatewayDeps {
  const secrets = () => [config.openmetadata.token, config.wml.token, config.wml.apiKey, ...wml.secrets()].filter((s): s is string => Boolean(s));
  const wml = createWmlClientFromConfig(config, { secrets, observe });
  if (!config.openmetadata.url) throw new Error("createDeps needs config.openmetadata.url");
  return {
    config,
    secrets,
    wml,
    openmetadata: createOpenMetadataUpstream({ baseUrl: config.openmetadata.url, timeoutMs: config.upstreamTimeoutMs, retry: config.upstreamRetry, secrets, observe }),
  };
}

/**
 * Composition root: starts the local catalog when an upstream URL is missing (the embedded default),
 * points the missing upstreams at it, and starts the gateway.
 */
export async function startApp(config: Config, localCatalog: LocalCatalogOptions = {}): Promise<App> {
  let catalog: LocalCatalog | undefined;
  let resolved = config;
  if (!config.openmetadata.url || !config.wml.url) {
    catalog = await startLocalCatalog({ port: config.localCatalog.port, dataFile: config.localCatalog.dataFile, ...localCatalog });
    resolved = {
      ...config,
      openmetadata: config.openmetadata.url
        ? config.openmetadata
        : { url: `${catalog.url}/api`, token: config.openmetadata.token ?? LOCAL_OPENMETADATA_TOKEN },
      wml: config.wml.url ? config.wml : embeddedWmlConfig(config.wml, catalog.url),
    };
  }
  const deps = createDeps(resolved);
  try {
    const gateway = await startGateway(deps, { port: resolved.port, host: resolved.host });
    return {
      gateway,
      deps,
      catalog,
      upstreams: { openmetadata: resolved.openmetadata.url!, wml: resolved.wml.url! },
      close: async () => {
        await gateway.close();
        await catalog?.close();
      },
    };
  } catch (error) {
    await catalog?.close();
    throw error;
  }
}

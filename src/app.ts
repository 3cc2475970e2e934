import type { DestinationStream, Logger } from "pino";
import type { Config } from "./config.js";
import type { GatewayDeps } from "./context.js";
import type { UpstreamProbe } from "./health.js";
import { startLocalCatalog, type LocalCatalog, type LocalCatalogOptions } from "./local-catalog/server.js";
import { createOpenMetadataUpstream } from "./openmetadata/upstream.js";
import { DeploymentWatches, type WatchScheduler } from "./wml/deployment-changed/watches.js";
import { createWmlClientFromConfig, embeddedWmlConfig } from "./wml/setup.js";
import { createLogger, flushLogger } from "./observability/logger.js";
import { createMetrics, type BatchObserver, type Metrics } from "./observability/metrics.js";
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
  /** The JSON log (one line per operation) and the metrics served at `/metrics`. */
  logger: Logger;
  metrics: Metrics;
  /** Graceful: the gateway drains in-flight operations, then the local catalog stops and the log is flushed. */
  close(): Promise<void>;
}

/** How an app reports; tests capture the log through `logDestination`. */
export interface AppOptions {
  /** Where the JSON log goes. Default: stdout, written asynchronously. */
  logDestination?: DestinationStream;
  /** The timers of the subscription pollers; tests decide when a poll happens. Default: real timers. */
  pollScheduler?: WatchScheduler;
}

/** The upstream clients for a configuration whose upstream URLs are known; created once per process. */
export function createDeps(config: Config, observe?: CallObserver, observeBatch?: BatchObserver, scheduler?: WatchScheduler): GatewayDeps {
  // The configured secrets are listed once; the WML client's (its API key, its current token) are added
  // per call, the token changing over time. Distinct and non-empty, configured first.
  const configured = [...new Set([config.openmetadata.token, config.wml.token, config.wml.apiKey])].filter((s): s is string => Boolean(s));
  const secrets = () => {
    const known = [...configured];
    for (const secret of wml.secrets()) if (secret && !known.includes(secret)) known.push(secret);
    return known;
  };
  const wml = createWmlClientFromConfig(config, { secrets, observe });
  if (!config.openmetadata.url) throw new Error("createDeps needs config.openmetadata.url");
  return {
    config,
    secrets,
    wml,
    observeBatch,
    openmetadata: createOpenMetadataUpstream({ baseUrl: config.openmetadata.url, timeoutMs: config.upstreamTimeoutMs, retry: config.upstreamRetry, secrets, observe }),
    watches: new DeploymentWatches({ client: wml, intervalMs: config.subscriptions.pollMs, scheduler }),
  };
}

/**
 * Composition root: starts the local catalog when an upstream URL is missing (the embedded default),
 * points the missing upstreams at it, and starts the gateway.
 */
export async function startApp(config: Config, localCatalog: LocalCatalogOptions = {}, options: AppOptions = {}): Promise<App> {
  let catalog: LocalCatalog | undefined;
  let resolved = config;
  if (!config.openmetadata.url || !config.wml.url) {
    catalog = await startLocalCatalog({ port: config.localCatalog.port, dataFile: config.localCatalog.dataFile, ...localCatalog });
    resolved = {
      ...config,
      openmetadata: config.openmetadata.url
        ? config.openmetadata
        : { url: `${catalog.url}/api`, token: config.openmetadata.token ?? LOCAL_OPENMETADATA_TOKEN },
      wml: config.wml.url ? config.wml : embeddedWmlConfig(config.wml, { url: catalog.url, ...catalog.wmlSample }),
    };
  }
  const metrics = createMetrics();
  const deps = createDeps(resolved, metrics.observeUpstream, metrics.observeBatch, options.pollScheduler);
  const logger = createLogger({ level: config.logLevel, secrets: deps.secrets, destination: options.logDestination });
  try {
    const gateway = await startGateway(deps, { port: resolved.port, host: resolved.host }, { logger, metrics, probes: readinessProbes(resolved) });
    return {
      gateway,
      deps,
      catalog,
      upstreams: { openmetadata: resolved.openmetadata.url!, wml: resolved.wml.url! },
      logger,
      metrics,
      close: async () => {
        await gateway.close();
        await catalog?.close();
        await flushLogger(logger);
      },
    };
  } catch (error) {
    await catalog?.close();
    throw error;
  }
}

/**
 * What `GET /ready` probes: one cheap GET per configured upstream that needs no credential
 * (OpenMetadata's public `/v1/system/version`; WML's deployment list, where any answer below 500,
 * even 401, shows the service is up).
 */
export function readinessProbes(config: Config): UpstreamProbe[] {
  const probes: UpstreamProbe[] = [];
  if (config.openmetadata.url) probes.push({ name: "openmetadata", url: `${config.openmetadata.url}/v1/system/version` });
  if (config.wml.url && config.wml.spaceId) {
    const query = new URLSearchParams({ version: config.wml.apiVersion, space_id: config.wml.spaceId, limit: "1" });
    probes.push({ name: "wml", url: `${config.wml.url}/ml/v4/deployments?${query}` });
  }
  return probes;
}

import { resolve } from "node:path";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { closeOnSignals } from "./shutdown.js";

/** Entry point: load the configuration, start, say where everything is, and shut down gracefully. */
try {
  const config = loadConfig();
  const app = await startApp(config, { recordRequests: false });
  const { logger } = app;
  logger.info({ url: app.gateway.url }, `catalog-gateway listening on ${app.gateway.url} (GraphiQL in a browser; /health, /ready, /metrics beside it)`);
  for (const [name, url] of Object.entries(app.upstreams)) logger.info({ upstream: name, url }, `${name} upstream: ${url}`);
  if (app.catalog) {
    const data = config.localCatalog.dataFile === ":memory:" ? "in memory (nothing kept)" : resolve(config.localCatalog.dataFile);
    logger.info({ localCatalog: app.catalog.url, data }, `local catalog (sample data) on ${app.catalog.url}, data in ${data}`);
  }
  closeOnSignals(app);
} catch (error) {
  process.stderr.write(`catalog-gateway cannot start: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}

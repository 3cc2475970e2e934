import { resolve } from "node:path";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { startupLine } from "./observability/startup-line.js";
import { closeOnSignals } from "./shutdown.js";

/** Entry point: load the configuration, start, say where everything is, and shut down gracefully. */
try {
  const config = loadConfig();
  const app = await startApp(config, { recordRequests: false });
  const data = config.localCatalog.dataFile === ":memory:" ? "memory (nothing kept)" : resolve(config.localCatalog.dataFile);
  const line = startupLine({ gatewayUrl: app.gateway.url, upstreams: app.upstreams, localCatalog: app.catalog && { url: app.catalog.url, data } });
  app.logger.info(line.fields, line.message);
  closeOnSignals(app);
} catch (error) {
  process.stderr.write(`catalog-gateway cannot start: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}

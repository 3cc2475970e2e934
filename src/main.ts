import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

/** Entry point: load the configuration, start, and say where everything is. */
try {
  const config = loadConfig();
  const app = await startApp(config);
  const lines = [`catalog-gateway listening on ${app.gateway.url} (GraphiQL in a browser)`, `OpenMetadata: ${app.upstreams.openmetadata}`];
  if (app.catalog) lines.push(`local catalog (sample data) on ${app.catalog.url}, data in ${config.localCatalog.dataFile}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (error) {
  process.stderr.write(`catalog-gateway cannot start: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}

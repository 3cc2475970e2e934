import { ConfigError, loadLocalCatalogConfig } from "../config.js";
import { startLocalCatalog } from "./server.js";

/** `npm run local-catalog`: the OpenMetadata- and WML-compatible server on its own. */
try {
  const config = loadLocalCatalogConfig();
  const catalog = await startLocalCatalog({ port: config.port, dataFile: config.dataFile, recordRequests: false });
  process.stdout.write(`local catalog listening on ${catalog.url} (data: ${config.dataFile})\n`);
  const stop = () => void catalog.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}

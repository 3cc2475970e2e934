import { LocalCatalogSettingsError, loadLocalCatalogSettings } from "./config.js";
import { startLocalCatalog } from "./server.js";

/** `npm run local-catalog`: the OpenMetadata- and WML-compatible server on its own. */
try {
  const settings = loadLocalCatalogSettings();
  const catalog = await startLocalCatalog({ port: settings.port, dataFile: settings.dataFile, recordRequests: false });
  process.stdout.write(`local catalog listening on ${catalog.url} (data: ${settings.dataFile})\n`);
  const stop = () => void catalog.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (error) {
  process.stderr.write(`${error instanceof LocalCatalogSettingsError ? error.message : String(error)}\n`);
  process.exit(1);
}

/** The settings of a local catalog run on its own (`npm run local-catalog`). */
export interface LocalCatalogSettings {
  port: number;
  dataFile: string;
}

/** A bad setting; the message names the variable. */
export class LocalCatalogSettingsError extends Error {
  override readonly name = "LocalCatalogSettingsError";
}

/** Reads `LOCAL_CATALOG_PORT` (default 8585) and `LOCAL_CATALOG_DATA` (default `.data/catalog.db`) from an environment. */
export function loadLocalCatalogSettings(env: Record<string, string | undefined> = process.env): LocalCatalogSettings {
  const rawPort = env.LOCAL_CATALOG_PORT?.trim() || undefined;
  const port = rawPort === undefined ? 8585 : Number(rawPort);
  if (rawPort !== undefined && (!/^\d+$/.test(rawPort) || port > 65535)) {
    throw new LocalCatalogSettingsError(`expected an integer between 0 and 65535 for LOCAL_CATALOG_PORT, got ${JSON.stringify(rawPort)}`);
  }
  return { port, dataFile: env.LOCAL_CATALOG_DATA?.trim() || ".data/catalog.db" };
}

import type { Clock } from "./clock.js";
import type { CatalogDatabase } from "./database.js";
import type { Router } from "./router.js";

/** What each part of the local catalog (OpenMetadata, WML) is given. */
export interface PartContext {
  readonly db: CatalogDatabase;
  readonly clock: Clock;
  /** The catalog's own base URL (`http://127.0.0.1:<port>`), known once it listens; used for `href`s. */
  baseUrl(): string;
}

/** One upstream API served by the local catalog. */
export interface CatalogPart {
  /** Adds the part's routes. Tables are created when the part is made. */
  register(router: Router): void;
  /** Writes the sample data; called once, when the store is new. */
  seed(): void;
}

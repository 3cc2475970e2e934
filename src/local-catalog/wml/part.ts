import type { CatalogPart, PartContext } from "../part.js";

/** Options of the WML part (filled in by the WML implementation). */
export interface WmlOptions {}

/** Placeholder until the WML part lands: serves no route. */
export function createWmlPart(_context: PartContext, _options: WmlOptions = {}): CatalogPart {
  return { register: () => undefined, seed: () => undefined };
}

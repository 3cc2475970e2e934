import type { CatalogPart, PartContext } from "../part.js";

/** Options of the OpenMetadata part (filled in by the OpenMetadata implementation). */
export interface OpenMetadataOptions {}

/** Placeholder until the OpenMetadata part lands: serves no route. */
export function createOpenMetadataPart(_context: PartContext, _options: OpenMetadataOptions = {}): CatalogPart {
  return { register: () => undefined, seed: () => undefined };
}

import { maskConfig } from "./masking.js";
import { REFERENCE_COLLECTIONS } from "./references.js";
import type { EntityReference, ServiceEntity } from "./types.js";

/** The relationship fields a request may name in `fields` (openmetadata-contract.md §3.1). */
export const SERVICE_FIELDS = ["pipelines", "owners", "tags", "domains", "followers", "dataProducts", "ingestionRunner"] as const;

/** Which relationship fields a rendered service carries: those named in `fields`, or all of them (write responses, PATCH documents). */
export type FieldSelection = ReadonlySet<string> | "all";

/** How to render a service for one caller. */
export interface RenderOptions {
  baseUrl: string;
  /** The collection path segment, e.g. `mlmodelServices`. */
  collection: string;
  fields: FieldSelection;
  /** Replace secrets by `*********` (non-bot callers, §1.3). */
  mask: boolean;
}

/**
 * A service as the server answers it: keys in the entity schema's order, `href`s added, relationship
 * fields only when selected (empty arrays are emitted), secrets masked for non-bots.
 */
export function renderService(entity: ServiceEntity, options: RenderOptions): Record<string, unknown> {
  const has = (field: string) => options.fields === "all" || options.fields.has(field);
  const refs = (list: EntityReference[] | undefined) => (list ?? []).map((r) => renderReference(r, options.baseUrl));
  const out: Record<string, unknown> = {
    id: entity.id,
    name: entity.name,
    fullyQualifiedName: entity.fullyQualifiedName,
    serviceType: entity.serviceType,
  };
  if (entity.description !== undefined) out.description = entity.description;
  if (entity.displayName !== undefined) out.displayName = entity.displayName;
  out.version = entity.version;
  out.updatedAt = entity.updatedAt;
  out.updatedBy = entity.updatedBy;
  if (entity.impersonatedBy !== undefined) out.impersonatedBy = entity.impersonatedBy;
  if (has("pipelines") && options.fields !== "all") out.pipelines = [];
  if (entity.connection !== undefined) {
    const config = entity.connection.config;
    out.connection = config === undefined ? {} : { config: options.mask ? maskConfig(entity.serviceType, config) : config };
  }
  if (entity.testConnectionResult !== undefined) out.testConnectionResult = entity.testConnectionResult;
  if (has("tags")) out.tags = entity.tags ?? [];
  if (has("owners")) out.owners = refs(entity.owners);
  out.href = `${options.baseUrl}/api/v1/services/${options.collection}/${entity.id}`;
  if (entity.changeDescription !== undefined) out.changeDescription = entity.changeDescription;
  if (entity.incrementalChangeDescription !== undefined) out.incrementalChangeDescription = entity.incrementalChangeDescription;
  out.deleted = entity.deleted;
  if (entity.entityStatus !== undefined) out.entityStatus = entity.entityStatus;
  if (has("dataProducts")) out.dataProducts = refs(entity.dataProducts);
  if (has("followers")) out.followers = refs(entity.followers);
  if (has("domains")) out.domains = refs(entity.domains);
  if (has("ingestionRunner") && entity.ingestionRunner !== undefined) out.ingestionRunner = renderReference(entity.ingestionRunner, options.baseUrl);
  return out;
}

/** A reference with its `href` (for the entity types the catalog serves). */
export function renderReference(ref: EntityReference, baseUrl: string): Record<string, unknown> {
  const collection = (REFERENCE_COLLECTIONS as Record<string, string>)[ref.type];
  return collection ? { ...ref, href: `${baseUrl}/api/v1/${collection}/${ref.id}` } : { ...ref };
}

import { ENTITY_KINDS, type EntityKind } from "./kinds.js";
import { REFERENCE_COLLECTIONS } from "./references.js";
import type { Entity, EntityReference } from "./types.js";

/** Which relationship fields a rendered entity carries: those named in `fields`, or all of them (write responses, PATCH documents). */
export type FieldSelection = ReadonlySet<string> | "all";

/** How to render an entity for one caller. */
export interface RenderOptions {
  baseUrl: string;
  fields: FieldSelection;
  /** Replace secrets by `*********` (non-bot callers, docs/upstream/openmetadata.md §1.3). */
  mask: boolean;
}

/**
 * An entity as the server answers it: keys in the entity schema's order (the kind's `keys`), `href`s
 * added, relationship fields only when selected (empty arrays are emitted), the kind's own rendering
 * of a key where it has one (secrets masked for non-bots).
 */
export function renderEntity(kind: EntityKind, entity: Entity, options: RenderOptions): Record<string, unknown> {
  const selected = (field: string) => options.fields === "all" || options.fields.has(field);
  const out: Record<string, unknown> = {};
  for (const key of kind.keys) {
    if (key === "href") {
      out.href = `${options.baseUrl}/api/v1/${kind.path}/${entity.id}`;
      continue;
    }
    const relation = kind.relations[key];
    const value = kind.renderKey?.(key, entity, options) ?? entity[key];
    if (relation === undefined) {
      if (value !== undefined) out[key] = value;
    } else if (relation === "computed") {
      // Computed on request only (a service's ingestion pipelines): named in `fields`, an empty list.
      if (options.fields !== "all" && options.fields.has(key)) out[key] = value ?? [];
    } else if (selected(key)) {
      if (relation === "list") out[key] = value ?? [];
      else if (relation === "refs") out[key] = ((value ?? []) as EntityReference[]).map((r) => renderReference(r, options.baseUrl));
      else if (relation === "ref" && value !== undefined) out[key] = renderReference(value as EntityReference, options.baseUrl);
      else if (relation === "value" && value !== undefined) out[key] = value;
    }
  }
  return out;
}

/** A reference with its `href` (for the entity types the catalog serves). */
export function renderReference(ref: EntityReference, baseUrl: string): Record<string, unknown> {
  const collection = (REFERENCE_COLLECTIONS as Record<string, string>)[ref.type] ?? ENTITY_KINDS.find((kind) => kind.entityType === ref.type)?.path;
  return collection ? { ...ref, href: `${baseUrl}/api/v1/${collection}/${ref.id}` } : { ...ref };
}

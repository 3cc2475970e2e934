import { COMMON_CHANGE_FIELDS, json, type ChangeField } from "./change-description.js";
import { map, obj, str, type ConnectionDefinitions } from "./connection-spec.js";
import type { EntityKind, Relation } from "./kinds.js";
import { maskConfig } from "./masking.js";
import type { RenderOptions } from "./render.js";
import type { Entity, ServiceEntity } from "./types.js";

/**
 * One service kind as written in its file under `services/`: what its entity and create schemas
 * (`entity/services/<kind>Service.json`, `api/services/create<Kind>Service.json`) say, and its
 * connectors. Everything else a service row needs (relations, own keys, change fields, connection
 * rendering) is the same for every service kind and is derived here from its keys (docs/upstream/openmetadata.md §2, §3).
 */
export interface ServiceRow {
  /** `databaseService`, `llmService`, … */
  readonly entityType: string;
  /** `services/databaseServices`, … */
  readonly path: string;
  /** The entity schema's properties in schema order. */
  readonly keys: readonly string[];
  /** The create schema's properties. */
  readonly createKeys: readonly string[];
  /** The `<kind>ServiceType` enum, in schema order. */
  readonly types: readonly string[];
  /** The connectors the catalog checks; other service types take any object whose `type` is theirs. */
  readonly connections: ConnectionDefinitions;
}

/** How a service's relations render when `fields` names them; a kind has those its schema has. */
const SERVICE_RELATIONS: Record<string, Relation> = {
  pipelines: "computed",
  owners: "refs",
  tags: "list",
  domains: "refs",
  followers: "refs",
  dataProducts: "refs",
  ingestionRunner: "ref",
};
/** Keys only some service schemas have, with their shapes: stored as sent, PATCHable, recorded as JSON. */
const SERVICE_OWN_FIELDS = {
  /** `entity/services/serviceAttributes.json`. */
  serviceAttributes: obj({ environment: str({ enum: ["Development", "Staging", "QA", "UAT", "Production", "Sandbox", "Other"] }), region: str(), deployment: str() }),
  /** `type/basic.json#/definitions/style`. */
  style: obj({ color: str(), iconURL: str(), coverImage: map() }),
};
const SERVICE_CHANGE_FIELDS: ChangeField[] = [...COMMON_CHANGE_FIELDS, json("ingestionRunner"), { name: "connection", how: "secret" }];

/** A service row of the kinds table. */
export function serviceKind(row: ServiceRow): EntityKind {
  const ownFields = Object.fromEntries(Object.entries(SERVICE_OWN_FIELDS).filter(([key]) => row.keys.includes(key)));
  return {
    entityType: row.entityType,
    path: row.path,
    keys: row.keys,
    relations: Object.fromEntries(Object.entries(SERVICE_RELATIONS).filter(([key]) => row.keys.includes(key))),
    changeFields: [...SERVICE_CHANGE_FIELDS, ...Object.keys(ownFields).map(json)],
    createKeys: new Set(row.createKeys),
    service: { types: row.types, connections: row.connections },
    renderKey: connectionRenderer(row.connections),
    ownFields,
  };
}

/** Connections render with their secrets masked for non-bot callers (§1.3). */
function connectionRenderer(connections: ConnectionDefinitions) {
  return (key: string, entity: Entity, options: RenderOptions): unknown => {
    if (key !== "connection" || entity.connection === undefined) return undefined;
    const { serviceType, connection } = entity as ServiceEntity;
    const config = connection!.config;
    return config === undefined ? {} : { config: options.mask ? maskConfig(connections[serviceType], config) : config };
  };
}

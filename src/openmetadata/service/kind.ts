import { isPlainObject } from "../../plain-object.js";
import type { EntityKind } from "../entity/kind.js";
import { COMMON_PATCH_FIELDS, type PatchField } from "../entity/patch.js";
import type { EntityResource } from "../entity/resource.js";

/** The relations every service kind shows (docs/upstream/openmetadata.md §1.3). */
const SERVICE_RELATIONS = { owners: "list", tags: "list", domains: "list", followers: "list", dataProducts: "list" } as const;

/**
 * A service's update fields: the common ones and its connection, at `/connection/config`, merged key by
 * key and never cleared (a service without a connection cannot be ingested, and the server keeps it).
 */
const SERVICE_PATCH_FIELDS: readonly PatchField[] = [...COMMON_PATCH_FIELDS, { name: "connection", path: "/connection/config", shape: "keyed-object", required: true }];

/** The config with `type` filled in from the service type when the client left it out (its schema default). */
function withType(serviceType: unknown, config: unknown): unknown {
  return isPlainObject(config) && config.type === undefined ? { type: serviceType, ...config } : config;
}

/** True for a service kind: its collection is below `/v1/services/` (docs/upstream/openmetadata.md §3). */
export function isServiceKind(kind: EntityKind): boolean {
  return kind.collection.startsWith("services/");
}

/**
 * What a service kind's row names: its entity type and GraphQL type, the children it holds, and the
 * relations its schema lacks. The rest follows the upstream's and the API's naming: the collection is
 * the entity type's plural below `/v1/services/` (`databaseServices`), the query field the type name
 * in camelCase (`databaseService`), the plural query its plural.
 */
export type ServiceRow = Pick<EntityKind, "entityType" | "typename" | "children"> & {
  /**
   * Relations every other service kind has and this kind's schema does not (metadata services have no
   * `dataProducts`): never asked for nor written; the type still shows them, always empty.
   */
  lacks?: ReadonlyArray<keyof typeof SERVICE_RELATIONS>;
};

/**
 * The row of a service kind (`/v1/services/{collection}`): what every service kind shares beyond the
 * engine — the `connection` field (the `connection.config` object, passed through as the upstream
 * answers it and sent as `{config}`), its patch field, and the children it holds.
 */
export function serviceKind({ lacks = [], ...row }: ServiceRow): EntityKind {
  const field = row.typename[0].toLowerCase() + row.typename.slice(1);
  const lacking = new Set<string>(lacks);
  return {
    ...row,
    collection: `services/${row.entityType}s`,
    field,
    plural: `${field}s`,
    noun: row.entityType,
    relations: Object.fromEntries(Object.entries(SERVICE_RELATIONS).filter(([field]) => !lacking.has(field))),
    patchFields: SERVICE_PATCH_FIELDS.filter((field) => !lacking.has(field.name)),
    listFilters: [],
    createRequest: (request) =>
      request.connection === undefined ? request : { ...request, connection: { config: withType(request.serviceType, request.connection) } },
    changes: (changes, snapshot) =>
      changes.connection === undefined || changes.connection === null ? changes : { ...changes, connection: withType(snapshot.serviceType, changes.connection) },
    typeFields: {
      ...Object.fromEntries(lacks.map((field) => [field, () => []])),
      connection: (service: EntityResource) => service.connection?.config ?? null,
    },
  };
}

import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import { toIsoDateTime } from "../../graphql/scalars.js";
import type { RelationField } from "./api.js";
import type { ServiceKind } from "./kinds.js";
import { selectedRelations } from "./reads.js";
import { SNAPSHOT, type ChangeDescriptionResource, type FieldChangeResource, type ServiceResource } from "./resource.js";

/** Marks version documents as snapshots: their relations are what the snapshot holds, never re-read. */
function asSnapshot(service: ServiceResource): ServiceResource {
  return Object.assign({ ...service }, { [SNAPSHOT]: true });
}

/**
 * A relation field (owners, tags, domains): from the document when the upstream populated it, else
 * through the loaders (batched with every other service of the request); a snapshot shows what it holds.
 */
function relation(kind: ServiceKind, field: RelationField) {
  return async (service: ServiceResource, _args: unknown, ctx: Context) => {
    const present = service[field];
    if (Array.isArray(present)) return present;
    if ((service as { [SNAPSHOT]?: true })[SNAPSHOT]) return [];
    const full = await ctx.loaders[kind.entityType].entity.load({ by: "id", id: service.id, include: "all", fields: [field] });
    const value = full?.[field];
    return Array.isArray(value) ? value : [];
  };
}

/** The field resolvers of a service type (`MlModelService`, `PipelineService`): the wire shape renamed. */
export function serviceTypeFields(kind: ServiceKind) {
  return {
    /** Federation entity resolution through the same loaders as every query. */
    __resolveReference: (
      reference: { id?: string | null; fullyQualifiedName?: string | null },
      ctx: Context,
      info: GraphQLResolveInfo,
    ): Promise<ServiceResource | null> => {
      const fields = selectedRelations(info);
      const loader = ctx.loaders[kind.entityType].entity;
      return reference.id
        ? loader.load({ by: "id", id: reference.id, include: "all", fields })
        : loader.load({ by: "name", fqn: reference.fullyQualifiedName ?? "", include: "all", fields });
    },
    updatedAt: (service: ServiceResource) => (service.updatedAt === undefined || service.updatedAt === null ? null : toIsoDateTime(service.updatedAt)),
    deleted: (service: ServiceResource) => service.deleted === true,
    owners: relation(kind, "owners"),
    tags: relation(kind, "tags"),
    domains: relation(kind, "domains"),
    connection: (service: ServiceResource) => service.connection?.config ?? null,
    changeDescription: (service: ServiceResource) => service.changeDescription ?? null,
    versions: async (service: ServiceResource, _args: unknown, ctx: Context) =>
      (await ctx.loaders[kind.entityType].versions.load(service.id)).map(asSnapshot),
    atVersion: async (service: ServiceResource, args: { version: number }, ctx: Context) => {
      const found = await ctx.loaders[kind.entityType].version.load({ id: service.id, version: args.version });
      return found ? asSnapshot(found) : null;
    },
  };
}

/** Fields whose change values are plain text upstream; every other field's values are JSON-encoded (§5.3). */
const TEXT_FIELDS = new Set(["description", "displayName", "name"]);

/** Decodes a JSON-encoded change value (lists, objects, `connection` placeholders); text fields stay text. */
export function decodeChangeValue(name: string, value: unknown): unknown {
  if (typeof value !== "string" || TEXT_FIELDS.has(name)) return value ?? null;
  const first = value.trimStart()[0];
  if (first !== "[" && first !== "{" && first !== '"') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** `ChangeDescription` and `FieldChange` over the wire shape (§5.3). */
export const changeDescriptionFields = {
  ChangeDescription: {
    fieldsAdded: (change: ChangeDescriptionResource) => change.fieldsAdded ?? [],
    fieldsUpdated: (change: ChangeDescriptionResource) => change.fieldsUpdated ?? [],
    fieldsDeleted: (change: ChangeDescriptionResource) => change.fieldsDeleted ?? [],
    previousVersion: (change: ChangeDescriptionResource) => change.previousVersion ?? null,
  },
  FieldChange: {
    oldValue: (field: FieldChangeResource) => decodeChangeValue(field.name, field.oldValue),
    newValue: (field: FieldChangeResource) => decodeChangeValue(field.name, field.newValue),
  },
};

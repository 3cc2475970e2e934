import type { GraphQLResolveInfo } from "graphql";
import { idArgument, nameArgument } from "../../security/ids.js";
import type { Context } from "../../context.js";
import type { ConnectionArgs } from "../../graphql/paging.js";
import { toIsoDateTime } from "../../graphql/scalars.js";
import { badInput } from "../../errors.js";
import type { RelationField } from "./api.js";
import type { EntityKind } from "./kind.js";
import { listPage, selectedRelations } from "./reads.js";
import { SNAPSHOT, type ChangeDescriptionResource, type FieldChangeResource, type EntityResource } from "./resource.js";

/** Marks version documents as snapshots: their relations are what the snapshot holds, never re-read. */
function asSnapshot(entity: EntityResource): EntityResource {
  return Object.assign({ ...entity }, { [SNAPSHOT]: true });
}

/**
 * A relation field (owners, tags, followers, extension, …): from the document when the upstream
 * populated it, else through the loaders (batched with every other entity of the kind in the request);
 * a snapshot shows what it holds. A list relation answers `[]` when absent, a single value `null`.
 */
function relation(kind: EntityKind, field: RelationField, shape: "list" | "value") {
  const valid = (value: unknown) => (shape === "list" ? Array.isArray(value) : value !== undefined && value !== null);
  const empty = shape === "list" ? [] : null;
  return async (entity: EntityResource, _args: unknown, ctx: Context) => {
    const present = entity[field];
    if (valid(present)) return present;
    if ((entity as { [SNAPSHOT]?: true })[SNAPSHOT] || present === null) return empty;
    const full = await ctx.loaders.entities(kind).entity.load({ by: "id", id: entity.id, include: "all", fields: [field] });
    const value = full?.[field];
    return valid(value) ? value : empty;
  };
}

/** How many versions one `versions` field answers unless asked (its `first` argument's default), and at most. */
const DEFAULT_VERSIONS = 100;
const MAX_VERSIONS = 1000;

/** The field resolvers common to every kind's type: the wire shape renamed, relations, history, service links. */
export function entityTypeFields(kind: EntityKind) {
  const relations = Object.fromEntries(Object.entries(kind.relations).map(([field, shape]) => [field, relation(kind, field, shape)]));
  return {
    /** Federation entity resolution through the same loaders as every query. */
    __resolveReference: (
      reference: { id?: string | null; fullyQualifiedName?: string | null },
      ctx: Context,
      info: GraphQLResolveInfo,
    ): Promise<EntityResource | null> => {
      const fields = selectedRelations(kind, info);
      const loader = ctx.loaders.entities(kind).entity;
      // A representation's key becomes a path segment like an argument, and is checked like one.
      return reference.id
        ? loader.load({ by: "id", id: idArgument("id", reference.id), include: "all", fields })
        : loader.load({ by: "name", fqn: nameArgument("fullyQualifiedName", reference.fullyQualifiedName ?? ""), include: "all", fields });
    },
    updatedAt: (entity: EntityResource) => (entity.updatedAt === undefined || entity.updatedAt === null ? null : toIsoDateTime(entity.updatedAt)),
    deleted: (entity: EntityResource) => entity.deleted === true,
    ...relations,
    changeDescription: (entity: EntityResource) => entity.changeDescription ?? null,
    versions: async (entity: EntityResource, args: { first?: number | null }, ctx: Context) => {
      const first = args.first ?? DEFAULT_VERSIONS;
      if (!Number.isInteger(first) || first < 0 || first > MAX_VERSIONS) throw badInput("first", `expected an integer from 0 to ${MAX_VERSIONS}, got ${first}`);
      return (await ctx.loaders.entities(kind).versions.load(entity.id)).slice(0, first).map(asSnapshot);
    },
    // Only an exact version of one decimal (0.2, 1.0) exists (§5.1): 0.15 is no version, not 0.2 rounded.
    atVersion: async (entity: EntityResource, args: { version: number }, ctx: Context) => {
      if (!isVersionNumber(args.version)) return null;
      const found = await ctx.loaders.entities(kind).version.load({ id: entity.id, version: args.version });
      return found && Math.abs(found.version - args.version) < 1e-9 ? asSnapshot(found) : null;
    },
    ...(kind.parent ? { service: parentField(kind.parent.kind()) } : {}),
    ...Object.fromEntries((kind.children ?? []).map((child) => [child.field, childrenField(child.kind())])),
    ...kind.typeFields,
  };
}

/** A version number as versions are written: positive, with at most one decimal. */
function isVersionNumber(version: number): boolean {
  return version > 0 && Math.abs(Math.round(version * 10) / 10 - version) < 1e-9;
}

/**
 * A data asset's `service`: through the service kind's loaders by the reference's id, so every asset
 * of one service in a request costs one read of it (and none when the request already holds it).
 */
function parentField(serviceKind: EntityKind) {
  return async (entity: EntityResource, _args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const reference = entity.service;
    if (!reference?.id) throw new Error(`${entity.fullyQualifiedName} came without its service reference`);
    const found = await ctx.loaders.entities(serviceKind).entity.load({ by: "id", id: reference.id, include: "all", fields: selectedRelations(serviceKind, info) });
    if (!found) throw new Error(`the service ${reference.id} of ${entity.fullyQualifiedName} is not in the catalog`);
    return found;
  };
}

/** A service's children (`MlModelService.mlModels`): the child kind's list filtered by `service=<the service's FQN>`. */
function childrenField(childKind: EntityKind) {
  return (service: EntityResource, args: ConnectionArgs, ctx: Context, info: GraphQLResolveInfo) =>
    listPage(childKind, { first: args.first, after: args.after, last: args.last, before: args.before }, { service: service.fullyQualifiedName }, ctx, info);
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

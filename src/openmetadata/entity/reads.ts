import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import { badInput, isNotFound } from "../../errors.js";
import { selectedFieldNames } from "../../graphql/selection.js";
import { idArgument, nameArgument } from "../../security/ids.js";
import { listEntities, type IncludeParam, type RelationField, type EntityKey } from "./api.js";
import type { EntityKind } from "./kind.js";
import { pageRequestOf, type ConnectionArgs } from "../../graphql/paging.js";
import { entityConnectionOf, upstreamWindowOf } from "./paging.js";
import type { EntityListResource, EntityPageResource, EntityResource } from "./resource.js";

/** The GraphQL `Include` enum's upstream values (docs/upstream/openmetadata.md §3.1). */
function includeParam(include: "NON_DELETED" | "DELETED" | "ALL" | null | undefined): IncludeParam {
  return include === "DELETED" ? "deleted" : include === "ALL" ? "all" : "non-deleted";
}

/** The relations of `kind` to ask the upstream for: those selected at any of `paths` below the current field. */
export function selectedRelations(kind: EntityKind, info: GraphQLResolveInfo, paths: ReadonlyArray<readonly string[]> = [[]]): RelationField[] {
  const names = new Set<string>();
  for (const path of paths) for (const name of selectedFieldNames(info, path)) names.add(name);
  return Object.keys(kind.relations).filter((field) => names.has(field));
}

/** Exactly one of `id` and `fullyQualifiedName` addresses an entity; anything else is bad input. */
export function entityKeyOf(args: { id?: string | null; fullyQualifiedName?: string | null }): EntityKey {
  const hasId = args.id !== undefined && args.id !== null;
  const hasName = args.fullyQualifiedName !== undefined && args.fullyQualifiedName !== null;
  if (hasId === hasName) throw badInput(hasId ? "id" : "fullyQualifiedName", "give exactly one of id and fullyQualifiedName");
  if (hasId) return { by: "id", id: idArgument("id", args.id!) };
  return { by: "name", fqn: nameArgument("fullyQualifiedName", args.fullyQualifiedName!) };
}

/** `mlModelService(...)`, `mlModel(...)`, …: one entity through the request's loaders; null when absent. */
export function getEntityField(kind: EntityKind) {
  return (
    _parent: unknown,
    args: { id?: string | null; fullyQualifiedName?: string | null; include?: "NON_DELETED" | "DELETED" | "ALL" | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ): Promise<EntityResource | null> =>
    ctx.loaders.entities(kind).entity.load({ ...entityKeyOf(args), include: includeParam(args.include), fields: selectedRelations(kind, info) });
}

/** The arguments of a plural query (or of a service's children field): Relay paging, filters, and the kind's own filters. */
type ListArgs = ConnectionArgs & {
  include?: "NON_DELETED" | "DELETED" | "ALL" | null;
  domain?: string | null;
} & Record<string, unknown>;

/** `mlModelServices(...)`, `mlModels(...)`, …: one upstream page; its entities prime the loaders. */
export function listEntitiesField(kind: EntityKind) {
  return (_parent: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo): Promise<EntityPageResource> => listPage(kind, args, {}, ctx, info);
}

/**
 * One upstream page of a kind's list (`limit` rows from the upstream cursors given), with the list
 * arguments' filters; its entities are primed in the request's loaders with the relations read.
 */
export async function readList(
  kind: EntityKind,
  window: { limit: number; after?: string; before?: string },
  args: ListArgs,
  fixed: Readonly<Record<string, string>>,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<EntityListResource> {
  const fields = selectedRelations(kind, info, [["nodes"], ["edges", "node"]]);
  const filters: Record<string, string | undefined> = {};
  for (const name of kind.listFilters) {
    const value = args[name];
    if (value !== undefined && value !== null) filters[name] = String(value);
  }
  const page = await listEntities(ctx.openmetadata.upstream, ctx.openmetadata.scope, kind, {
    fields,
    include: includeParam(args.include),
    limit: window.limit,
    after: window.after,
    before: window.before,
    domain: args.domain ?? undefined,
    filters: { ...filters, ...fixed },
  }).catch((error: unknown) => {
    // An unknown domain is a 404 upstream (§3.1): the caller's argument, not a missing page.
    if (args.domain && isNotFound(error) && /^domain instance/.test(error.detail.message ?? "")) throw badInput("domain", `no domain ${JSON.stringify(args.domain)} in the catalog`);
    throw error;
  });
  const loaders = ctx.loaders.entities(kind);
  for (const entity of page.data ?? []) loaders.prime(entity, fields);
  return { data: page.data ?? [], paging: page.paging ?? { total: 0 } };
}

/**
 * One Relay page of `kind` with `filters` added to the arguments' own (the kind's `listFilters`), read
 * with one upstream call (paging.ts); the arguments and the cursor are checked before it. The
 * entities prime the request's loaders with the relations they were read with.
 */
export async function listPage(
  kind: EntityKind,
  args: ListArgs,
  fixed: Readonly<Record<string, string>>,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<EntityPageResource> {
  const window = upstreamWindowOf(kind, pageRequestOf(args));
  return entityConnectionOf(kind, window, await readList(kind, window, args, fixed, ctx, info));
}

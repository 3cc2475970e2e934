import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import { badInput } from "../../errors.js";
import { selectedFieldNames } from "../../graphql/selection.js";
import { idArgument, nameArgument } from "../../security/ids.js";
import { listEntities, type IncludeParam, type RelationField, type EntityKey } from "./api.js";
import type { EntityKind } from "./kind.js";
import type { EntityPageResource, EntityResource } from "./resource.js";

/** The GraphQL `Include` enum's upstream values (openmetadata-contract.md §3.1). */
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

/** The most entities one page may ask for. */
const MAX_PAGE_SIZE = 1000;

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

/** The arguments of a plural query (or of a service's children field): paging, filters, and the kind's own filters. */
type ListArgs = {
  first?: number | null;
  after?: string | null;
  before?: string | null;
  include?: "NON_DELETED" | "DELETED" | "ALL" | null;
  domain?: string | null;
} & Record<string, unknown>;

/** `mlModelServices(...)`, `mlModels(...)`, …: one upstream page; its entities prime the loaders. */
export function listEntitiesField(kind: EntityKind) {
  return (_parent: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo): Promise<EntityPageResource> => listPage(kind, args, {}, ctx, info);
}

/**
 * One upstream page of `kind` with `filters` added to the arguments' own (the kind's `listFilters`);
 * the entities prime the request's loaders with the relations they were read with.
 */
export async function listPage(
  kind: EntityKind,
  args: ListArgs,
  fixed: Readonly<Record<string, string>>,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<EntityPageResource> {
  const first = args.first ?? 10;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badInput("first", `expected an integer from 0 to ${MAX_PAGE_SIZE}, got ${first}`);
  if (args.after && args.before) throw badInput("after", "give at most one of after and before");
  const fields = selectedRelations(kind, info, [["nodes"], ["edges", "node"]]);
  const filters: Record<string, string | undefined> = {};
  for (const name of kind.listFilters) {
    const value = args[name];
    if (value !== undefined && value !== null) filters[name] = String(value);
  }
  const page = await listEntities(ctx.openmetadata.upstream, ctx.openmetadata.scope, kind, {
    fields,
    include: includeParam(args.include),
    limit: first,
    after: args.after ?? undefined,
    before: args.before ?? undefined,
    domain: args.domain ?? undefined,
    filters: { ...filters, ...fixed },
  });
  const loaders = ctx.loaders.entities(kind);
  for (const entity of page.data ?? []) loaders.prime(entity, fields);
  return { data: page.data ?? [], paging: page.paging ?? { total: 0 } };
}

/** The connection type's fields over one upstream page (cursors are the upstream's opaque page cursors). */
export const entityPageFields = {
  edges: (page: EntityPageResource) =>
    page.data.map((node, index) => ({
      node,
      cursor: index === 0 ? (page.paging.before ?? null) : index === page.data.length - 1 ? (page.paging.after ?? null) : null,
    })),
  nodes: (page: EntityPageResource) => page.data,
  pageInfo: (page: EntityPageResource) => ({
    hasNextPage: Boolean(page.paging.after),
    hasPreviousPage: Boolean(page.paging.before),
    startCursor: page.paging.before ?? null,
    endCursor: page.paging.after ?? null,
  }),
  totalCount: (page: EntityPageResource) => page.paging.total ?? null,
};

import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import { badInput } from "../../errors.js";
import { selectedFieldNames } from "../../graphql/selection.js";
import { listServices, type IncludeParam, type RelationField, type ServiceKey } from "./api.js";
import type { ServiceKind } from "./kinds.js";
import type { ServicePageResource, ServiceResource } from "./resource.js";

/** The GraphQL `Include` enum's upstream values (openmetadata-contract.md §3.1). */
function includeParam(include: "NON_DELETED" | "DELETED" | "ALL" | null | undefined): IncludeParam {
  return include === "DELETED" ? "deleted" : include === "ALL" ? "all" : "non-deleted";
}

const SELECTABLE_RELATIONS: readonly RelationField[] = ["owners", "tags", "domains"];

/** The relations to ask the upstream for: those selected at any of `paths` below the current field. */
export function selectedRelations(info: GraphQLResolveInfo, paths: ReadonlyArray<readonly string[]> = [[]]): RelationField[] {
  const names = new Set<string>();
  for (const path of paths) for (const name of selectedFieldNames(info, path)) names.add(name);
  return SELECTABLE_RELATIONS.filter((field) => names.has(field));
}

/** Exactly one of `id` and `fullyQualifiedName` addresses a service; anything else is bad input. */
export function serviceKeyOf(args: { id?: string | null; fullyQualifiedName?: string | null }): ServiceKey {
  const hasId = args.id !== undefined && args.id !== null;
  const hasName = args.fullyQualifiedName !== undefined && args.fullyQualifiedName !== null;
  if (hasId === hasName) throw badInput(hasId ? "id" : "fullyQualifiedName", "give exactly one of id and fullyQualifiedName");
  if (hasId) {
    if (args.id!.trim() === "") throw badInput("id", "must not be empty");
    return { by: "id", id: args.id! };
  }
  if (args.fullyQualifiedName!.trim() === "") throw badInput("fullyQualifiedName", "must not be empty");
  return { by: "name", fqn: args.fullyQualifiedName! };
}

/** The most services one page may ask for. */
const MAX_PAGE_SIZE = 1000;

/** `mlModelService(...)` / `pipelineService(...)`: one service through the request's loaders; null when absent. */
export function getServiceField(kind: ServiceKind) {
  return (
    _parent: unknown,
    args: { id?: string | null; fullyQualifiedName?: string | null; include?: "NON_DELETED" | "DELETED" | "ALL" | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ): Promise<ServiceResource | null> =>
    ctx.loaders[kind.entityType].entity.load({ ...serviceKeyOf(args), include: includeParam(args.include), fields: selectedRelations(info) });
}

/** `mlModelServices(...)` / `pipelineServices(...)`: one upstream page; its services prime the loaders. */
export function listServicesField(kind: ServiceKind) {
  return async (
    _parent: unknown,
    args: { first?: number | null; after?: string | null; before?: string | null; include?: "NON_DELETED" | "DELETED" | "ALL" | null; domain?: string | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ): Promise<ServicePageResource> => {
    const first = args.first ?? 10;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badInput("first", `expected an integer from 0 to ${MAX_PAGE_SIZE}, got ${first}`);
    if (args.after && args.before) throw badInput("after", "give at most one of after and before");
    const fields = selectedRelations(info, [["nodes"], ["edges", "node"]]);
    const page = await listServices(ctx.openmetadata.upstream, ctx.openmetadata.scope, kind, {
      fields,
      include: includeParam(args.include),
      limit: first,
      after: args.after ?? undefined,
      before: args.before ?? undefined,
      domain: args.domain ?? undefined,
    });
    const loaders = ctx.loaders[kind.entityType];
    for (const service of page.data ?? []) loaders.prime(service, fields);
    return { data: page.data ?? [], paging: page.paging ?? { total: 0 } };
  };
}

/** The connection type's fields over one upstream page (cursors are the upstream's opaque page cursors). */
export const servicePageFields = {
  edges: (page: ServicePageResource) =>
    page.data.map((node, index) => ({
      node,
      cursor: index === 0 ? (page.paging.before ?? null) : index === page.data.length - 1 ? (page.paging.after ?? null) : null,
    })),
  nodes: (page: ServicePageResource) => page.data,
  pageInfo: (page: ServicePageResource) => ({
    hasNextPage: Boolean(page.paging.after),
    hasPreviousPage: Boolean(page.paging.before),
    startCursor: page.paging.before ?? null,
    endCursor: page.paging.after ?? null,
  }),
  totalCount: (page: ServicePageResource) => page.paging.total ?? null,
};

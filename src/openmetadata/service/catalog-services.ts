import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import type { EntityKind } from "../entity/kind.js";
import { pageRequestOf, type ConnectionArgs, type PageRequest } from "../../graphql/paging.js";
import { entityConnectionOf, upstreamWindowOf } from "../entity/paging.js";
import { readList } from "../entity/reads.js";
import type { EntityPageResource, EntityResource } from "../entity/resource.js";
import { decodeCatalogCursor, encodeCatalogCursor } from "./catalog-cursor.js";

/** A service kind's `ServiceKind` value, from its type name: `DatabaseService` → `DATABASE`, `MlModelService` → `ML_MODEL`. */
export function serviceKindValue(kind: EntityKind): string {
  return kind.typename
    .replace(/Service$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase();
}

interface CatalogServiceEdge {
  node: EntityResource;
  cursor: string;
}

/**
 * `catalogServices(first, after, last, before, kinds)`: the services of several kinds as one list,
 * ordered by kind (`ServiceKind` value) then by name (each kind's upstream list order,
 * docs/upstream/openmetadata.md §3.1), paged both ways with the same arguments as every connection.
 *
 * Within a kind, a page is that kind's own connection page (src/openmetadata/entity/paging.ts): one
 * upstream call, reading one row beyond the page. A page asks a kind's list only when it reaches it:
 *
 * - forward, the kinds after the cursor's, from their start, one call each, until the page is full and
 *   one more service is known to follow (or the kinds run out): `pageInfo.hasNextPage` is exact;
 * - backward, the rows before the cursor in its kind (one call), then the kinds before it from their
 *   end. The upstream cannot list from the end, so a kind reached backward is read from its start: one
 *   call with `limit` the services wanted, and when the kind holds more (`paging.total`), a second call
 *   reading it whole (`limit` = its total). A kind reached with nothing more wanted costs one `limit=0`
 *   call, to know whether it has any service (`hasPreviousPage`).
 */
export function catalogServicesField(serviceKinds: readonly EntityKind[]) {
  const byValue = new Map(serviceKinds.map((kind) => [serviceKindValue(kind), kind]));
  const ordered = [...byValue.keys()].sort();

  return async (_parent: unknown, args: ConnectionArgs & { kinds?: readonly string[] | null }, ctx: Context, info: GraphQLResolveInfo) => {
    const request = pageRequestOf(args);
    const asked = args.kinds ? ordered.filter((value) => args.kinds!.includes(value)) : ordered;
    const from = request.cursor ? decodeCatalogCursor(request.cursor, asked) : undefined;

    /** One page of a kind's own connection, and the catalog edges of its services. */
    const kindPage = async (value: string, page: PageRequest): Promise<{ page: EntityPageResource; edges: CatalogServiceEdge[] }> => {
      const kind = byValue.get(value)!;
      const window = upstreamWindowOf(kind, page);
      const result = entityConnectionOf(kind, window, await readList(kind, window, {}, {}, ctx, info));
      return { page: result, edges: edgesOf(value, result, !result.hasNextPage) };
    };
    const edgesOf = (value: string, page: EntityPageResource, endsKind: boolean): CatalogServiceEdge[] =>
      page.nodes.map((node, i) => ({
        node,
        cursor: encodeCatalogCursor({ kind: value, cursor: page.cursors[i], last: endsKind && i === page.nodes.length - 1 }),
      }));

    const edges: CatalogServiceEdge[] = [];
    let hasNextPage: boolean;
    let hasPreviousPage: boolean;
    if (request.direction === "forward") {
      hasPreviousPage = from !== undefined;
      hasNextPage = false;
      let index = from ? asked.indexOf(from.kind) : 0;
      let cursor = from && !from.last ? { value: from.cursor, argument: "after" as const } : undefined;
      if (from?.last) index += 1;
      for (; index < asked.length; index++, cursor = undefined) {
        const { page, edges: more } = await kindPage(asked[index], { direction: "forward", size: request.size - edges.length, cursor });
        edges.push(...more);
        if (page.hasNextPage) {
          hasNextPage = true;
          break;
        }
      }
    } else {
      hasNextPage = true;
      hasPreviousPage = false;
      const index = asked.indexOf(from!.kind);
      const { page, edges: more } = await kindPage(from!.kind, { direction: "backward", size: request.size, cursor: { value: from!.cursor, argument: "before" } });
      edges.push(...more);
      hasPreviousPage = page.hasPreviousPage;
      for (let earlier = index - 1; earlier >= 0 && !hasPreviousPage; earlier--) {
        const tail = await kindTail(byValue.get(asked[earlier])!, request.size - edges.length, ctx, info);
        edges.unshift(...edgesOf(asked[earlier], tail.page, true));
        hasPreviousPage = tail.hasMore;
      }
    }
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: {
        hasNextPage,
        hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  };
}

/**
 * The last `size` services of a kind, read from its start (the upstream lists forward only): one call
 * of `limit: size`, and a second reading the whole list (`limit` its `paging.total`) when it holds more.
 * Their cursors are the kind connection's own; `hasMore` says whether services precede them.
 */
async function kindTail(kind: EntityKind, size: number, ctx: Context, info: GraphQLResolveInfo): Promise<{ page: EntityPageResource; hasMore: boolean }> {
  let answer = await readList(kind, { limit: size }, {}, {}, ctx, info);
  const total = answer.paging.total ?? answer.data.length;
  if (size > 0 && answer.data.length < total) answer = await readList(kind, { limit: total }, {}, {}, ctx, info);
  const length = size === 0 ? total : answer.data.length;
  const lo = Math.max(0, length - size);
  const window = { limit: total, slice: (rows: number) => ({ lo: Math.min(lo, rows), hi: rows }) };
  return { page: entityConnectionOf(kind, window, answer), hasMore: lo > 0 };
}

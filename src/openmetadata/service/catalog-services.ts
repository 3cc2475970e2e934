import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import { badInput } from "../../errors.js";
import type { EntityKind } from "../entity/kind.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../graphql/paging.js";
import { readList } from "../entity/reads.js";
import type { EntityResource } from "../entity/resource.js";
import { decodeCatalogCursor, encodeCatalogCursor, type CatalogPosition } from "./catalog-cursor.js";

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
 * `catalogServices(first, after, kinds)`: the services of several kinds as one list, ordered by kind
 * (`ServiceKind` value) then by name (each kind's upstream list order, openmetadata-contract.md §3.1).
 * A page walks the kinds from the cursor's position and asks a kind's list only when it reaches it:
 * one call per kind touched, `limit` the services still wanted plus those the cursor skips. Every edge
 * carries the position right after it (the next kind's start when its kind ends there).
 */
export function catalogServicesField(serviceKinds: readonly EntityKind[]) {
  const byValue = new Map(serviceKinds.map((kind) => [serviceKindValue(kind), kind]));
  const ordered = [...byValue.keys()].sort();

  return async (
    _parent: unknown,
    args: { first?: number | null; after?: string | null; kinds?: readonly string[] | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badInput("first", `expected an integer from 0 to ${MAX_PAGE_SIZE}, got ${first}`);
    const asked = args.kinds ? ordered.filter((value) => args.kinds!.includes(value)) : ordered;
    const startOf = (index: number): CatalogPosition | null => (index < asked.length ? { kind: asked[index], after: null, offset: 0 } : null);
    let position = args.after ? decodeCatalogCursor(args.after, asked) : startOf(0);

    const edges: CatalogServiceEdge[] = [];
    while (position && edges.length < first) {
      const at: CatalogPosition = position;
      const wanted = first - edges.length;
      const page = await readList(byValue.get(at.kind)!, { limit: Math.min(MAX_PAGE_SIZE, at.offset + wanted), after: at.after ?? undefined }, {}, {}, ctx, info);
      const nextKind = startOf(asked.indexOf(at.kind) + 1);
      const taken = page.data.slice(at.offset, at.offset + wanted);
      // After the page's last service: the upstream's next page, else (or when the cursor skipped the
      // whole page) the next kind's start.
      const pageEnd: CatalogPosition | null = taken.length === 0 ? nextKind : page.paging.after ? { kind: at.kind, after: page.paging.after, offset: 0 } : nextKind;
      position = pageEnd;
      for (const [index, node] of taken.entries()) {
        const offset = at.offset + index + 1;
        const next = offset < page.data.length ? { ...at, offset } : pageEnd;
        // The last service of all resumes where nothing follows: an empty page.
        edges.push({ node, cursor: encodeCatalogCursor(next ?? { ...at, offset }) });
        position = next;
      }
    }
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: {
        hasNextPage: position !== null,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  };
}

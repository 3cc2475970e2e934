import { badInput } from "../errors.js";
import type { WmlCollectionResource } from "./resource.js";

/** The largest `limit` WML accepts on a collection (wml-contract.md §3.3). */
export const MAX_UPSTREAM_LIMIT = 200;

/**
 * The `start` token of a collection's next page, read out of `next.href`; undefined on the last page.
 * The href itself is never replayed: it omits `version` (wml-contract.md §3.3, §9 item 1).
 */
export function nextStartOf(collection: WmlCollectionResource<unknown>): string | undefined {
  const href = collection.next?.href;
  if (!href) return undefined;
  const start = new URL(href, "http://wml.invalid").searchParams.get("start");
  return start === null || start === "" ? undefined : start;
}

/** A position in a list as the gateway's opaque cursor: for deployments an offset, for models a service page token and a skip. */
export type CursorPosition = { kind: "deployments"; offset: number } | { kind: "models"; start: string | undefined; skip: number };

/** Encodes a position as an opaque cursor (base64url JSON). */
export function encodeCursor(position: CursorPosition): string {
  const payload = position.kind === "deployments" ? { d: position.offset } : { m: position.start ?? null, k: position.skip };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** Decodes a cursor this gateway issued for `kind`; anything else is BAD_USER_INPUT naming `after`. */
export function decodeCursor<K extends CursorPosition["kind"]>(cursor: string, kind: K): Extract<CursorPosition, { kind: K }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const record = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  if (kind === "deployments" && isCount(record.d)) return { kind, offset: record.d } as Extract<CursorPosition, { kind: K }>;
  if (kind === "models" && isCount(record.k) && (record.m === null || typeof record.m === "string")) {
    return { kind, start: record.m ?? undefined, skip: record.k } as Extract<CursorPosition, { kind: K }>;
  }
  throw badInput("after", `expected a cursor from this list's pageInfo or edges, got ${JSON.stringify(cursor)}`);
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Validates `first`: an integer from 0 to `max`. */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) throw badInput("first", `expected an integer from 0 to ${max}, got ${size}`);
  return size;
}

/** One page of a collection the service pages by `start` token (models, revisions), with the gateway's cursor position (§3.3). */
export interface TokenPageResource<T> {
  nodes: T[];
  /** The service's `start` token the page was read from (undefined: the first page). */
  start: string | undefined;
  /** How many items of that service page were skipped before `nodes[0]`. */
  skip: number;
  /** The `start` token of the service's next page, when there is one. */
  nextStart: string | undefined;
  /** How many items the service page held (`nodes` is a slice of it). */
  pageLength: number;
  totalCount: number | undefined;
}

/**
 * Reads one GraphQL page of a token-paged collection: the cursor holds the service's `start` token and how
 * many items of that page were already returned; the request is rebuilt from the gateway's own
 * parameters plus `start`, never by replaying `next.href`, which has no `version` (§3.3, §9 item 1).
 */
export async function readTokenPage<T>(
  args: { first?: number | null; after?: string | null },
  fallback: number,
  read: (params: { limit: number; start?: string }) => Promise<WmlCollectionResource<T>>,
): Promise<TokenPageResource<T>> {
  const first = pageSize(args.first, fallback, MAX_UPSTREAM_LIMIT);
  const position = args.after ? decodeCursor(args.after, "models") : { kind: "models" as const, start: undefined, skip: 0 };
  const limit = Math.max(1, Math.min(MAX_UPSTREAM_LIMIT, position.skip + first));
  const page = await read({ limit, start: position.start });
  const resources = page.resources ?? [];
  return {
    nodes: resources.slice(position.skip, position.skip + first),
    start: position.start,
    skip: position.skip,
    pageLength: resources.length,
    nextStart: nextStartOf(page),
    totalCount: page.total_count,
  };
}

/** The cursor of the position after `consumed` items of the service page. */
function tokenCursorAt(page: TokenPageResource<unknown>, consumed: number): string {
  if (consumed >= page.pageLength && page.nextStart !== undefined) return encodeCursor({ kind: "models", start: page.nextStart, skip: 0 });
  return encodeCursor({ kind: "models", start: page.start, skip: consumed });
}

/** The connection fields over one token page: every edge has a cursor. */
export const tokenPageFields = {
  edges: <T>(page: TokenPageResource<T>) => page.nodes.map((node, i) => ({ node, cursor: tokenCursorAt(page, page.skip + i + 1) })),
  nodes: <T>(page: TokenPageResource<T>) => page.nodes,
  pageInfo: <T>(page: TokenPageResource<T>) => ({
    hasNextPage: page.skip + page.nodes.length < page.pageLength || page.nextStart !== undefined,
    hasPreviousPage: page.start !== undefined || page.skip > 0,
    startCursor: page.nodes.length ? tokenCursorAt(page, page.skip + 1) : null,
    endCursor: page.nodes.length ? tokenCursorAt(page, page.skip + page.nodes.length) : null,
  }),
  totalCount: <T>(page: TokenPageResource<T>) => page.totalCount ?? null,
};

import { decodeOpaqueCursor, encodeOpaqueCursor, isCount, type PageRequest } from "../../graphql/paging.js";
import type { EntityKind } from "./kind.js";
import type { EntityListResource, EntityPageResource } from "./resource.js";

/**
 * Relay cursors over OpenMetadata's page cursors (docs/upstream/openmetadata.md §3.1). The upstream hands out
 * two cursors per page, `before` (its first row) and `after` (its last row), and `after=X` lists the rows
 * after row X, `before=X` the rows before it. An edge's cursor is composed of such an upstream cursor
 * and an offset from it, in both directions, so that reading on from any edge is one upstream call:
 *
 * - `f` (forward): the rows after the edge are `after=f.a`'s listing (the first page when `f.a` is null)
 *   with its first `f.s` rows dropped;
 * - `b` (backward): the rows before the edge are `before=b.b`'s listing with its last `b.s` rows
 *   dropped, or, when `b.b` is null, the first `b.s` rows of the whole list.
 */
interface EntityCursor {
  f: { a: string | null; s: number };
  b: { b: string | null; s: number };
}

/** The upstream list call that reads a page, and which rows of its answer the page is. */
export interface UpstreamWindow {
  after?: string;
  before?: string;
  limit: number;
  /** The rows of the answer that make the page: `[lo, hi)`, computed from the answer's length. */
  slice: (length: number) => { lo: number; hi: number };
  /** The page was asked for beside an edge (`after` or `before` one): that edge lies on the other side. */
  beside?: "after" | "before";
}

function cursorTag(kind: EntityKind): string {
  return `om:${kind.collection}`;
}

function isEntityCursor(value: unknown): value is EntityCursor {
  const cursor = value as EntityCursor | null;
  const anchor = (x: unknown) => x === null || (typeof x === "string" && x !== "");
  return (
    typeof cursor === "object" &&
    cursor !== null &&
    typeof cursor.f === "object" &&
    cursor.f !== null &&
    anchor(cursor.f.a) &&
    isCount(cursor.f.s) &&
    typeof cursor.b === "object" &&
    cursor.b !== null &&
    anchor(cursor.b.b) &&
    isCount(cursor.b.s)
  );
}

/**
 * The one upstream call a page takes. It reads one row more than the page, on the side it reads
 * towards, so that whether more lies beyond is known exactly, a page of 0 included. The cursor is
 * decoded here, before anything is sent: a cursor this connection did not issue is BAD_USER_INPUT
 * naming its argument.
 */
export function upstreamWindowOf(kind: EntityKind, request: PageRequest): UpstreamWindow {
  const n = request.size;
  if (!request.cursor) return { limit: n + 1, slice: (length) => ({ lo: 0, hi: Math.min(length, n) }) };
  const cursor = decodeOpaqueCursor(request.cursor, cursorTag(kind), isEntityCursor);
  if (request.direction === "forward") {
    const { a, s } = cursor.f;
    return { after: a ?? undefined, limit: s + n + 1, slice: (length) => ({ lo: Math.min(s, length), hi: Math.min(length, s + n) }), beside: "after" };
  }
  const { b, s } = cursor.b;
  if (b === null) return { limit: s + 1, slice: (length) => ({ lo: Math.max(0, Math.min(s, length) - n), hi: Math.min(s, length) }), beside: "before" };
  return { before: b, limit: s + n + 1, slice: (length) => ({ lo: Math.max(0, length - s - n), hi: Math.max(0, length - s) }), beside: "before" };
}

/**
 * The page `window` reads out of the upstream's answer: the rows, each edge's cursor, and `pageInfo`
 * from what the answer says lies beyond it (its `before` and `after`).
 */
export function entityConnectionOf(kind: EntityKind, window: UpstreamWindow, answer: EntityListResource): EntityPageResource {
  const rows = answer.data;
  const { lo, hi } = window.slice(rows.length);
  const { before, after, total } = answer.paging;
  const cursorAt = (u: number): EntityCursor => ({
    f: before ? { a: before, s: u } : { a: null, s: u + 1 },
    // Without an `after`, the answer ends the list: its rows' places count from the end (`total`).
    b: after ? { b: after, s: rows.length - 1 - u } : { b: null, s: before ? (total ?? rows.length) - rows.length + u : u },
  });
  const nodes = rows.slice(lo, hi);
  return {
    nodes,
    cursors: nodes.map((_node, i) => encodeOpaqueCursor(cursorTag(kind), cursorAt(lo + i))),
    hasPreviousPage: window.beside === "after" || lo > 0 || Boolean(before),
    hasNextPage: window.beside === "before" || hi < rows.length || Boolean(after),
    totalCount: total ?? null,
  };
}

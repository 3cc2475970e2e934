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

import { WmlHttpError } from "./errors.js";

/** Default page size of WML collections (docs/upstream/wml.md §3.3). */
export const DEFAULT_LIMIT = 100;

/** Largest page size WML accepts; IBM's clients refuse more (docs/upstream/wml.md §3.3, §9 item 14). */
export const MAX_LIMIT = 200;

/** One page of a collection plus the `start` token of the page after it, if any. */
export interface Page<T> {
  items: T[];
  limit: number;
  nextStart: string | undefined;
}

/** Reads `limit`: default 100, an integer 1..200, 400 otherwise (docs/upstream/wml.md §3.3, §11 item 6). */
export function parseLimit(query: URLSearchParams): number {
  const raw = query.get("limit");
  if (raw === null || raw === "") return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) {
    throw new WmlHttpError(400, "invalid_query_parameter", `Invalid query parameter 'limit': expected an integer between 1 and ${MAX_LIMIT}, got '${raw}'.`);
  }
  return Number(raw);
}

/** Encodes an offset as the opaque base64 `start` token (docs/upstream/wml.md §3.3). */
export function encodeStart(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");
}

/** Decodes a `start` token; anything this server did not write is a 400 (docs/upstream/wml.md §3.3). */
export function decodeStart(query: URLSearchParams): number {
  const raw = query.get("start");
  if (raw === null || raw === "") return 0;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof parsed.offset === "number" && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through to the refusal below
  }
  throw new WmlHttpError(400, "invalid_query_parameter", `Invalid query parameter 'start': '${raw}' is not a start token issued by this service.`);
}

/** Cuts one page out of an ordered list by `limit` and `start` (docs/upstream/wml.md §3.3). */
export function paginate<T>(all: readonly T[], query: URLSearchParams): Page<T> {
  const limit = parseLimit(query);
  const offset = decodeStart(query);
  const items = all.slice(offset, offset + limit);
  return { items, limit, nextStart: offset + limit < all.length ? encodeStart(offset + limit) : undefined };
}

/**
 * A relative collection href without `version`, as observed (docs/upstream/wml.md §3.3 [R S4]): the
 * container first, then the given filters, then `limit` and, for `next`, `start`.
 */
export function collectionHref(path: string, params: ReadonlyArray<[string, string]>, limit: number, start?: string): { href: string } {
  const search = new URLSearchParams(params.map(([k, v]) => [k, v]));
  search.set("limit", String(limit));
  if (start !== undefined) search.set("start", start);
  return { href: `${path}?${search.toString()}` };
}

/** `tag.value`: one tag, or several joined with ` or ` / ` and ` (docs/upstream/wml.md §4.4, §5.3). */
export function matchesTags(tags: readonly string[], expression: string): boolean {
  if (expression.includes(" and ")) return expression.split(" and ").every((t) => tags.includes(t.trim()));
  return expression.split(" or ").some((t) => tags.includes(t.trim()));
}

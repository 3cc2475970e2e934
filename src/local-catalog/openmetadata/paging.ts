import { badRequest, constraintViolations, jerseyNotFound } from "./errors.js";

/** The boundary row a list cursor points at; lists are ordered by name, then id. */
export interface Cursor {
  name: string;
  id: string;
}

/** Encodes a cursor as the newer servers do: base64url of `{"name":…,"id":…}` (docs/upstream/openmetadata.md §3.1). */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ name: cursor.name, id: cursor.id }), "utf8").toString("base64url");
}

/** Decodes a cursor from {@link encodeCursor}; anything else is a 400 (`BadCursorException`). */
export function decodeCursor(raw: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (typeof value === "object" && value !== null && typeof (value as Cursor).name === "string" && typeof (value as Cursor).id === "string") {
      return { name: (value as Cursor).name, id: (value as Cursor).id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest(`Invalid cursor ${raw}`);
}

/** `limit`: integer, default 10, 0..1000000 with the bean-validation texts; a non-integer fails conversion (404). */
export function parseLimit(raw: string | null): number {
  if (raw === null || raw === "") return 10;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw jerseyNotFound();
  const limit = Number(raw.trim());
  if (limit < 0) throw constraintViolations(["query param limit must be greater than or equal to 0"]);
  if (limit > 1_000_000) throw constraintViolations(["query param limit must be less than or equal to 1000000"]);
  return limit;
}

/** The page window: at most one of `before`/`after` (§3.1). */
export function parseCursors(query: URLSearchParams): { before?: Cursor; after?: Cursor } {
  const before = query.get("before");
  const after = query.get("after");
  if (before !== null && after !== null) throw badRequest("Only one of before or after query parameter allowed");
  return {
    ...(before !== null ? { before: decodeCursor(before) } : {}),
    ...(after !== null ? { after: decodeCursor(after) } : {}),
  };
}

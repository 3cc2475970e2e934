import { badInput } from "../../errors.js";
import { isPlainObject } from "../../plain-object.js";
import { MAX_PAGE_SIZE } from "../../graphql/paging.js";

/**
 * Where a page of `catalogServices` resumes: in the list of one service kind, at the upstream page that
 * `after` (the upstream's own cursor; null for the first page) answers, past its first `offset` services.
 */
export interface CatalogPosition {
  readonly kind: string;
  readonly after: string | null;
  readonly offset: number;
}

/** The position as an opaque cursor: base64url of its JSON. */
export function encodeCatalogCursor(position: CatalogPosition): string {
  return Buffer.from(JSON.stringify({ kind: position.kind, after: position.after, offset: position.offset }), "utf8").toString("base64url");
}

/**
 * The position a cursor names, for a page over `kinds` (the `ServiceKind` values asked). Anything that
 * is not a cursor of such a page is BAD_USER_INPUT naming `after`.
 */
export function decodeCatalogCursor(cursor: string, kinds: readonly string[]): CatalogPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const valid =
    isPlainObject(value) &&
    typeof value.kind === "string" &&
    (value.after === null || (typeof value.after === "string" && value.after !== "")) &&
    Number.isInteger(value.offset) &&
    (value.offset as number) >= 0 &&
    (value.offset as number) <= MAX_PAGE_SIZE;
  if (!valid) throw badInput("after", "not a cursor of catalogServices");
  const position = value as unknown as CatalogPosition;
  if (!kinds.includes(position.kind)) throw badInput("after", `the cursor resumes in ${position.kind} services, which are not among the kinds asked`);
  return { kind: position.kind, after: position.after, offset: position.offset };
}

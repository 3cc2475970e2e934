import { badInput } from "../../errors.js";
import { decodeOpaqueCursor, encodeOpaqueCursor, type PageRequest } from "../../graphql/paging.js";
import { isPlainObject } from "../../plain-object.js";

/**
 * An edge of `catalogServices`: its service kind (`ServiceKind` value), the edge's cursor in that kind's
 * own connection (src/openmetadata/entity/paging.ts, which reads on from it in either direction with one
 * upstream call), and whether it is the kind's last service, so that a forward page starts the next
 * kind's list without asking this one again.
 */
export interface CatalogPosition {
  readonly kind: string;
  readonly cursor: string;
  readonly last: boolean;
}

const TAG = "catalogServices";

/** The position as an opaque cursor. */
export function encodeCatalogCursor(position: CatalogPosition): string {
  return encodeOpaqueCursor(TAG, { k: position.kind, c: position.cursor, e: position.last });
}

function isPayload(value: unknown): value is { k: string; c: string; e: boolean } {
  return isPlainObject(value) && typeof value.k === "string" && typeof value.c === "string" && value.c !== "" && typeof value.e === "boolean";
}

/**
 * The position the request's cursor names, for a page over `kinds` (the `ServiceKind` values asked).
 * Anything that is not a cursor of such a page is BAD_USER_INPUT naming the argument it came in.
 */
export function decodeCatalogCursor(cursor: NonNullable<PageRequest["cursor"]>, kinds: readonly string[]): CatalogPosition {
  const payload = decodeOpaqueCursor(cursor, TAG, isPayload);
  if (!kinds.includes(payload.k)) throw badInput(cursor.argument, `the cursor is in ${payload.k} services, which are not among the kinds asked`);
  return { kind: payload.k, cursor: payload.c, last: payload.e };
}

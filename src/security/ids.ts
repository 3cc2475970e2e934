import { badInput } from "../errors.js";

/** OpenMetadata's entity ids and WML's resource ids are UUIDs (docs/upstream/openmetadata.md §1.1, docs/upstream/wml.md §1). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Serving names: 1 to 36 characters from `[a-z0-9_]` (docs/upstream/wml.md §4.3, §9 item 8). */
export const SERVING_NAME_PATTERN = /^[a-z0-9_]{1,36}$/;

/** At most this much of a refused value is quoted back. */
const QUOTED = 60;

function quoted(value: string): string {
  return JSON.stringify(value.length > QUOTED ? `${value.slice(0, QUOTED)}…` : value);
}

/**
 * An id argument that becomes a path segment: a UUID, else a BAD_USER_INPUT naming `field`, before any
 * upstream call. So no id can be empty, `.` or `..` and reach another URL.
 */
export function idArgument(field: string, value: string): string {
  if (!UUID_PATTERN.test(value)) throw badInput(field, `expected an id (a UUID), got ${quoted(value)}`);
  return value;
}

/** A name argument that becomes a path segment: anything but blank (dots travel encoded, see `encodeSegment`). */
export function nameArgument(field: string, value: string): string {
  if (value.trim() === "") throw badInput(field, "must not be empty");
  return value;
}

/** A serving name argument: WML's pattern, else a BAD_USER_INPUT naming `field`. */
export function servingNameArgument(field: string, value: string): string {
  if (!SERVING_NAME_PATTERN.test(value)) throw badInput(field, `expected 1 to 36 characters from [a-z0-9_], got ${quoted(value)}`);
  return value;
}

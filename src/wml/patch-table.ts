import { isDeepStrictEqual } from "node:util";
import { badInput, ErrorCode, GatewayError, UpstreamError } from "../errors.js";

/** A JSON Patch operation as sent to WML: only `add`, `remove` and `replace` (docs/upstream/wml.md §4.6, §5.5). */
export interface PatchOperation {
  op: "add" | "remove" | "replace";
  path: string;
  value?: unknown;
}

/**
 * A revision number as WML writes it: a string of digits counted from "1" (docs/upstream/wml.md §1.5,
 * §5.6), so "0" and "01" name no revision and are refused before any call.
 */
const REV_PATTERN = /^[1-9]\d*$/;

/** A revision number (`REV_PATTERN`), or `latest` where the argument takes it; else BAD_USER_INPUT naming `field`. */
export function revisionArgument(field: string, rev: string, options: { latest?: boolean } = {}): string {
  if ((options.latest && rev === "latest") || REV_PATTERN.test(rev)) return rev;
  throw badInput(field, `expected ${options.latest ? '"latest" or ' : ""}a revision number from "1" as a string ("2"), got ${JSON.stringify(rev)}`);
}

/**
 * One patchable field of a WML resource: where its input lives, the JSON Pointer it patches, the ops the
 * service allows there (docs/upstream/wml.md §4.6.1, §5.5), and how to read the current value and build the
 * new one. Values are whole values: a list or object is replaced whole, never diffed.
 */
export interface FieldRule<R, I> {
  /** The input field name (also what errors name). */
  input: keyof I & string;
  path: string;
  /** The ops allowed at `path`; `remove` is what an explicit `null` becomes. */
  ops: ReadonlyArray<PatchOperation["op"]>;
  /** The current value; `undefined` (or what `isUnset` says) means "not set": a new value is then an `add`. */
  current(resource: R): unknown;
  /** Validates the input value and builds the wire value; throws a BAD_USER_INPUT naming the field. */
  value(input: unknown, resource: R): unknown;
  /** Whether a current value counts as not set (`custom: {}`); default: `undefined`. */
  isUnset?(current: unknown): boolean;
  /** Whether the new wire value changes nothing; default: deep equality with the current value. */
  unchanged?(current: unknown, next: unknown): boolean;
  /** Why `null` is refused where `remove` is not allowed. */
  noClear?: string;
}

/**
 * Turns an input into JSON Patch operations by a field table (pure): an omitted field gives no operation;
 * `null` gives `remove` where the path allows it and a BAD_USER_INPUT where not; a value equal to the
 * current one gives no operation; otherwise `replace` when the field is set, `add` when not (or
 * `replace` where the path allows only that). Returns one entry per field that changes, in table order.
 */
export function buildPatch<R, I extends object>(rules: ReadonlyArray<FieldRule<R, I>>, resource: R, input: I): Array<{ rule: FieldRule<R, I>; op: PatchOperation }> {
  const out: Array<{ rule: FieldRule<R, I>; op: PatchOperation }> = [];
  for (const rule of rules) {
    if (!Object.prototype.hasOwnProperty.call(input, rule.input)) continue;
    const given = (input as Record<string, unknown>)[rule.input];
    if (given === undefined) continue;
    const current = rule.current(resource);
    const unset = rule.isUnset ? rule.isUnset(current) : current === undefined;
    if (given === null) {
      if (!rule.ops.includes("remove")) throw badInput(rule.input, rule.noClear ?? `cannot be removed (WML allows ${rule.ops.join("/")} on ${rule.path}); leave it out to keep it`);
      if (!unset) out.push({ rule, op: { op: "remove", path: rule.path } });
      continue;
    }
    const next = rule.value(given, resource);
    const same = rule.unchanged ? rule.unchanged(current, next) : isDeepStrictEqual(current, next);
    if (same) continue;
    const op: PatchOperation["op"] = !unset || !rule.ops.includes("add") ? "replace" : "add";
    out.push({ rule, op: { op, path: rule.path, value: next } });
  }
  return out;
}

/** A non-empty string, else BAD_USER_INPUT naming `field`. */
export function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw badInput(field, `expected a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/** A string (possibly empty), else BAD_USER_INPUT naming `field`. */
export function stringValue(field: string, value: unknown): string {
  if (typeof value !== "string") throw badInput(field, `expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** A list of non-empty strings, else BAD_USER_INPUT naming `field`. */
export function stringList(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && v.trim() !== "")) {
    throw badInput(field, `expected a list of non-empty strings, got ${JSON.stringify(value)}`);
  }
  return [...(value as string[])];
}

/** A JSON object, else BAD_USER_INPUT naming `field`. */
export function jsonObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badInput(field, `expected a JSON object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** Whether an object is absent or empty (`custom: {}` is WML's "unset", docs/upstream/wml.md §4.1). */
export function isEmptyObject(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0);
}

/** A software or hardware specification reference as WML writes it: by id or by name (docs/upstream/wml.md §3.2). */
export interface SpecReference {
  id?: string;
  name?: string;
}

/** Whether `wanted` names the `current` specification: by id when it gives one, else by name; true when it gives neither. */
export function sameSpec(current: SpecReference, wanted: SpecReference): boolean {
  return wanted.id !== undefined ? current.id === wanted.id : wanted.name !== undefined ? current.name === wanted.name : true;
}

/**
 * Runs a pure input check whose errors name fields inside an input object (`servingName`, `asset.rev`)
 * and reports them by their path from the argument (`input.servingName`), as `extensions.field` promises.
 */
export function underArgument<T>(argument: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof GatewayError) || error.code !== ErrorCode.BAD_USER_INPUT || typeof error.extensions.field !== "string") throw error;
    const field = error.extensions.field;
    const message = error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
    throw badInput(`${argument}.${field}`, message);
  }
}

/**
 * Sends a write whose refusal as bad input (WML's 400) is about one argument, and names it: the
 * BAD_USER_INPUT then carries `extensions.field` beside the upstream's own answer (`extensions.upstream`).
 */
export async function blamingArgument<T>(argument: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UpstreamError && error.code === ErrorCode.BAD_USER_INPUT) throw new GatewayError(error.code, `${argument}: ${error.message}`, { field: argument }, error);
    throw error;
  }
}

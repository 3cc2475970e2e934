import { isPlainObject } from "../plain-object.js";
import { invalidEntity } from "./errors.js";
import { rejectTags } from "./guard.js";

/** One RFC 6902 operation as received by a deployment or model PATCH. */
export interface PatchOperation {
  op: string;
  path: string;
  value?: unknown;
}

/** A PATCH body must be a non-empty JSON Patch array (docs/upstream/wml.md §4.6, §5.5). */
export function patchArray(body: unknown): unknown[] {
  if (!Array.isArray(body) || body.length === 0) throw invalidEntity("the request body must be a non-empty JSON Patch array.");
  return body;
}

/** One item of a PATCH body: `op` and `path` strings, `value` as given. */
export function toOperation(raw: unknown): PatchOperation {
  if (!isPlainObject(raw) || typeof raw.op !== "string" || typeof raw.path !== "string") {
    throw invalidEntity("every patch operation needs 'op' and 'path' strings.");
  }
  return { op: raw.op, path: raw.path, value: raw.value };
}

/** Refuses an op the path does not take, naming the ones it does. */
export function allow(o: PatchOperation, ops: readonly string[]): void {
  if (!ops.includes(o.op)) throw invalidEntity(`patch path '${o.path}' supports only ${ops.join(", ")}; got '${o.op}'.`);
}

/** A string value, not HTML (docs/upstream/wml.md §6.2). */
export function stringValue(o: PatchOperation): string {
  if (typeof o.value !== "string") throw invalidEntity(`the value of '${o.path}' must be a string.`);
  rejectTags(o.value);
  return o.value;
}

/** An array of strings, none HTML; answered as a copy. */
export function stringArray(o: PatchOperation): string[] {
  if (!Array.isArray(o.value) || !o.value.every((t) => typeof t === "string")) throw invalidEntity(`the value of '${o.path}' must be an array of strings.`);
  rejectTags(o.value);
  return [...(o.value as string[])];
}

/** A JSON object value. */
export function objectValue(o: PatchOperation): Record<string, unknown> {
  if (!isPlainObject(o.value)) throw invalidEntity(`the value of '${o.path}' must be an object.`);
  return o.value;
}

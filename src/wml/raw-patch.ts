import { badInput } from "../errors.js";
import type { PatchOperation } from "./patch-table.js";

/** One patchable path of a WML resource and the ops the service allows there (docs/upstream/wml.md §4.6.1, §5.5). */
export interface PatchablePath {
  path: string;
  ops: ReadonlyArray<PatchOperation["op"]>;
  /** The operation must be the only one of its PATCH (`/asset`, and the changes that restart a deployment). */
  alone?: boolean;
}

/** A raw operation as `JsonPatchOperationInput` delivers it. */
export interface RawOperation {
  op: string;
  path: string;
  from?: string | null;
  value?: unknown;
}

/**
 * Checks raw JSON Patch operations against a resource's patchable paths before anything is sent (pure):
 * at least one operation; each `op` one of the ops its path allows (only `add`, `remove`, `replace` ever;
 * docs/upstream/wml.md §4.6); a value for `add`/`replace` and none for `remove`; no `from`; an operation marked
 * `alone` with no other in the PATCH (§4.6.2). Each refusal is a BAD_USER_INPUT naming `operations[i]…`.
 */
export function toRawPatch(operations: readonly RawOperation[], table: readonly PatchablePath[]): PatchOperation[] {
  if (operations.length === 0) throw badInput("operations", "give at least one operation");
  const out = operations.map((operation, index): PatchOperation => {
    const at = `operations[${index}]`;
    const rule = table.find((r) => r.path === operation.path);
    if (!rule) throw badInput(`${at}.path`, `${JSON.stringify(operation.path)} is not patchable; patchable paths: ${table.map((r) => r.path).join(", ")}`);
    if (!(rule.ops as readonly string[]).includes(operation.op)) throw badInput(`${at}.op`, `${rule.path} allows ${rule.ops.join("/")}, got ${JSON.stringify(operation.op)}`);
    if (operation.from != null) throw badInput(`${at}.from`, "only add, remove and replace are sent, which take no from");
    const op = operation.op as PatchOperation["op"];
    if (op === "remove") {
      if (operation.value !== undefined && operation.value !== null) throw badInput(`${at}.value`, "remove takes no value");
      return { op, path: rule.path };
    }
    if (operation.value === undefined || operation.value === null) throw badInput(`${at}.value`, `${op} needs a value`);
    return { op, path: rule.path, value: operation.value };
  });
  const alone = out.findIndex((o) => table.find((r) => r.path === o.path)?.alone);
  if (alone >= 0 && out.length > 1) {
    throw badInput(`operations[${alone}].path`, `${out[alone].path} must be the only operation of its PATCH (it restarts the deployment); send the other operations separately`);
  }
  return out;
}

import jsonpatch from "fast-json-patch";
import { badInput } from "../../errors.js";
import { isPlainObject } from "../../plain-object.js";
import type { EntityKind } from "./kind.js";
import type { PatchOperation } from "./patch.js";
import type { ReferenceInput } from "./references.js";

const { validate: validatePatch } = jsonpatch;

/** One raw operation of `patch…`, as GraphQL hands it over. */
export interface PatchOperationInput {
  op: string;
  path: string;
  from?: string | null;
  value?: unknown;
}

/** Owners are users or teams (docs/upstream/openmetadata.md §2.2). */
const OWNER_TYPES = new Set(["user", "team"]);

const NAME_MAX_LENGTH = 256;

/** Entity names: 1..256 characters, no `::` (§8.2); the upstream's bean-validation words. */
function checkName(kind: EntityKind, name: string, field: string): void {
  const violations: string[] = [];
  if (name.length < 1 || name.length > NAME_MAX_LENGTH) violations.push(`size must be between 1 and ${NAME_MAX_LENGTH}`);
  if (name.includes("::") || /[\n\r\u2028\u2029\u0085]/.test(name)) violations.push('must match "^((?!::).)*$"');
  if (violations.length > 0) {
    throw badInput(field, `a ${kind.noun} name ${violations.join(" and ")}, got ${JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name)}`);
  }
}

/**
 * The fields of an input whose value is a keyed object merged key by key (a service's `connection`, an
 * asset's `extension`): an object; a config never in the REST shape `{config: {…}}` (the field is the
 * config object itself); on an update, `null` only where the field may be cleared. What the object holds
 * is the upstream's to check (its 400 is the caller's error).
 */
function checkKeyedObjects(kind: EntityKind, input: Record<string, unknown>, prefix: string, update: boolean): void {
  for (const field of kind.patchFields) {
    if (field.shape !== "keyed-object") continue;
    const value = input[field.name];
    const at = `${prefix}.${field.name}`;
    if (value === undefined || (value === null && (!update || !field.required))) continue;
    if (value === null) throw badInput(at, `a ${kind.noun}'s ${field.name} cannot be cleared (null); give the keys to change`);
    const config = field.members !== "whole";
    if (!isPlainObject(value)) throw badInput(at, `must be an object${config ? ` (the ${field.name}'s config)` : ""}, got ${Array.isArray(value) ? "an array" : `a ${typeof value}`}`);
    const keys = Object.keys(value);
    if (config && keys.length === 1 && keys[0] === "config" && isPlainObject(value.config)) {
      throw badInput(at, `${field.name} is the config object itself, not {config: {…}}: send the members of config directly`);
    }
  }
}

function checkReferences(input: Record<string, unknown>, prefix: string): void {
  (input.owners as ReferenceInput[] | null | undefined)?.forEach((owner, index) => {
    const hasId = owner.id !== undefined && owner.id !== null;
    const hasName = owner.name !== undefined && owner.name !== null;
    if (hasId === hasName) throw badInput(`${prefix}.owners[${index}]`, "give exactly one of id and name");
    if (hasId && !owner.id!.trim()) throw badInput(`${prefix}.owners[${index}].id`, "must not be empty");
    if (hasName && !owner.name!.trim()) throw badInput(`${prefix}.owners[${index}].name`, "must not be empty");
    if (!OWNER_TYPES.has(owner.type)) throw badInput(`${prefix}.owners[${index}].type`, `an owner is a user or a team, got ${JSON.stringify(owner.type)}`);
  });
  (input.tags as Array<{ tagFQN: string }> | null | undefined)?.forEach((tag, index) => {
    if (!tag.tagFQN.trim()) throw badInput(`${prefix}.tags[${index}].tagFQN`, "must not be empty");
  });
  for (const list of ["domains", "dataProducts"]) {
    (input[list] as string[] | null | undefined)?.forEach((fqn, index) => {
      if (!fqn.trim()) throw badInput(`${prefix}.${list}[${index}]`, "a fully qualified name must not be empty");
    });
  }
}

/** Everything about a create input that can be known before any upstream call (§2.2, §7.4, §8.2). */
export function checkCreateInput(kind: EntityKind, input: Record<string, unknown>, prefix = "input"): void {
  checkName(kind, input.name as string, `${prefix}.name`);
  checkKeyedObjects(kind, input, prefix, false);
  checkReferences(input, prefix);
}

/** Shapes of an update input, before anything is read or sent. */
export function checkUpdateInput(kind: EntityKind, input: Record<string, unknown>, prefix = "input"): void {
  checkKeyedObjects(kind, input, prefix, true);
  checkReferences(input, prefix);
}

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/**
 * Top-level members the server sets itself and silently restores or drops on PATCH (§7.1, §12.5), so a
 * write to them would be a fake success; `deleted` has its own mutations (delete…, restore…; §12.6).
 */
const PROTECTED = new Map<string, string>([
  ["id", "the id is set by the server and cannot change"],
  ["name", "an entity cannot be renamed"],
  ["fullyQualifiedName", "the fully qualified name is derived from the name and cannot change"],
  ["version", "the version is computed by the server"],
  ["updatedAt", "updatedAt is set by the server"],
  ["updatedBy", "updatedBy is set by the server"],
  ["impersonatedBy", "impersonatedBy is set by the server"],
  ["changeDescription", "the change description is computed by the server"],
  ["incrementalChangeDescription", "the change description is computed by the server"],
  ["serviceType", "the service type cannot change"],
  ["service", "an entity cannot move to another service"],
  ["deleted", "use the delete and restore mutations"],
]);

const POINTER = /^(\/([^~/]|~[01])*)*$/;

function protectedReason(pointer: string): string | undefined {
  if (pointer === "") return "an operation on the whole document would replace server-set members";
  const tokens = pointer.split("/").slice(1);
  const top = PROTECTED.get(tokens[0].replace(/~1/g, "/").replace(/~0/g, "~"));
  if (top) return top;
  if (tokens[tokens.length - 1].endsWith("href")) return "href members are computed by the server, which drops operations on them";
  return undefined;
}

/**
 * Why a pointer cannot be removed (or moved away) where `update…` refuses to clear it: a required field,
 * or a keyed object (a service's `connection`) and what holds it. Undefined when it can.
 */
function unclearableReason(kind: EntityKind, pointer: string): string | undefined {
  for (const field of kind.patchFields) {
    if (field.shape === "keyed-object" && field.required && (pointer === field.path || field.path.startsWith(`${pointer}/`))) {
      return `a ${kind.noun}'s ${field.name} cannot be cleared; give the keys to change`;
    }
    if (field.required && pointer === field.path) return `a ${kind.noun}'s ${field.name} is required and cannot be cleared`;
  }
  return undefined;
}

/**
 * A value `add`/`replace` writes where `update…` has rules: never null where a field cannot be cleared,
 * and a keyed object (`/connection/config`, or `{config: {…}}` at `/connection`) is an object. What the
 * value was is not quoted: it may be a secret in the wrong place.
 */
function checkWrittenValue(kind: EntityKind, path: string, value: unknown, at: string): void {
  const reason = unclearableReason(kind, path);
  if (!reason) return;
  if (value === null) throw badInput(at, `${JSON.stringify(path)} cannot be null: ${reason}`);
  const field = kind.patchFields.find((f) => f.shape === "keyed-object" && f.required && (path === f.path || f.path.startsWith(`${path}/`)));
  if (!field) return;
  let member: unknown = value;
  for (const key of field.path.slice(path.length + 1).split("/").filter(Boolean)) member = isPlainObject(member) ? member[key] : undefined;
  if (!isPlainObject(member)) throw badInput(at, `${JSON.stringify(path)} takes an object (the ${field.name}'s config${path === field.path ? "" : ` under ${field.path.slice(path.length)}`}), got ${Array.isArray(value) ? "an array" : `a ${typeof value}`}`);
}

/**
 * Raw operations of `patch…`, checked before anything is sent (RFC 6902 §4; §6.3, §7.1): known op
 * names, JSON Pointer syntax, `from` for move/copy, `value` for add/replace/test; writes to members the
 * server ignores or guards are a BAD_USER_INPUT naming the path (`test` may read any of them). Returns
 * the operations exactly as they will be sent.
 */
export function checkPatchOperations(operations: readonly PatchOperationInput[], prefix = "operations", kind?: EntityKind): PatchOperation[] {
  if (operations.length === 0) throw badInput(prefix, "give at least one operation");
  const out = operations.map((operation, index): PatchOperation => {
    const at = `${prefix}[${index}]`;
    const { op, path } = operation;
    if (!OPS.has(op)) throw badInput(`${at}.op`, `must be one of add, remove, replace, move, copy, test; got ${JSON.stringify(op)}`);
    if (!POINTER.test(path)) throw badInput(`${at}.path`, `must be a JSON Pointer (empty, or "/" segments with ~0 and ~1 escapes), got ${JSON.stringify(path)}`);
    if (op !== "test") {
      const reason = protectedReason(path);
      if (reason) throw badInput(`${at}.path`, `${JSON.stringify(path)} cannot be patched: ${reason}`);
    }
    switch (op) {
      case "move":
      case "copy": {
        const from = operation.from;
        if (from === undefined || from === null) throw badInput(`${at}.from`, `is required for ${op}`);
        if (!POINTER.test(from)) throw badInput(`${at}.from`, `must be a JSON Pointer, got ${JSON.stringify(from)}`);
        if (op === "move") {
          const reason = protectedReason(from) ?? (kind && unclearableReason(kind, from));
          if (reason) throw badInput(`${at}.from`, `${JSON.stringify(from)} cannot be moved: ${reason}`);
          if (path.startsWith(`${from}/`)) throw badInput(`${at}.from`, `${JSON.stringify(from)} cannot be moved into its own member ${JSON.stringify(path)} (RFC 6902 §4.4)`);
        }
        return { op, path, from };
      }
      case "remove": {
        const reason = kind && unclearableReason(kind, path);
        if (reason) throw badInput(`${at}.path`, `${JSON.stringify(path)} cannot be removed: ${reason}`);
        return { op, path };
      }
      default:
        if (operation.value === undefined) throw badInput(`${at}.value`, `is required for ${op}`);
        if (op !== "test" && kind) checkWrittenValue(kind, path, operation.value, `${at}.value`);
        return { op: op as "add" | "replace" | "test", path, value: operation.value };
    }
  });
  const error = validatePatch(out);
  if (error) {
    const index = typeof error.index === "number" ? error.index : 0;
    throw badInput(`${prefix}[${index}]`, `not a valid JSON Patch operation: ${error.message.split("\n")[0]}`);
  }
  return out;
}

import jsonpatch from "fast-json-patch";
import { badInput } from "../../errors.js";
import type { ServiceKind } from "./kinds.js";
import type { PatchOperation } from "./patch.js";
import { isPlainObject } from "../../plain-object.js";
import { checkConnection, entityNameViolations, serviceTypesOf } from "./service-types.js";

const { validate: validatePatch } = jsonpatch;

/** The input of `update…` as GraphQL hands it over: `undefined` leaves a field, `null` clears it. */
export interface UpdateServiceInput {
  description?: string | null;
  displayName?: string | null;
  connection?: unknown;
  owners?: ReadonlyArray<{ id: string; type: string }> | null;
  tags?: ReadonlyArray<{ tagFQN: string; source?: string | null; labelType?: string | null; state?: string | null }> | null;
  domains?: readonly string[] | null;
}

/**
 * The input of `create…` and `createOrUpdate…` as GraphQL hands it over (both kinds): the fields an
 * update may change, plus the name, type and schedule given at creation.
 */
export interface CreateServiceInput extends UpdateServiceInput {
  name: string;
  serviceType: string;
  scheduleInterval?: string | null;
}

/** One raw operation of `patch…`, as GraphQL hands it over. */
export interface PatchOperationInput {
  op: string;
  path: string;
  from?: string | null;
  value?: unknown;
}

/** Owners are users or teams (openmetadata-contract.md §2.2). */
const OWNER_TYPES = new Set(["user", "team"]);

/** Entity names: 1..256 characters, no `::` (§8.2). */
function checkServiceName(name: string, field: string): void {
  const violations = entityNameViolations(name);
  if (violations.length > 0) throw badInput(field, `a service name ${violations.join(" and ")}, got ${JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name)}`);
}

/** The service type must be one of the kind's own (§2.1). */
function checkServiceType(kind: ServiceKind, serviceType: string, field: string): void {
  const allowed = serviceTypesOf(kind.entityType);
  if (!allowed.includes(serviceType)) throw badInput(field, `must be one of ${allowed.join(", ")} for a ${kind.entityType}, got ${JSON.stringify(serviceType)}`);
}

/**
 * A `connection.config` against the project's definition of `serviceType` (§2.3, §7.3, §12.17):
 * required keys, JSON types, no unknown keys, `type` equal to `serviceType`. The first problem is the
 * error's field; the message lists them all. `field` names the input's `connection` (the config itself).
 */
export function checkConnectionConfig(serviceType: string, config: unknown, field: string): void {
  if (!isPlainObject(config)) throw badInput(field, `must be the connection.config object of a ${serviceType} service, got ${JSON.stringify(config)}`);
  const problems = checkConnection(serviceType, { config });
  if (problems.length === 0) return;
  const inputPath = (path: string) => path.replace(/^connection\.config/, field);
  const messages = problems.map((p) => p.message.replaceAll("connection.config", "connection"));
  throw badInput(inputPath(problems[0].path), messages.join("; "));
}

function checkReferences(
  owners: UpdateServiceInput["owners"],
  tags: UpdateServiceInput["tags"],
  domains: UpdateServiceInput["domains"],
  prefix: string,
): void {
  owners?.forEach((owner, index) => {
    if (!owner.id.trim()) throw badInput(`${prefix}.owners[${index}].id`, "must not be empty");
    if (!OWNER_TYPES.has(owner.type)) throw badInput(`${prefix}.owners[${index}].type`, `an owner is a user or a team, got ${JSON.stringify(owner.type)}`);
  });
  tags?.forEach((tag, index) => {
    if (!tag.tagFQN.trim()) throw badInput(`${prefix}.tags[${index}].tagFQN`, "must not be empty");
  });
  domains?.forEach((domain, index) => {
    if (!domain.trim()) throw badInput(`${prefix}.domains[${index}]`, "a domain fully qualified name must not be empty");
  });
}

/** Everything about a create input that can be known before any upstream call (§2.2, §7.4, §8.2). */
export function checkCreateInput(kind: ServiceKind, input: CreateServiceInput, prefix = "input"): void {
  checkServiceName(input.name, `${prefix}.name`);
  checkServiceType(kind, input.serviceType, `${prefix}.serviceType`);
  if (input.connection !== undefined && input.connection !== null) {
    checkConnectionConfig(input.serviceType, withType(input.serviceType, input.connection), `${prefix}.connection`);
  }
  checkReferences(input.owners, input.tags, input.domains, prefix);
}

/** Shapes of an update input; the connection is checked once merged with the stored one (writes.ts). */
export function checkUpdateInput(input: UpdateServiceInput, prefix = "input"): void {
  if (input.connection === null) throw badInput(`${prefix}.connection`, "a service's connection cannot be cleared (null); give the connection.config to keep");
  if (input.connection !== undefined && !isPlainObject(input.connection)) {
    throw badInput(`${prefix}.connection`, `must be the connection.config object, got ${JSON.stringify(input.connection)}`);
  }
  checkReferences(input.owners, input.tags, input.domains, prefix);
}

/** The config with `type` filled in from the service type when the client left it out (its schema default). */
export function withType(serviceType: string, config: unknown): unknown {
  return isPlainObject(config) && config.type === undefined ? { type: serviceType, ...config } : config;
}

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/**
 * Top-level members the server sets itself and silently restores or drops on PATCH (§7.1, §12.5), so a
 * write to them would be a fake success; `deleted` has its own mutations (delete…, restore…; §12.6).
 */
const PROTECTED = new Map<string, string>([
  ["id", "the id is set by the server and cannot change"],
  ["name", "a service cannot be renamed"],
  ["fullyQualifiedName", "the fully qualified name is derived from the name and cannot change"],
  ["version", "the version is computed by the server"],
  ["updatedAt", "updatedAt is set by the server"],
  ["updatedBy", "updatedBy is set by the server"],
  ["impersonatedBy", "impersonatedBy is set by the server"],
  ["changeDescription", "the change description is computed by the server"],
  ["incrementalChangeDescription", "the change description is computed by the server"],
  ["serviceType", "a service's type cannot change"],
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
 * Raw operations of `patch…`, checked before anything is sent (RFC 6902 §4; §6.3, §7.1): known op
 * names, JSON Pointer syntax, `from` for move/copy, `value` for add/replace/test; writes to members the
 * server ignores or guards are a BAD_USER_INPUT naming the path (`test` may read any of them). Returns
 * the operations exactly as they will be sent.
 */
export function checkPatchOperations(operations: readonly PatchOperationInput[], prefix = "operations"): PatchOperation[] {
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
          const reason = protectedReason(from);
          if (reason) throw badInput(`${at}.from`, `${JSON.stringify(from)} cannot be moved: ${reason}`);
        }
        return { op, path, from };
      }
      case "remove":
        return { op, path };
      default:
        if (operation.value === undefined) throw badInput(`${at}.value`, `is required for ${op}`);
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

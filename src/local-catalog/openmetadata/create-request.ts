import { isPlainObject } from "../plain-object.js";
import type { KindRules } from "./entity-repository.js";
import { badRequest, constraintViolations, invalidRequestFormat } from "./errors.js";
import type { EntityKind } from "./kinds.js";
import { entityNameViolations } from "./names.js";

/** The `entityStatus` values (`type/entityStatus.json`). */
export const ENTITY_STATUSES = new Set(["Draft", "In Review", "Approved", "Deprecated", "Rejected"]);

/** A create request: the common keys read by the repository, the kind's own as its rules read them. */
export interface CreateRequest {
  name: string;
  displayName?: string;
  description?: string;
  tags?: unknown;
  owners?: unknown;
  dataProducts?: unknown;
  domains?: unknown;
  entityStatus?: string;
  extension?: Record<string, unknown>;
  lifeCycle?: Record<string, unknown>;
  own: Record<string, unknown>;
}

/**
 * Reads a create request as Jackson and bean validation would (§2.2, §4.2, §7.4): unknown keys and
 * wrong types → `Invalid request format`; then `[name must not be null]`, name size / pattern, and the
 * kind's own required keys. A PUT carrying `deleted: true` is refused (§3.5).
 */
export function parseCreateRequest(kind: EntityKind, rules: KindRules, body: unknown, method: "POST" | "PUT"): CreateRequest {
  if (!isPlainObject(body)) throw invalidRequestFormat();
  for (const key of Object.keys(body)) {
    if (key === "deleted" && method === "PUT") {
      if (body.deleted === true) throw badRequest(`${kind.entityType} attribute deleted can't be modified`);
      continue;
    }
    if (!kind.createKeys.has(key)) throw invalidRequestFormat();
  }
  const text = (key: string) => optionalString(body, key);
  const name = text("name");
  const entityStatus = text("entityStatus");
  if (entityStatus !== undefined && !ENTITY_STATUSES.has(entityStatus)) throw invalidRequestFormat();
  for (const key of ["extension", "lifeCycle"]) {
    if (body[key] !== undefined && body[key] !== null && !isPlainObject(body[key])) throw invalidRequestFormat();
  }
  for (const key of ["tags", "owners", "dataProducts", "domains"]) {
    const value = body[key];
    if (value !== undefined && value !== null && !Array.isArray(value)) throw invalidRequestFormat();
    if ((key === "dataProducts" || key === "domains") && Array.isArray(value) && value.some((v) => typeof v !== "string")) throw invalidRequestFormat();
  }
  const violations: string[] = [];
  if (name === undefined) violations.push("name must not be null");
  else violations.push(...entityNameViolations(name).map((v) => `name ${v}`));
  const own = rules.parseOwn(body, violations);
  if (violations.length > 0) throw constraintViolations(violations);
  return {
    name: name as string,
    displayName: text("displayName"),
    description: text("description"),
    tags: body.tags ?? undefined,
    owners: body.owners ?? undefined,
    dataProducts: body.dataProducts ?? undefined,
    domains: body.domains ?? undefined,
    entityStatus,
    extension: (body.extension ?? undefined) as Record<string, unknown> | undefined,
    lifeCycle: (body.lifeCycle ?? undefined) as Record<string, unknown> | undefined,
    own,
  };
}

/** A string key of a request body; any other JSON type is a mapping error. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value !== undefined && value !== null && typeof value !== "string") throw invalidRequestFormat();
  return (value ?? undefined) as string | undefined;
}

/** Sets an optional key, or removes it for `undefined`. */
export function setOptional<T extends object>(target: T, key: keyof T & string, value: unknown): void {
  if (value === undefined) delete target[key];
  else (target as Record<string, unknown>)[key] = value;
}


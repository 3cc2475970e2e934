import { isPlainObject } from "../plain-object.js";
import { checkObject, fillObject, type ConnectionProblem, type ObjectSpec } from "./connection-spec.js";
import { badRequest } from "./errors.js";
import { unmaskConfig } from "./masking.js";
import type { ServiceEntity } from "./types.js";

/**
 * Validates an incoming `connection` for a service type against its connector definition (undefined: a
 * connector the catalog does not describe, so any object whose `type` is the service type), puts stored
 * secrets back where the caller sent the mask, and fills in schema defaults (docs/upstream/openmetadata.md
 * §2.3, §1.3, §7.3). Errors use the
 * server's texts: an unrecognized field → `Failed to encrypt '<Type>' connection before storing in DB
 * due to an unrecognized field: '<key>'`; anything else → `InvalidServiceConnectionException for service
 * [<Type>] due to [<problem>].`
 */
export function prepareConnection(
  serviceType: string,
  definition: ObjectSpec | undefined,
  incoming: unknown,
  stored: ServiceEntity["connection"],
): NonNullable<ServiceEntity["connection"]> {
  const problems = checkConnection(serviceType, definition, incoming);
  const mismatch = problems.find((p) => p.path === "connection.config.type" || p.path === "connection" || p.path === "connection.config");
  const unknown = problems.find((p) => p.kind === "unknown");
  if (!mismatch && unknown) {
    const key = unknown.path.slice(unknown.path.lastIndexOf(".") + 1);
    throw badRequest(`Failed to encrypt '${serviceType}' connection before storing in DB due to an unrecognized field: '${key}'`);
  }
  const first = mismatch ?? problems[0];
  if (first) throw badRequest(`InvalidServiceConnectionException for service [${serviceType}] due to [${first.message}].`);
  const config = (incoming as { config?: Record<string, unknown> | null }).config;
  if (config === undefined || config === null) return {};
  return { config: withConnectionDefaults(serviceType, definition, unmaskConfig(serviceType, definition, config, stored?.config)) };
}

/**
 * Checks a service's `connection` (`{ config: {...} }`) against the connector definition of `serviceType`:
 * unknown keys, required keys, JSON types, and `config.type` equal to the service type (§2.3).
 */
export function checkConnection(serviceType: string, definition: ObjectSpec | undefined, connection: unknown): ConnectionProblem[] {
  if (!isPlainObject(connection)) return [{ path: "connection", kind: "type", message: "connection must be an object" }];
  const problems: ConnectionProblem[] = [];
  for (const key of Object.keys(connection)) {
    if (key !== "config") problems.push({ path: `connection.${key}`, kind: "unknown", message: `connection.${key} is not a known field of a ${serviceType} connection` });
  }
  const config = connection.config;
  if (config === undefined || config === null) return problems;
  if (!isPlainObject(config)) return [...problems, { path: "connection.config", kind: "type", message: "connection.config must be an object" }];
  if (config.type !== undefined && config.type !== serviceType) {
    problems.push({ path: "connection.config.type", kind: "type", message: `connection.config.type must be ${serviceType} (the serviceType), got ${JSON.stringify(config.type)}` });
  }
  if (!definition) return problems;
  // `type` defaults to the service type, so a required `type` is never missing.
  const { type: _type, ...rest } = config;
  problems.push(...checkObject({ ...definition, required: definition.required.filter((k) => k !== "type") }, rest, "connection.config", serviceType));
  return problems;
}

/** A copy of `config` with the schema defaults filled in (as the server materialises them, §2.3), known keys in schema order. */
export function withConnectionDefaults(serviceType: string, definition: ObjectSpec | undefined, config: Record<string, unknown>): Record<string, unknown> {
  return definition ? fillObject(definition, config) : { type: serviceType, ...config };
}

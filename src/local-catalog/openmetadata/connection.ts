import { checkConnection, withConnectionDefaults } from "../../openmetadata/service/service-types.js";
import { badRequest } from "./errors.js";
import { unmaskConfig } from "./masking.js";
import type { ServiceEntity } from "./types.js";

/**
 * Validates an incoming `connection` for a service type, puts stored secrets back where the caller sent
 * the mask, and fills in schema defaults (openmetadata-contract.md §2.3, §1.3, §7.3). Errors use the
 * server's texts: an unrecognized field → `Failed to encrypt '<Type>' connection before storing in DB
 * due to an unrecognized field: '<key>'`; anything else → `InvalidServiceConnectionException for service
 * [<Type>] due to [<problem>].`
 */
export function prepareConnection(serviceType: string, incoming: unknown, stored: ServiceEntity["connection"]): NonNullable<ServiceEntity["connection"]> {
  const problems = checkConnection(serviceType, incoming);
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
  return { config: withConnectionDefaults(serviceType, unmaskConfig(serviceType, config, stored?.config)) };
}

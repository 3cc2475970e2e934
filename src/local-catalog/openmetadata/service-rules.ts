import { isPlainObject } from "../plain-object.js";
import { prepareConnection } from "./connection.js";
import { badRequest, constraintViolations, invalidRequestFormat } from "./errors.js";
import { optionalString, setOptional } from "./create-request.js";
import type { KindRules } from "./entity-repository.js";
import type { EntityKind } from "./kinds.js";
import { quoteName } from "./names.js";
import type { EntityStore } from "./store.js";
import type { EntityReference, ServiceEntity } from "./types.js";
import { isUuid } from "./uuid.js";

const TEST_CONNECTION_KEYS = new Set(["lastUpdatedAt", "status", "steps"]);
const TEST_CONNECTION_STATUSES = new Set(["Successful", "Failed", "Running"]);

/**
 * What a service kind does besides the common rules (openmetadata-contract.md §2, §3, §7): a one-part
 * FQN; `serviceType` required and immutable; `connection` checked, unmasked and defaulted; an
 * `ingestionRunner` reference; and the assets it holds: a service that still holds models or pipelines
 * refuses a non-recursive delete (`{T} is not empty`, §3.7), a recursive one takes them along.
 */
export function serviceRules(kind: EntityKind, store: EntityStore): KindRules {
  const types = "types" in kind.service ? kind.service.types : [];
  const attribute = (name: string) => badRequest(`${kind.entityType} attribute ${name} can't be modified`);
  return {
    parseOwn(input, violations) {
      const serviceType = optionalString(input, "serviceType");
      if (serviceType !== undefined && !types.includes(serviceType)) throw invalidRequestFormat();
      optionalString(input, "scheduleInterval");
      for (const key of ["connection", "ingestionRunner"]) {
        if (input[key] !== undefined && input[key] !== null && !isPlainObject(input[key])) throw invalidRequestFormat();
      }
      if (serviceType === undefined) violations.push("serviceType must not be null");
      return { serviceType, connection: input.connection ?? undefined, ingestionRunner: parseRunner(input.ingestionRunner) };
    },
    fqnOf: (request) => quoteName(request.name),
    lookupFqn: quoteName,
    create(request) {
      const own = request.own as { serviceType: string; connection?: unknown; ingestionRunner?: EntityReference };
      const fields: Record<string, unknown> = { serviceType: own.serviceType };
      if (own.connection !== undefined) fields.connection = prepareConnection(own.serviceType, own.connection, undefined);
      if (own.ingestionRunner !== undefined) fields.ingestionRunner = own.ingestionRunner;
      return { fields };
    },
    put(updated, stored, request) {
      const own = request.own as { serviceType: string; connection?: unknown; ingestionRunner?: EntityReference };
      const service = stored as ServiceEntity;
      if (own.serviceType !== service.serviceType) throw attribute("serviceType");
      if (own.connection !== undefined) updated.connection = prepareConnection(service.serviceType, own.connection, service.connection);
      if (own.ingestionRunner !== undefined) updated.ingestionRunner = own.ingestionRunner;
    },
    patch(doc, stored, updated) {
      const service = stored as ServiceEntity;
      if (doc.serviceType !== service.serviceType) {
        if (typeof doc.serviceType !== "string") throw invalidRequestFormat();
        throw attribute("serviceType");
      }
      setOptional(updated, "ingestionRunner", parseRunner(doc.ingestionRunner));
      if (doc.connection === undefined || doc.connection === null) delete updated.connection;
      else updated.connection = prepareConnection(service.serviceType, doc.connection, service.connection);
    },
    cascade(entity, change, recursive) {
      if (change === "check") {
        if (!recursive && store.liveChildren(entity.id) > 0) throw badRequest(`${kind.entityType} is not empty`);
        return;
      }
      for (const child of store.children(entity.id)) {
        if (change === "hard") store.remove(child.id);
        else if (change === "soft" && !child.deleted) store.update({ ...child, deleted: true });
        else if (change === "restore" && child.deleted) store.update({ ...child, deleted: false });
      }
    },
  };
}

/** PUT `/{id}/testConnectionResult` (§3.12): the body as stored, checked as Jackson and bean validation would. */
export function parseTestConnectionResult(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw invalidRequestFormat();
  if (Object.keys(body).some((k) => !TEST_CONNECTION_KEYS.has(k))) throw invalidRequestFormat();
  if (body.status !== undefined && !TEST_CONNECTION_STATUSES.has(body.status as string)) throw invalidRequestFormat();
  if (body.lastUpdatedAt !== undefined && typeof body.lastUpdatedAt !== "number") throw invalidRequestFormat();
  if (body.steps === undefined || body.steps === null) throw constraintViolations(["steps must not be null"]);
  if (!Array.isArray(body.steps)) throw invalidRequestFormat();
  return body;
}

function parseRunner(value: unknown): EntityReference | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw invalidRequestFormat();
  if (!isUuid(value.id) || typeof value.type !== "string") throw invalidRequestFormat();
  return { ...(value as unknown as EntityReference) };
}

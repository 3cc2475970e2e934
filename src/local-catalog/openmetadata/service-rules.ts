import { isPlainObject } from "../plain-object.js";
import { prepareConnection } from "./connection.js";
import { checkField } from "./connection-spec.js";
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
 * What a service kind does besides the common rules (docs/upstream/openmetadata.md §2, §3, §7): a one-part
 * FQN; `serviceType` required and immutable; `connection` checked against the kind's connector
 * definitions, unmasked and defaulted; an `ingestionRunner` reference; the kind's own keys
 * (`serviceAttributes`, `style`) stored as sent; and the assets it holds: a service that still holds models or pipelines
 * refuses a non-recursive delete (`{T} is not empty`, §3.7), a recursive one takes them along.
 */
export function serviceRules(kind: EntityKind, store: EntityStore): KindRules {
  const { types, connections } = "types" in kind.service ? kind.service : { types: [], connections: {} };
  const ownFields = kind.ownFields ?? {};
  const connection = (serviceType: string, incoming: unknown, stored: ServiceEntity["connection"]) =>
    prepareConnection(serviceType, connections[serviceType], incoming, stored);
  // The kind's own keys as sent (`null`: absent); a wrong shape is a mapping error.
  const checkOwn = (body: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(ownFields)) {
      const value = body[key];
      if (value === undefined || value === null) continue;
      if (checkField(spec, value, key, kind.entityType).length > 0) throw invalidRequestFormat();
      out[key] = value;
    }
    return out;
  };
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
      return { serviceType, connection: input.connection ?? undefined, ingestionRunner: parseRunner(input.ingestionRunner), fields: checkOwn(input) };
    },
    fqnOf: (request) => quoteName(request.name),
    lookupFqn: quoteName,
    create(request) {
      const own = request.own as unknown as OwnRequest;
      const fields: Record<string, unknown> = { serviceType: own.serviceType, ...own.fields };
      if (own.connection !== undefined) fields.connection = connection(own.serviceType, own.connection, undefined);
      if (own.ingestionRunner !== undefined) fields.ingestionRunner = own.ingestionRunner;
      return { fields };
    },
    put(updated, stored, request) {
      const own = request.own as unknown as OwnRequest;
      const service = stored as ServiceEntity;
      if (own.serviceType !== service.serviceType) throw attribute("serviceType");
      if (own.connection !== undefined) updated.connection = connection(service.serviceType, own.connection, service.connection);
      Object.assign(updated, own.fields);
      if (own.ingestionRunner !== undefined) updated.ingestionRunner = own.ingestionRunner;
    },
    patch(doc, stored, updated) {
      const service = stored as ServiceEntity;
      if (doc.serviceType !== service.serviceType) {
        if (typeof doc.serviceType !== "string") throw invalidRequestFormat();
        throw attribute("serviceType");
      }
      setOptional(updated, "ingestionRunner", parseRunner(doc.ingestionRunner));
      const own = checkOwn(doc);
      for (const key of Object.keys(ownFields)) setOptional(updated, key, own[key]);
      if (doc.connection === undefined || doc.connection === null) delete updated.connection;
      else updated.connection = connection(service.serviceType, doc.connection, service.connection);
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

/** A service create request's own keys, as `parseOwn` reads them. */
interface OwnRequest {
  serviceType: string;
  connection?: unknown;
  ingestionRunner?: EntityReference;
  fields: Record<string, unknown>;
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

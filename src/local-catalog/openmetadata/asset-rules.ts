import { isPlainObject } from "../plain-object.js";
import { checkField } from "./connection-spec.js";
import { optionalString, setOptional } from "./create-request.js";
import type { KindRules } from "./entity-repository.js";
import { constraintViolations, invalidRequestFormat, notFound } from "./errors.js";
import type { EntityKind } from "./kinds.js";
import { childFqn, quoteName } from "./names.js";
import type { ReferenceStore } from "./references.js";
import type { EntityStore } from "./store.js";
import type { AssetEntity, Entity, EntityReference } from "./types.js";

/**
 * What a data asset kind (ML models, pipelines) does besides the common rules: it lives in a service
 * named by FQN on create (`service` required; unknown → 404 `<serviceType> instance for <fqn> not found`),
 * its FQN is `<service FQN>.<quoted name>` (docs/upstream/openmetadata.md §8.1), its own keys are checked
 * against their schema shapes (a mismatch is Jackson's `Invalid request format`), and `service`,
 * `serviceType` and the latest `pipelineStatus` are protected from PATCH (§7.1).
 */
export function assetRules(kind: EntityKind, store: EntityStore, references: ReferenceStore): KindRules {
  const parentType = "parent" in kind.service ? kind.service.parent : "";
  const ownFields = kind.ownFields ?? {};
  const findService = (fqn: string): Entity => {
    const service = store.findByFqn(parentType, fqn) ?? store.findByFqn(parentType, quoteName(fqn));
    if (!service || service.deleted) throw notFound(parentType, fqn);
    return service;
  };
  const withTaskFqns = (fields: Record<string, unknown>, fqn: string) => {
    if (Array.isArray(fields.tasks)) fields.tasks = fields.tasks.map((t: Record<string, unknown>) => ({ ...t, fullyQualifiedName: childFqn(fqn, t.name as string) }));
    return fields;
  };
  const checkOwn = (body: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(ownFields)) {
      const value = body[key];
      if (value === undefined) continue;
      if (value !== null && checkField(spec, value, key, kind.entityType).length > 0) throw invalidRequestFormat();
      out[key] = value;
    }
    return out;
  };
  return {
    parseOwn(input, violations) {
      const service = optionalString(input, "service");
      if (service === undefined) violations.push("service must not be null");
      const dashboard = optionalString(input, "dashboard");
      const domain = kind.createKeys.has("domain") ? optionalString(input, "domain") : undefined;
      return { service, dashboard, domain, fields: checkOwn(input) };
    },
    fqnOf(request) {
      const service = typeof request.own.service === "string" ? findService(request.own.service) : undefined;
      return service ? childFqn(service.fullyQualifiedName, request.name) : request.name;
    },
    lookupFqn: (fqn) => fqn,
    create(request, fqn) {
      const own = request.own as { service: string; dashboard?: string; domain?: string; fields: Record<string, unknown> };
      const service = findService(own.service);
      const fields: Record<string, unknown> = {
        service: { id: service.id, type: parentType, name: service.name, fullyQualifiedName: service.fullyQualifiedName, deleted: false } satisfies EntityReference,
        serviceType: service.serviceType,
        ...withTaskFqns(removeNulls(own.fields), fqn),
      };
      // The catalog serves no dashboards: any dashboard a model names is unknown (§4.3).
      if (own.dashboard !== undefined) throw notFound("dashboard", own.dashboard);
      if (kind.ownFields?.algorithm && fields.algorithm === undefined) fields.algorithm = "mlmodel";
      // `createMlModel.json` still names one `domain` by FQN where newer requests send `domains`.
      if (own.domain !== undefined) fields.domains = references.referencesByFqn([own.domain], "domain");
      return { fields, parentId: service.id };
    },
    put(updated, stored, request) {
      const own = request.own as { dashboard?: string; fields: Record<string, unknown> };
      if (own.dashboard !== undefined) throw notFound("dashboard", own.dashboard);
      for (const [key, value] of Object.entries(withTaskFqns(removeNulls(own.fields), stored.fullyQualifiedName))) updated[key] = value;
    },
    patch(doc, stored, updated) {
      const asset = stored as AssetEntity;
      const own = checkOwn(doc);
      for (const key of Object.keys(ownFields)) setOptional(updated, key, own[key] ?? undefined);
      withTaskFqns(updated, stored.fullyQualifiedName);
      if (kind.relations.dashboard) {
        if (doc.dashboard !== undefined && doc.dashboard !== null && !isPlainObject(doc.dashboard)) throw invalidRequestFormat();
        setOptional(updated, "dashboard", doc.dashboard ?? undefined);
      }
      // `algorithm` is required by the entity schema: removing it fails bean validation.
      if (kind.ownFields?.algorithm && updated.algorithm === undefined) throw constraintViolations(["algorithm must not be null"]);
      updated.service = asset.service;
      updated.serviceType = asset.serviceType;
      setOptional(updated, "pipelineStatus", stored.pipelineStatus);
    },
  };
}

function removeNulls(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));
}

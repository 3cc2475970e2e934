import jsonpatch from "fast-json-patch";
import type { Context } from "../../context.js";
import { badInput, ErrorCode, GatewayError, isNotFound } from "../../errors.js";
import {
  createService,
  deleteService,
  getDomainReference,
  getService,
  patchService,
  putService,
  restoreService,
  type CreateServiceRequest,
  type ServiceKey,
} from "./api.js";
import type { ServiceKind } from "./kinds.js";
import { relationsFor, toServicePatch, UnclearableFieldError, type PatchOperation, type ReferenceValue, type ServiceChanges, type TagLabelValue } from "./patch.js";
import { serviceKeyOf } from "./reads.js";
import type { ServiceResource } from "./resource.js";
import {
  checkConnectionConfig,
  checkCreateInput,
  checkPatchOperations,
  checkUpdateInput,
  withType,
  type CreateServiceInput,
  type PatchOperationInput,
  type UpdateServiceInput,
} from "./validate.js";
import { conflictError, inputErrorOf, isPreconditionFailed, notEmptyError } from "./write-errors.js";

const { applyPatch, deepClone, validate: validatePatch } = jsonpatch;

/** The payload field that holds the service: `mlModelService` or `pipelineService` (API.md). */
export type PayloadKey = "mlModelService" | "pipelineService";

/** What `update…` and `patch…` answer: the service, the operations sent, and whether anything changed. */
export type UpdatePayload<K extends PayloadKey> = { [P in K]: ServiceResource } & { patch: PatchOperation[]; changed: boolean };

type Addressed = { id?: string | null; fullyQualifiedName?: string | null };

/** A tag input as the label OpenMetadata stores, with its defaults filled in (§2.4: the four required keys). */
function toTagLabel(tag: NonNullable<UpdateServiceInput["tags"]>[number]): TagLabelValue {
  return { tagFQN: tag.tagFQN, source: tag.source ?? "Classification", labelType: tag.labelType ?? "Manual", state: tag.state ?? "Confirmed" };
}

/** A create input as OpenMetadata's `Create{T}` request (openmetadata-contract.md §2.2); null and omitted both leave a key out. */
export function toCreateRequest(input: CreateServiceInput): CreateServiceRequest {
  const request: CreateServiceRequest = { name: input.name, serviceType: input.serviceType };
  if (input.displayName != null) request.displayName = input.displayName;
  if (input.description != null) request.description = input.description;
  if (input.connection != null) request.connection = { config: withType(input.serviceType, input.connection) as Record<string, unknown> };
  if (input.owners != null) request.owners = input.owners.map(({ id, type }) => ({ id, type }));
  if (input.tags != null) request.tags = input.tags.map(toTagLabel);
  if (input.domains != null) request.domains = [...input.domains];
  if (input.scheduleInterval != null) request.scheduleInterval = input.scheduleInterval;
  return request;
}

/** `create…(input)`: POST (§3.4); a taken name, soft-deleted included, is ALREADY_EXISTS. */
export function createServiceField(kind: ServiceKind) {
  return async (_parent: unknown, args: { input: CreateServiceInput }, ctx: Context): Promise<ServiceResource> => {
    checkCreateInput(kind, args.input);
    const { upstream, scope } = ctx.openmetadata;
    const service = await createService(upstream, scope, kind, toCreateRequest(args.input)).catch((error: unknown) => {
      throw inputErrorOf(error, "input");
    });
    ctx.loaders[kind.entityType].prime(service);
    return service;
  };
}

/** `createOrUpdate…(input)`: PUT (§3.5); `created` from the status, 201 versus 200. */
export function createOrUpdateServiceField<K extends PayloadKey>(kind: ServiceKind, key: K) {
  return async (_parent: unknown, args: { input: CreateServiceInput }, ctx: Context) => {
    checkCreateInput(kind, args.input);
    const { upstream, scope } = ctx.openmetadata;
    const outcome = await putService(upstream, scope, kind, toCreateRequest(args.input)).catch((error: unknown) => {
      throw inputErrorOf(error, "input");
    });
    ctx.loaders[kind.entityType].prime(outcome.service);
    return { [key]: outcome.service, created: outcome.created } as { [P in K]: ServiceResource } & { created: boolean };
  };
}

/** Resolves domain FQNs to the references a PATCH carries; an unknown one is a BAD_USER_INPUT naming it (§2.4, §4.3). */
async function domainReferences(ctx: Context, fqns: readonly string[], prefix: string): Promise<ReferenceValue[]> {
  const { upstream, scope } = ctx.openmetadata;
  const unique = [...new Set(fqns)];
  const found = await Promise.all(unique.map((fqn) => getDomainReference(upstream, scope, fqn)));
  const byFqn = new Map(unique.map((fqn, index) => [fqn, found[index]]));
  return fqns.map((fqn, index) => {
    const reference = byFqn.get(fqn);
    if (!reference) throw badInput(`${prefix}.domains[${index}]`, `no domain with the fully qualified name ${JSON.stringify(fqn)}`);
    return reference;
  });
}

/** The update input in wire values (`ServiceChanges`): tag defaults filled, domains resolved, the connection typed. */
async function changesOf(ctx: Context, input: UpdateServiceInput, serviceType: string): Promise<ServiceChanges> {
  const changes: ServiceChanges = {};
  if (input.description !== undefined) changes.description = input.description;
  if (input.displayName !== undefined) changes.displayName = input.displayName;
  if (input.owners !== undefined) changes.owners = input.owners === null ? null : input.owners.map(({ id, type }) => ({ id, type }));
  if (input.tags !== undefined) changes.tags = input.tags === null ? null : input.tags.map(toTagLabel);
  if (input.domains !== undefined) changes.domains = input.domains === null ? null : await domainReferences(ctx, input.domains, "input");
  if (input.connection !== undefined && input.connection !== null) {
    changes.connection = withType(serviceType, input.connection) as Record<string, unknown>;
  }
  return changes;
}

/** Reads the service an update starts from, with exactly the relations the update touches; absent is NOT_FOUND. */
async function snapshotOf(ctx: Context, kind: ServiceKind, key: ServiceKey, input: UpdateServiceInput): Promise<ServiceResource> {
  const snapshot = await ctx.loaders[kind.entityType].entity.load({ ...key, include: "non-deleted", fields: relationsFor(input) });
  if (!snapshot) throw notFound(kind, key);
  return snapshot;
}

function notFound(kind: ServiceKind, key: ServiceKey): GatewayError {
  const which = key.by === "id" ? `id ${key.id}` : `fully qualified name ${JSON.stringify(key.fqn)}`;
  return new GatewayError(ErrorCode.NOT_FOUND, `no ${kind.entityType} with ${which}`);
}

function sameVersion(a: number, b: number): boolean {
  return Math.round(a * 10) === Math.round(b * 10);
}

/**
 * `update…(id | fullyQualifiedName, input, expectedVersion, dryRun)`: reads the service with the
 * relations the input touches, builds the JSON Patch with the field table (patch.ts), checks it, and
 * sends it with `If-Match: W/"<snapshot version>"` (§3.6, §6.2). An input that changes nothing, or a
 * dry run, sends nothing. The payload's `patch` is exactly what was sent; the service is the upstream's
 * answer and primes the request's loaders.
 */
export function updateServiceField<K extends PayloadKey>(kind: ServiceKind, payloadKey: K) {
  return async (
    _parent: unknown,
    args: Addressed & { input: UpdateServiceInput; expectedVersion?: number | null; dryRun?: boolean | null },
    ctx: Context,
  ): Promise<UpdatePayload<K>> => {
    const key = serviceKeyOf(args);
    checkUpdateInput(args.input);
    const snapshot = await snapshotOf(ctx, kind, key, args.input);
    const changes = await changesOf(ctx, args.input, snapshot.serviceType);
    const { upstream, scope } = ctx.openmetadata;
    const expected = args.expectedVersion ?? undefined;
    if (expected !== undefined && !sameVersion(expected, snapshot.version)) {
      throw await conflictError(upstream, scope, kind, key, expected, undefined, snapshot.version);
    }
    const patch = buildPatch(snapshot, changes);
    const answer = (service: ServiceResource, changed: boolean) => ({ [payloadKey]: service, patch, changed }) as UpdatePayload<K>;
    if (patch.length === 0) return answer(snapshot, false);
    if (args.dryRun) return answer(snapshot, true);
    const byId: ServiceKey = { by: "id", id: snapshot.id };
    try {
      const outcome = await patchService(upstream, scope, kind, byId, patch, snapshot.version);
      ctx.loaders[kind.entityType].prime(outcome.service);
      return answer(outcome.service, outcome.changed ?? true);
    } catch (error) {
      if (isPreconditionFailed(error)) throw await conflictError(upstream, scope, kind, byId, snapshot.version, error);
      throw inputErrorOf(error, "input");
    }
  };
}

/** The patch of `changes` over `snapshot`, checked: it applies to the snapshot, and the resulting connection is valid. */
function buildPatch(snapshot: ServiceResource, changes: ServiceChanges): PatchOperation[] {
  let patch: PatchOperation[];
  try {
    patch = toServicePatch(snapshot, changes);
  } catch (error) {
    if (error instanceof UnclearableFieldError) throw badInput(`input.${error.field}`, "cannot be cleared (null)");
    throw error;
  }
  const invalid = validatePatch(patch, deepClone(snapshot));
  if (invalid) throw new Error(`the update's patch does not apply to its snapshot: ${invalid.message}`);
  if (changes.connection !== undefined && patch.length > 0) {
    const result = applyPatch(deepClone(snapshot) as ServiceResource, patch, true, false).newDocument;
    checkConnectionConfig(snapshot.serviceType, result.connection?.config, "input.connection");
  }
  return patch;
}

/**
 * `patch…(id | fullyQualifiedName, operations, expectedVersion)`: raw RFC 6902 operations, checked first
 * (validate.ts), sent with `If-Match` of `expectedVersion` when given (§6.2); a 412 is a CONFLICT.
 */
export function patchServiceField<K extends PayloadKey>(kind: ServiceKind, payloadKey: K) {
  return async (
    _parent: unknown,
    args: Addressed & { operations: readonly PatchOperationInput[]; expectedVersion?: number | null },
    ctx: Context,
  ): Promise<UpdatePayload<K>> => {
    const key = serviceKeyOf(args);
    const patch = checkPatchOperations(args.operations);
    const { upstream, scope } = ctx.openmetadata;
    const expected = args.expectedVersion ?? undefined;
    try {
      const outcome = await patchService(upstream, scope, kind, key, patch, expected);
      ctx.loaders[kind.entityType].prime(outcome.service);
      return { [payloadKey]: outcome.service, patch, changed: outcome.changed ?? true } as UpdatePayload<K>;
    } catch (error) {
      if (isPreconditionFailed(error) && expected !== undefined) throw await conflictError(upstream, scope, kind, key, expected, error);
      throw inputErrorOf(error, "operations");
    }
  };
}

/**
 * `delete…(id | fullyQualifiedName, hardDelete, recursive)` (§3.7): the service as the upstream answered
 * it. A service with children and no `recursive` is a BAD_USER_INPUT naming `recursive`.
 */
export function deleteServiceField(kind: ServiceKind) {
  return async (_parent: unknown, args: Addressed & { hardDelete?: boolean | null; recursive?: boolean | null }, ctx: Context): Promise<ServiceResource> => {
    const key = serviceKeyOf(args);
    const hardDelete = args.hardDelete ?? false;
    const { upstream, scope } = ctx.openmetadata;
    const service = await deleteService(upstream, scope, kind, key, { hardDelete, recursive: args.recursive ?? false }).catch((error: unknown) => {
      throw notEmptyError(error, kind);
    });
    const loaders = ctx.loaders[kind.entityType];
    if (hardDelete) loaders.forget(service.id);
    else loaders.prime(service);
    return service;
  };
}

/**
 * `restore…(id)` (§3.8): checks first that the service is soft-deleted (real servers answer 500
 * otherwise, §12.13), so an active or unknown id is a clean NOT_FOUND and nothing is written.
 */
export function restoreServiceField(kind: ServiceKind) {
  return async (_parent: unknown, args: { id: string }, ctx: Context): Promise<ServiceResource> => {
    const key = serviceKeyOf({ id: args.id });
    const { upstream, scope } = ctx.openmetadata;
    const current = await getService(upstream, scope, kind, key, { fields: [], include: "deleted" }).then(
      (answer) => answer.body,
      (error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      },
    );
    if (!current || current.deleted !== true) {
      throw new GatewayError(ErrorCode.NOT_FOUND, `no soft-deleted ${kind.entityType} with id ${args.id}: only a soft-deleted service can be restored`);
    }
    const service = await restoreService(upstream, scope, kind, args.id);
    ctx.loaders[kind.entityType].prime(service);
    return service;
  };
}

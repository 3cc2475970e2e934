import jsonpatch from "fast-json-patch";
import type { Context } from "../../context.js";
import { badInput, ErrorCode, GatewayError, isNotFound } from "../../errors.js";
import {
  createEntity,
  deleteEntity,
  getEntity,
  patchEntity,
  putEntity,
  restoreEntity,
  setFollower,
  type CreateRequest,
  type EntityKey,
} from "./api.js";
import { mayRetry } from "./conflict-retry.js";
import type { EntityKind } from "./kind.js";
import { relationsFor, toEntityPatch, UnclearableFieldError, type EntityChanges, type PatchOperation, type TagLabelValue } from "./patch.js";
import { entityKeyOf } from "./reads.js";
import { idArgument } from "../../security/ids.js";
import { maskPatchEcho } from "../../security/secrets.js";
import { referencesByName, resolveReferences, type ReferenceInput } from "./references.js";
import type { EntityResource } from "./resource.js";
import { checkCreateInput, checkPatchOperations, checkUpdateInput, type PatchOperationInput } from "./validate.js";
import { conflictError, inputErrorOf, isPreconditionFailed, notEmptyError } from "./write-errors.js";

const { validate: validatePatch, deepClone } = jsonpatch;

/** A create or update input as GraphQL hands it over: the kind's own fields, `undefined` left, `null` cleared. */
export type EntityInput = Record<string, unknown>;

/** What `update…` and `patch…` answer: the entity under the kind's payload key, the operations sent, and whether anything changed. */
export type UpdatePayload = Record<string, unknown> & { patch: PatchOperation[]; changed: boolean };

type Addressed = { id?: string | null; fullyQualifiedName?: string | null };

type TagInput = { tagFQN: string; source?: string | null; labelType?: string | null; state?: string | null };

/** A tag input as the label OpenMetadata stores, with its defaults filled in (§2.4: the four required keys). */
function toTagLabel(tag: TagInput): TagLabelValue {
  return { tagFQN: tag.tagFQN, source: tag.source ?? "Classification", labelType: tag.labelType ?? "Manual", state: tag.state ?? "Confirmed" };
}

/**
 * A create input as OpenMetadata's `Create{T}` request (docs/upstream/openmetadata.md §2.2): every field
 * given is sent under its own name (null and omitted both leave it out), tags with their defaults,
 * owners as `{id, type}` with names resolved through the request's loader; the kind adds its own
 * conversions (a service's `connection` travels as `{config}`).
 */
export async function toCreateRequest(ctx: Context, kind: EntityKind, input: EntityInput, prefix: string): Promise<CreateRequest> {
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    if (key === "owners") request.owners = await resolveReferences(ctx.loaders.references, value as ReferenceInput[], `${prefix}.owners`);
    else if (key === "tags") request.tags = (value as TagInput[]).map(toTagLabel);
    else request[key] = Array.isArray(value) ? [...value] : value;
  }
  return (kind.createRequest ? kind.createRequest(request, prefix) : request) as CreateRequest;
}

/** `create…(input)`: POST (§3.4); a taken name, soft-deleted included, is ALREADY_EXISTS. */
export function createEntityField(kind: EntityKind) {
  return async (_parent: unknown, args: { input: EntityInput }, ctx: Context): Promise<EntityResource> => {
    checkCreateInput(kind, args.input);
    const request = await toCreateRequest(ctx, kind, args.input, "input");
    const { upstream, scope } = ctx.openmetadata;
    const entity = await createEntity(upstream, scope, kind, request).catch((error: unknown) => {
      throw inputErrorOf(error, "input", request);
    });
    ctx.loaders.entities(kind).prime(entity);
    return entity;
  };
}

/** `createOrUpdate…(input)`: PUT (§3.5); `created` from the status, 201 versus 200. */
export function createOrUpdateEntityField(kind: EntityKind) {
  return async (_parent: unknown, args: { input: EntityInput }, ctx: Context) => {
    checkCreateInput(kind, args.input);
    const request = await toCreateRequest(ctx, kind, args.input, "input");
    const { upstream, scope } = ctx.openmetadata;
    const outcome = await putEntity(upstream, scope, kind, request).catch((error: unknown) => {
      throw inputErrorOf(error, "input", request);
    });
    ctx.loaders.entities(kind).prime(outcome.entity);
    return { [kind.field]: outcome.entity, created: outcome.created };
  };
}

/**
 * The update input in wire values (`EntityChanges`), by the kind's patch table: tag defaults filled,
 * owners by name and references by FQN resolved, the kind's own conversions applied.
 */
async function changesOf(ctx: Context, kind: EntityKind, input: EntityInput, snapshot: EntityResource): Promise<EntityChanges> {
  const changes: Record<string, unknown> = {};
  for (const field of kind.patchFields) {
    const value = input[field.name];
    if (value === undefined || value === null) {
      if (value === null) changes[field.name] = null;
      continue;
    }
    const at = `input.${field.name}`;
    if (field.name === "owners") changes.owners = await resolveReferences(ctx.loaders.references, value as ReferenceInput[], at);
    else if (field.name === "tags") changes.tags = (value as TagInput[]).map(toTagLabel);
    else if (field.reference) {
      const names = Array.isArray(value) ? (value as string[]) : [value as string];
      const found = await referencesByName(ctx.loaders.references, field.reference, names, at);
      changes[field.name] = Array.isArray(value) ? found : found[0];
    } else changes[field.name] = value;
  }
  return kind.changes ? kind.changes(changes, snapshot) : changes;
}

/** Reads the entity an update starts from, with exactly the relations the update touches; absent is NOT_FOUND. */
async function snapshotOf(ctx: Context, kind: EntityKind, key: EntityKey, input: EntityInput): Promise<EntityResource> {
  const snapshot = await ctx.loaders.entities(kind).entity.load({ ...key, include: "non-deleted", fields: relationsFor(kind.patchFields, input) });
  if (!snapshot) throw notFound(kind, key);
  return snapshot;
}

function notFound(kind: EntityKind, key: EntityKey): GatewayError {
  const which = key.by === "id" ? `id ${key.id}` : `fully qualified name ${JSON.stringify(key.fqn)}`;
  return new GatewayError(ErrorCode.NOT_FOUND, `no ${kind.noun} with ${which}`);
}

function sameVersion(a: number, b: number): boolean {
  return Math.round(a * 10) === Math.round(b * 10);
}

/**
 * `update…(id | fullyQualifiedName, input, expectedVersion, dryRun)`: reads the entity with the
 * relations the input touches, builds the JSON Patch with the kind's patch table (patch.ts), and sends
 * it with `If-Match: W/"<snapshot version>"` (§3.6, §6.2). An input that changes nothing, or a dry
 * run, sends nothing. The payload's `patch` is exactly what was sent; the entity is the upstream's
 * answer and primes the request's loaders.
 *
 * A lost race (412) is the caller's CONFLICT only when the caller pinned `expectedVersion`; otherwise
 * the update reads the entity again, recomputes the patch from the same input and sends it again,
 * bounded and with jitter (conflict-retry.ts), and the operation's log line counts the retries.
 */
export function updateEntityField(kind: EntityKind) {
  return async (
    _parent: unknown,
    args: Addressed & { input: EntityInput; expectedVersion?: number | null; dryRun?: boolean | null },
    ctx: Context,
  ): Promise<UpdatePayload> => {
    let key = entityKeyOf(args);
    checkUpdateInput(kind, args.input);
    const { upstream, scope, conflictRetry } = ctx.openmetadata;
    const expected = args.expectedVersion ?? undefined;
    const startedAt = conflictRetry.now();
    for (let retries = 0; ; retries++) {
      const snapshot = await snapshotOf(ctx, kind, key, args.input);
      const changes = await changesOf(ctx, kind, args.input, snapshot);
      if (expected !== undefined && !sameVersion(expected, snapshot.version)) {
        throw await conflictError(upstream, scope, kind, key, expected, undefined, snapshot.version);
      }
      const patch = buildPatch(kind, snapshot, changes);
      const answer = (entity: EntityResource, changed: boolean): UpdatePayload => ({ [kind.field]: entity, patch: maskPatchEcho(patch), changed });
      if (patch.length === 0) return answer(snapshot, false);
      if (args.dryRun) return answer(snapshot, true);
      key = { by: "id", id: snapshot.id };
      try {
        const outcome = await patchEntity(upstream, scope, kind, key, patch, snapshot.version);
        ctx.loaders.entities(kind).prime(outcome.entity);
        return answer(outcome.entity, outcome.changed ?? true);
      } catch (error) {
        if (!isPreconditionFailed(error)) throw inputErrorOf(error, "input", changes);
        if (expected !== undefined || !mayRetry(conflictRetry, retries, startedAt)) throw await conflictError(upstream, scope, kind, key, expected, error);
      }
      ctx.calls.conflictRetries++;
      ctx.loaders.entities(kind).forget(key.id);
      await conflictRetry.sleep(conflictRetry.delayMs(retries + 1));
    }
  };
}

/** The patch of `changes` over `snapshot`, checked: it applies to the snapshot. */
function buildPatch(kind: EntityKind, snapshot: EntityResource, changes: EntityChanges): PatchOperation[] {
  let patch: PatchOperation[];
  try {
    patch = toEntityPatch(kind.patchFields, snapshot, changes);
  } catch (error) {
    if (error instanceof UnclearableFieldError) throw badInput(`input.${error.field}`, "cannot be cleared (null)");
    throw error;
  }
  const invalid = validatePatch(patch, deepClone(snapshot));
  if (invalid) throw new Error(`the update's patch does not apply to its snapshot: ${invalid.message}`);
  return patch;
}

/**
 * `patch…(id | fullyQualifiedName, operations, expectedVersion)`: raw RFC 6902 operations, checked first
 * (validate.ts), sent with `If-Match` of `expectedVersion` when given (§6.2); a 412 is a CONFLICT.
 */
export function patchEntityField(kind: EntityKind) {
  return async (
    _parent: unknown,
    args: Addressed & { operations: readonly PatchOperationInput[]; expectedVersion?: number | null },
    ctx: Context,
  ): Promise<UpdatePayload> => {
    const key = entityKeyOf(args);
    const patch = checkPatchOperations(args.operations, "operations", kind);
    const { upstream, scope } = ctx.openmetadata;
    const expected = args.expectedVersion ?? undefined;
    try {
      const outcome = await patchEntity(upstream, scope, kind, key, patch, expected);
      ctx.loaders.entities(kind).prime(outcome.entity);
      return { [kind.field]: outcome.entity, patch: maskPatchEcho(patch), changed: outcome.changed ?? true };
    } catch (error) {
      if (isPreconditionFailed(error) && expected !== undefined) throw await conflictError(upstream, scope, kind, key, expected, error);
      throw inputErrorOf(error, "operations", patch);
    }
  };
}

/**
 * `delete…(id | fullyQualifiedName, hardDelete, recursive)` (§3.7): the entity as it was deleted, with
 * `deleted: true` either way (the upstream answers a hard-deleted entity as it was before, `deleted:
 * false`, though it is gone for good). A service with children and no `recursive` is a BAD_USER_INPUT
 * naming `recursive`.
 */
export function deleteEntityField(kind: EntityKind) {
  return async (_parent: unknown, args: Addressed & { hardDelete?: boolean | null; recursive?: boolean | null }, ctx: Context): Promise<EntityResource> => {
    const key = entityKeyOf(args);
    const hardDelete = args.hardDelete ?? false;
    const { upstream, scope } = ctx.openmetadata;
    const entity = await deleteEntity(upstream, scope, kind, key, { hardDelete, recursive: args.recursive ?? false }).catch((error: unknown) => {
      throw notEmptyError(error, kind);
    });
    const loaders = ctx.loaders.entities(kind);
    if (!hardDelete) {
      loaders.prime(entity);
      return entity;
    }
    loaders.forget(entity.id);
    return { ...entity, deleted: true }; // the spread keeps the typename stamp (an own symbol)
  };
}

/**
 * `restore…(id | fullyQualifiedName)` (§3.8): checks first that the entity is soft-deleted (real
 * servers answer 500 otherwise, §12.13), so an active or unknown one is a clean NOT_FOUND and nothing
 * is written; the upstream restores by id, so a name is read first (that same check).
 */
export function restoreEntityField(kind: EntityKind) {
  return async (_parent: unknown, args: Addressed, ctx: Context): Promise<EntityResource> => {
    const key = entityKeyOf(args);
    const { upstream, scope } = ctx.openmetadata;
    const current = await getEntity(upstream, scope, kind, key, { fields: [], include: "deleted" }).then(
      (answer) => answer.body,
      (error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      },
    );
    if (!current || current.deleted !== true) {
      const which = key.by === "id" ? `id ${key.id}` : `fully qualified name ${JSON.stringify(key.fqn)}`;
      throw new GatewayError(ErrorCode.NOT_FOUND, `no soft-deleted ${kind.noun} with ${which}: only a soft-deleted ${kind.noun} can be restored`);
    }
    const entity = await restoreEntity(upstream, scope, kind, current.id);
    ctx.loaders.entities(kind).prime(entity);
    return entity;
  };
}

/**
 * `follow…(id, userId)` / `unfollow…(id, userId)` (§3.11): the upstream answers a ChangeEvent, so the
 * entity is read again with its followers and answered; an unknown user is a BAD_USER_INPUT naming `userId`.
 */
export function followEntityField(kind: EntityKind, follow: boolean) {
  return async (_parent: unknown, args: { id: string; userId: string }, ctx: Context): Promise<EntityResource> => {
    const key = entityKeyOf({ id: args.id });
    idArgument("userId", args.userId);
    const { upstream, scope } = ctx.openmetadata;
    await setFollower(upstream, scope, kind, args.id, args.userId, follow).catch((error: unknown) => {
      if (isNotFound(error) && /user/i.test((error as { detail?: { message?: string } }).detail?.message ?? "")) {
        throw badInput("userId", `no user with id ${args.userId}`);
      }
      throw error;
    });
    const loaders = ctx.loaders.entities(kind);
    const answer = await getEntity(upstream, scope, kind, key, { fields: ["followers"], include: "all" });
    loaders.prime(answer.body, ["followers"]);
    return answer.body;
  };
}
